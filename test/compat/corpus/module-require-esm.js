// require() of ES modules as Node 20.19 does it: the namespace (a facade adding __esModule when
// there is a default export, the "module.exports" export when there is one), the cache, errors
// for top-level await and for cycles, before any of the graph runs; "module-sync" exports.
const fs = require('fs');
const path = require('path');
const util = require('util');
const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'reqesm-'));
const write = (name, text) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
const show = (e) => console.log(e.code, e.message.split(dir).join('<dir>'));
write('esm/package.json', '{"type":"module"}');
write('esm/lib.js', 'export const a = 1; export default function f() { return "def"; }');
write('esm/nodef.js', 'export const b = 2;');
write('esm/own.js', 'export const __esModule = false; export default 5;');
write('esm/me.mjs', 'const x = { hi: 1 }; export { x as "module.exports" }; export const c = 3;');
write('esm/tla.js', 'console.log("tla ran"); await 1; export const x = 2;');
write('esm/deep-tla.mjs', 'console.log("deep ran"); import "./tla.js"; export const y = 1;');
write('esm/throws.mjs', 'export const t = 1; throw new TypeError("at evaluation");');
write('esm/counter.mjs', 'export let count = 0; export function bump() { count++; }');
write('esm/uses-require.mjs', 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' +
  'export const viaCjs = require("../cjs.cjs").name;');
write('cjs.cjs', 'module.exports = { name: "cjs" };');
write('cyc/self.mjs', 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' +
  'try { require("./self.mjs"); } catch (e) { globalThis.selfErr = e; }');
write('cyc/c.cjs', 'try { require("./d.mjs"); } catch (e) { globalThis.cycErr = e; }');
write('cyc/d.mjs', 'import "./c.cjs"; export const d = 1;');
write('node_modules/dual/package.json', JSON.stringify({
  name: 'dual', exports: { 'module-sync': './sync.mjs', require: './req.cjs', default: './req.cjs' },
}));
write('node_modules/dual/sync.mjs', 'export const kind = "module-sync";');
write('node_modules/dual/req.cjs', 'exports.kind = "require";');

const m = require(path.join(dir, 'esm/lib.js'));
console.log(util.inspect(m), util.types.isModuleNamespaceObject(m), Object.getPrototypeOf(m), Object.isExtensible(m));
console.log(Object.getOwnPropertyDescriptor(m, '__esModule'), Object.getOwnPropertyDescriptor(m, 'a'), m.default());
console.log(util.inspect(require(path.join(dir, 'esm/nodef.js'))));
console.log(util.inspect(require(path.join(dir, 'esm/own.js'))));
console.log(require(path.join(dir, 'esm/me.mjs')));
const file = require.resolve(path.join(dir, 'esm/lib.js'));
console.log(require.cache[file].exports === m, require.cache[file].loaded, require(file) === m);
const counter = require(path.join(dir, 'esm/counter.mjs'));
counter.bump();
console.log('live binding', counter.count);
console.log(require(path.join(dir, 'esm/uses-require.mjs')).viaCjs);
for (const name of ['esm/tla.js', 'esm/deep-tla.mjs', 'esm/throws.mjs', 'esm/throws.mjs']) {
  try {
    require(path.join(dir, name));
  } catch (e) {
    console.log(e.constructor.name);
    show(e);
  }
}
require(path.join(dir, 'cyc/c.cjs'));
show(globalThis.cycErr);
import(path.join(dir, 'cyc/self.mjs')).then(() => {
  show(globalThis.selfErr);
  console.log(require('module').createRequire(dir + '/x.js')('dual').kind);
  return import(path.join(dir, 'esm/lib.js'));
}).then((ns) => {
  console.log('import gives the namespace itself', ns === m, ns.default === m.default);
  fs.rmSync(dir, { recursive: true });
});
