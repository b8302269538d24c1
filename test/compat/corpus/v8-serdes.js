'use strict';
// v8.serialize/deserialize and the Serializer classes: the bytes of V8's wire format and the
// values read back, byte for byte as Node 20 writes them.
require('../common');
const assert = require('assert');
const v8 = require('v8');

const hex = (v) => v8.serialize(v).toString('hex');
const circular = { name: 'c' };
circular.self = circular;
const shared = { s: 1 };
const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
const withProps = [1, 2];
withProps.extra = 'x';
const values = [
  undefined, null, true, false, 0, 1, -1, 63, 64, -65, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -0, 0.5, NaN, Infinity,
  0n, 42n, -1n, 2n ** 64n, -(2n ** 70n),
  '', 'abc', 'é', '€', 'a€b', 'x'.repeat(200),
  {}, { a: 1, b: 'two', c: [3] }, { 1: 'a', b: 2, 0: 'z' }, { '€': 1 }, Object.create(null),
  [], [1, 2, 3], [1.5, 2], [-0], ['a', 1, null], sparse, withProps, [shared, shared], [[], {}],
  circular, new Date(0), new Date(1e12), Object(1.5), Object('str'), Object(true), Object(false), Object(5n),
  /ab+c/gi, /x/msuy, /y/d, new Map([[1, 'one'], ['k', { v: 2 }]]), new Set([1, 'a', null]),
  new ArrayBuffer(4), Buffer.from('hello'), new Uint8Array([1, 2, 3]), new Int16Array([-1, 2]),
  new Float64Array([1.5]), new BigInt64Array([-5n]), new DataView(new ArrayBuffer(3), 1),
  new Uint8Array(new ArrayBuffer(8), 2, 4),
];
for (const v of values) {
  const bytes = hex(v);
  const back = v8.deserialize(v8.serialize(v));
  console.log(bytes, require('util').inspect(back, { depth: 4 }));
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== null) assert.deepStrictEqual(back, v);
}

// errors: the prototype and message survive (the stack is the engine's own)
for (const e of [new Error('m'), new RangeError('r'), new TypeError('t', { cause: 7 }), Object.assign(new Error('n'), { name: 'SyntaxError' })]) {
  const back = v8.deserialize(v8.serialize(e));
  console.log(Object.getPrototypeOf(back).name, back.message, back.cause, back.stack === e.stack);
}

// what cannot be cloned
for (const v of [() => 1, Symbol('q'), new Proxy({}, {}), new WeakMap(), Promise.resolve(), { f() {} }, Object(Symbol('w'))]) {
  try {
    v8.serialize(v);
    console.log('no error');
  } catch (e) {
    console.log(e.constructor.name, e.message);
  }
}

// Serializer primitives
const ser = new v8.Serializer();
ser.writeUint32(300);
ser.writeUint64(1, 2);
ser.writeDouble(-0.25);
ser.writeRawBytes(Buffer.from('hi'));
ser.writeRawBytes(new Uint16Array([0x102]));
console.log(ser.releaseBuffer().toString('hex'), ser.releaseBuffer().length);
const des = new v8.Deserializer(Buffer.from('ac028280808010000000000000d0bf6869', 'hex'));
console.log(des.readUint32(), des.readUint64(), des.readDouble(), des.readRawBytes(2).toString());
for (const fn of ['readUint32', 'readUint64', 'readDouble']) {
  try {
    des[fn]();
  } catch (e) {
    console.log(fn, e.message);
  }
}

// the plain Serializer writes a view's buffer then the view
const plain = new v8.Serializer();
plain.writeHeader();
console.log(plain.writeValue([new Uint8Array([1, 2]), 'x']));
const plainBytes = plain.releaseBuffer();
console.log(plainBytes.toString('hex'));
const plainDes = new v8.Deserializer(plainBytes);
console.log(plainDes.readHeader(), plainDes.getWireFormatVersion(), plainDes.readValue());

// host objects through _writeHostObject/_readHostObject
class Thing {}
const hostSer = new v8.DefaultSerializer();
hostSer._writeHostObject = function(obj) {
  this.writeUint32(obj === thing ? 7 : 0);
};
const thing = Buffer.from('zz');
hostSer.writeHeader();
hostSer.writeValue({ val: thing });
const hostBytes = hostSer.releaseBuffer();
console.log(hostBytes.toString('hex'));
const hostDes = new v8.DefaultDeserializer(hostBytes);
hostDes._readHostObject = function() {
  return new Thing(this.readUint32());
};
hostDes.readHeader();
console.log(hostDes.readValue());

// _getDataCloneError makes the error thrown
const errSer = new v8.DefaultSerializer();
errSer._getDataCloneError = function(message) {
  return new TypeError(`custom: ${message}`);
};
try {
  errSer.writeValue(() => {});
} catch (e) {
  console.log(e.name, e.message);
}

// transferred array buffers
const ab = new ArrayBuffer(4);
const tSer = new v8.Serializer();
tSer.writeHeader();
tSer.transferArrayBuffer(3, ab);
tSer.writeValue({ ab });
const tBytes = tSer.releaseBuffer();
console.log(tBytes.toString('hex'));
const tDes = new v8.Deserializer(tBytes);
tDes.readHeader();
const other = new ArrayBuffer(2);
tDes.transferArrayBuffer(3, other);
console.log(tDes.readValue().ab === other);

// headers and broken data
for (const h of ['ff0f61ffffffff0f4000ffffffff0f', 'ff0f7e00ffffffff0f', 'ff0f4e', 'ff0f5affffffff0f', 'ff0f22ffffffff0f',
  'ff0f63ffffffff0f', 'ff0f5c0a0a', 'ff0f5cffffffff0f', 'ff0f4202000056ff00000000', 'ff0f5e05', 'ff0f6f49024902497b01',
  'ff0f6f7b01', 'ff0f410349022d5f24000003', 'ff0f52220161ff7f', 'ff0f7264226d2e', 'ff0f72782e',
  'ff0d6f2203666f6f5e007b01', 'ff10', 'ff0c5f', '', '49', 'ff0f', 'ff0f6f', 'ff0f5c00', 'ff0f3b49023a03', 'ff0f4103490224000a']) {
  try {
    const v = v8.deserialize(Buffer.from(h, 'hex'));
    console.log(h, 'ok', v);
  } catch (e) {
    console.log(h, e.name, e.message);
  }
}
for (const bad of ['x', 1, {}, new ArrayBuffer(2)]) {
  try {
    v8.deserialize(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  new v8.Serializer().writeRawBytes('x');
} catch (e) {
  console.log(e.name, e.code, e.message);
}
for (const C of [v8.Serializer, v8.Deserializer]) {
  try {
    C();
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
// deserializing from other views and offsets
const src = v8.serialize({ k: [1, 'v'] });
const padded = Buffer.alloc(src.length + 3);
src.copy(padded, 3);
console.log(v8.deserialize(padded.subarray(3)), v8.deserialize(new DataView(src.buffer, src.byteOffset, src.length)));
console.log(Object.keys(v8.Serializer.prototype), Object.keys(v8.Deserializer.prototype));
