// sandbox: --wasm
'use strict';
// @swc/wasm: swc built with wasm-bindgen, strings through its memory both ways
const swc = require('@swc/wasm');

const ts = 'enum Color { Red, Green }\nconst f = <T,>(a: T): T[] => [a, a];\nexport class A { #x = 1; get x(): number { return this.#x; } }\nexport default f(Color.Green);';
console.log(swc.transformSync(ts, { jsc: { parser: { syntax: 'typescript' }, target: 'es2015' } }).code);
console.log(swc.transformSync('const {a, ...rest} = obj; for (const x of xs) console.log(`${x}!`);', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es5' } }).code);
const ast = swc.parseSync('let x = 1 + 2; function g(y) { return y ** 2 }', { syntax: 'ecmascript' });
console.log(ast.body.map((n) => n.type).join(','), ast.body[1].identifier.value);
console.log(swc.minifySync('function add(first, second) { return first + second } console.log(add(1, 2))', { compress: true, mangle: true }).code);
try { swc.transformSync('let = ;', { jsc: { parser: { syntax: 'ecmascript' } } }); } catch (e) { console.log('error', typeof String(e)); }
