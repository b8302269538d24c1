'use strict';
// A contextified object and its context's global are one live view (Node's interceptors).
const assert = require('assert');
const vm = require('vm');

const sandbox = { a: 1, nested: { n: 1 } };
assert.strictEqual(vm.createContext(sandbox), sandbox);
console.log(vm.runInContext('var x = a + 1; y = x * 2; a + x + y', sandbox), sandbox.x, sandbox.y);
sandbox.z = 'outside';
console.log(vm.runInContext('z + " seen inside"', sandbox));
console.log(vm.runInContext('typeof Array + typeof JSON + typeof Math.max', sandbox), 'Array' in sandbox, 'JSON' in sandbox);
console.log(vm.runInContext('this === globalThis', sandbox), vm.runInContext('this', sandbox) === sandbox);
console.log(vm.runInContext('this.a === a && globalThis.x === x', sandbox));
console.log(vm.runInContext('nested.n++; nested', sandbox) === sandbox.nested, sandbox.nested.n);

// lexical declarations stay in the context, not on the object
vm.runInContext('let l = 10; const c = 20; class K {}', sandbox);
console.log(vm.runInContext('l + c + typeof K', sandbox), 'l' in sandbox, 'K' in sandbox);

// defineProperty, accessors and delete go through to the object
vm.runInContext('Object.defineProperty(this, "ro", { value: 5, enumerable: true })', sandbox);
console.log(Object.getOwnPropertyDescriptor(sandbox, 'ro'));
let reads = 0;
Object.defineProperty(sandbox, 'counter', { get() { return ++reads; }, configurable: true });
console.log(vm.runInContext('counter + counter', sandbox), reads);
console.log(vm.runInContext('delete y', sandbox), 'y' in sandbox, vm.runInContext('typeof y', sandbox));
console.log(vm.runInContext('delete ro', sandbox), sandbox.ro);

// assigning a builtin's name writes the object; NaN and undefined stay what they are
const s2 = vm.createContext({});
console.log(vm.runInContext('Array = 5; Array', s2), s2.Array);
console.log(vm.runInContext('NaN = 1; undefined = 2; [NaN, undefined]', s2), 'NaN' in s2);
console.log(vm.runInContext('"use strict"; try { NaN = 1 } catch (e) { e.name }', s2));
console.log(vm.runInContext('"use strict"; try { notDeclared = 1 } catch (e) { e.name }', s2), 'notDeclared' in s2);
console.log(vm.runInContext('try { missing } catch (e) { e.name }', s2), vm.runInContext('typeof missing', s2));

// the object read as the global: window === this
const win = vm.createContext({});
win.window = win;
console.log(vm.runInContext('window === this && window.window === globalThis', win));

// keys seen from inside are the object's; the context's builtins are there, not enumerable
const s3 = vm.createContext({ p: 1 });
vm.runInContext('var q = 2; this.r = 3', s3);
console.log(vm.runInContext('Object.keys(globalThis)', s3), Object.keys(s3));
console.log(vm.runInContext('Object.getOwnPropertyNames(globalThis).includes("Object")', s3));
console.log(vm.runInContext('Object.getOwnPropertyDescriptor(globalThis, "p")', s3));
console.log(vm.runInContext('"p" in this && "Object" in this && !("nope" in this)', s3));

// a Proxy as the object
const log = [];
const target = {};
const proxy = new Proxy(target, {
  set(t, k, v) { log.push(`set ${String(k)}`); t[k] = v; return true; },
});
vm.createContext(proxy);
vm.runInContext('w = 1; w += 1', proxy);
console.log(target.w, log.includes('set w'));

// a frozen object: writes fail as on any frozen global
const frozen = vm.createContext(Object.freeze({ f: 1 }));
console.log(vm.runInContext('f = 2; f', frozen));
console.log(vm.runInContext('"use strict"; try { f = 3 } catch (e) { e.name }', frozen));

// an array can be contextified
const arr = vm.createContext([1, 2, 3]);
console.log(vm.runInContext('this[1] + length', arr));
