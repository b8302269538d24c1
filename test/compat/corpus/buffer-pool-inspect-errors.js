'use strict';
// Buffer's pool, inspect extras and the errors of odd calls, as Node 20 has them.
require('../common');
const assert = require('assert');
const util = require('util');
const vm = require('vm');
const buffer = require('buffer');

// small buffers share an 8 KiB pool, 8-byte aligned; big ones have their own memory
const a = Buffer.from('hello');
const b = Buffer.from([1, 2, 3]);
const c = Buffer.allocUnsafe(10);
console.log(a.buffer === b.buffer, b.buffer === c.buffer, a.buffer.byteLength, b.byteOffset - a.byteOffset,
  c.byteOffset - b.byteOffset, c.every((x) => x === 0));
console.log(Buffer.from('x'.repeat(4096)).buffer.byteLength, Buffer.alloc(10).byteOffset, Buffer.from('').buffer.byteLength);
const { port1, port2 } = new MessageChannel();
port1.postMessage(a, [a.buffer]);
console.log(a.buffer === b.buffer, a.toString());
port1.close();
port2.close();

// ArrayBuffers of other contexts count; look-alikes do not
const foreign = vm.runInNewContext('new ArrayBuffer(3)');
console.log(Buffer.from(foreign).length, Buffer.byteLength(foreign));
function AB() {}
Object.setPrototypeOf(AB.prototype, ArrayBuffer.prototype);
const show = (f) => {
  try {
    console.log('ok', f());
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
};
show(() => Buffer.from(new AB()));
show(() => Buffer.from(Object.create(null)));
show(() => Buffer.from({ __proto__: null, a: 1 }));

// inspect shows other own properties
const d = Buffer.from('12');
d.prop = new Uint8Array(0);
d[Symbol('s')] = 1;
console.log(util.inspect(d));
const e = Buffer.alloc(0);
e.x = { y: { z: 1 } };
console.log(util.inspect(e), util.inspect(e, { showHidden: true }).length);

// INSPECT_MAX_BYTES is checked
for (const v of [NaN, -1, 'x', 3]) show(() => (buffer.INSPECT_MAX_BYTES = v));
console.log(util.inspect(Buffer.from('abcdef')));
buffer.INSPECT_MAX_BYTES = 50;

// methods are plain functions: `new` reaches their checks
show(() => new Buffer.prototype.lastIndexOf(1, 'str'));
show(() => new Buffer.prototype.indexOf('a'));
// a non-BigInt is a TypeError from mixing it with a BigInt (the engine's message is not V8's)
for (const v of ['bad', 5]) {
  try {
    Buffer.alloc(8).writeBigInt64LE(v, 0);
  } catch (e) {
    console.log(e.name, e.code);
  }
}
show(() => Buffer.alloc(8).writeBigInt64LE(-1n, 0));

// detached ArrayBuffers
const ab = new ArrayBuffer(8);
const view = new Uint8Array(ab);
const moved = structuredClone(ab, { transfer: [ab] });
console.log(ab.byteLength, moved.byteLength, view.length);
show(() => buffer.isUtf8(ab));
show(() => buffer.isAscii(ab));
show(() => buffer.isUtf8(view));
const kept = new ArrayBuffer(4);
show(() => structuredClone({ kept }, { transfer: [kept] }).kept.byteLength);
console.log(kept.byteLength);

// V8's string limit, which buffer.constants reports
show(() => ' '.repeat(buffer.constants.MAX_STRING_LENGTH + 1));
show(() => 'ab'.padEnd(buffer.constants.MAX_STRING_LENGTH + 1).length);
assert.strictEqual(buffer.kStringMaxLength, 2 ** 29 - 24);
