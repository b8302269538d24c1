'use strict';
// Script, compileFunction, isContext, cached data and the options' validation.
const assert = require('assert');
const vm = require('vm');

const script = new vm.Script('count = (typeof count === "number" ? count : 0) + 1', { filename: 'count.js' });
const c1 = vm.createContext({});
const c2 = vm.createContext({ count: 10 });
console.log(script.runInContext(c1), script.runInContext(c1), script.runInContext(c2), c1.count, c2.count);
console.log(script.runInNewContext({ count: 100 }), script.runInNewContext());
globalThis.count = 5;
console.log(script.runInThisContext(), globalThis.count);
delete globalThis.count;
console.log(vm.createScript('1 + 1').runInThisContext(), vm.runInThisContext('typeof require'), vm.runInThisContext('this === globalThis'));

// filename, lineOffset and columnOffset place the code in stacks
try {
  new vm.Script('\n  throw new Error("here")', { filename: 'placed.js', lineOffset: 10, columnOffset: 4 }).runInThisContext();
} catch (e) {
  console.log(/placed\.js:12:9/.test(e.stack));
}
try {
  vm.runInNewContext('(function named() { throw new Error("x") })()', {}, { filename: 'inner.js' });
} catch (e) {
  console.log(/named .*inner\.js:1:27/.test(e.stack));
}

// cached data: made, accepted for the same source, rejected for another
const produced = new vm.Script('1 + 2', { produceCachedData: true });
console.log(produced.cachedDataProduced, Buffer.isBuffer(produced.cachedData));
const data = new vm.Script('6 * 7').createCachedData();
console.log(Buffer.isBuffer(data), data.length > 0);
const accepted = new vm.Script('6 * 7', { cachedData: data });
console.log(accepted.cachedDataRejected, accepted.runInThisContext());
console.log(new vm.Script('6 * 8', { cachedData: data }).cachedDataRejected);
console.log(new vm.Script('6 * 7', { cachedData: new Uint8Array(data) }).cachedDataRejected);
console.log(new vm.Script('x', { cachedData: data.subarray(2) }).cachedDataRejected);
console.log(new vm.Script('1').sourceMapURL, new vm.Script('1\n//# sourceMappingURL=app.js.map').sourceMapURL);

// compileFunction
const add = vm.compileFunction('return a + b + (typeof c === "number" ? c : 0)', ['a', 'b']);
console.log(add(1, 2), add.name, add.length, add.toString());
const ext = vm.compileFunction('return a + c + d', ['a'], { contextExtensions: [{ c: 10 }, { d: 100 }] });
console.log(ext(1));
const pc = vm.createContext({ base: 1000 });
const inCtx = vm.compileFunction('return base + Array.isArray(arg) + (arg instanceof Array)', ['arg'], { parsingContext: pc });
console.log(inCtx([]), inCtx(vm.runInContext('[]', pc)));
const strictFn = vm.compileFunction('"use strict"; return this', []);
console.log(strictFn());
const withData = vm.compileFunction('return 1', [], { produceCachedData: true });
console.log(withData.cachedDataProduced, Buffer.isBuffer(withData.cachedData));

// isContext and createContext
const ctx = vm.createContext();
console.log(vm.isContext(ctx), vm.isContext({}), vm.isContext([]), vm.createContext(ctx) === ctx);
console.log(Object.keys(vm.constants), Object.isFrozen(vm.constants), typeof vm.constants.DONT_CONTEXTIFY);

const errors = [
  () => vm.isContext('x'),
  () => vm.createContext('x'),
  () => vm.createContext({}, 'x'),
  () => vm.createContext({}, { name: 1 }),
  () => vm.createContext({}, { microtaskMode: 'never' }),
  () => vm.createContext({}, { codeGeneration: { strings: 1 } }),
  () => vm.runInContext('1', {}),
  () => new vm.Script('1', { filename: 1 }),
  () => new vm.Script('1', { lineOffset: 1.5 }),
  () => new vm.Script('1', { columnOffset: '1' }),
  () => new vm.Script('1', { cachedData: 'x' }),
  () => new vm.Script('1', { produceCachedData: 1 }),
  () => new vm.Script('1').runInThisContext({ timeout: 0 }),
  () => new vm.Script('1').runInThisContext({ timeout: -1 }),
  () => new vm.Script('1').runInThisContext({ timeout: 'x' }),
  () => new vm.Script('1').runInThisContext({ breakOnSigint: 1 }),
  () => new vm.Script('1').runInThisContext({ displayErrors: 'yes' }),
  () => new vm.Script('1').runInContext({}),
  () => vm.compileFunction(1),
  () => vm.compileFunction('', ['a', 1]),
  () => vm.compileFunction('', 'a'),
  () => vm.compileFunction('', [], { parsingContext: {} }),
  () => vm.compileFunction('', [], { contextExtensions: [1] }),
  () => vm.compileFunction('', [], { contextExtensions: {} }),
  () => vm.measureMemory({ mode: 'all' }),
  () => new vm.Script('', { importModuleDynamically: 1 }),
  () => vm.createContext({}, { importModuleDynamically: 'x' }),
  () => vm.compileFunction('', [], { importModuleDynamically: {} }),
];
for (const f of errors) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
assert.ok(new vm.Script('1', { breakOnSigint: true, importModuleDynamically: undefined }));
console.log(new vm.Script('"ok"').runInThisContext({ breakOnSigint: true, displayErrors: false }));
