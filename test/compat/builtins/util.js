// node:util beyond inspect: promisify/callbackify, inherits, types, deep equality, encoding,
// parseArgs, error names and bad input.
'use strict';
const { check, checkAsync } = require('./_check');
const util = require('util');
const types = require('util/types');

check('util.types is util/types', () => util.types === types);
check('types of values', () => {
  const v = {
    map: new Map(), set: new Set(), wm: new WeakMap(), ws: new WeakSet(), date: new Date(), re: /x/,
    err: new TypeError('t'), promise: Promise.resolve(), proxy: new Proxy({}, {}), num: Object(1), str: Object('s'),
    bool: Object(false), sym: Object(Symbol('q')), big: Object(1n), ab: new ArrayBuffer(1), dv: new DataView(new ArrayBuffer(1)),
    u8: new Uint8Array(1), f64: new Float64Array(1), args: (function () { return arguments; })(), gen: (function* () {})(),
    af: async () => {}, gf: function* () {}, plain: {}, fn() {},
  };
  const checks = ['isMap', 'isSet', 'isWeakMap', 'isWeakSet', 'isDate', 'isRegExp', 'isNativeError', 'isPromise', 'isProxy',
    'isNumberObject', 'isStringObject', 'isBooleanObject', 'isSymbolObject', 'isBigIntObject', 'isBoxedPrimitive',
    'isArrayBuffer', 'isAnyArrayBuffer', 'isDataView', 'isArrayBufferView', 'isTypedArray', 'isUint8Array', 'isFloat64Array',
    'isArgumentsObject', 'isGeneratorObject', 'isAsyncFunction', 'isGeneratorFunction'];
  const out = {};
  for (const c of checks) out[c] = Object.keys(v).filter((k) => types[c](v[k])).join('|');
  return out;
});
check('types on primitives', () => [types.isDate(0), types.isProxy(1), types.isMap(null), types.isTypedArray('x')]);

(async () => {
  await checkAsync('promisify resolves', () => util.promisify((a, b, cb) => cb(null, a + b))(1, 2));
  await checkAsync('promisify rejects', () => util.promisify((cb) => cb(new Error('bad')))());
  await checkAsync('promisify keeps this', () => {
    const obj = { v: 7, get(cb) { cb(null, this.v); } };
    return util.promisify(obj.get).call(obj);
  });
  check('promisify.custom', () => {
    function f() {}
    const custom = () => 'custom';
    f[util.promisify.custom] = custom;
    return [util.promisify(f) === custom, util.promisify.custom === Symbol.for('nodejs.util.promisify.custom')];
  });
  check('promisify of a non-function', () => util.promisify('nope'));
  check('promisified keeps properties', () => {
    function f(cb) { cb(null, 1); }
    f.extra = 'x';
    const p = util.promisify(f);
    return [p.extra, p.name, util.promisify(p) === p];
  });
  await checkAsync('callbackify value', () => new Promise((resolve) => {
    util.callbackify(async (x) => x * 2)(21, (err, value) => resolve([err, value]));
  }));
  await checkAsync('callbackify rejection', () => new Promise((resolve) => {
    util.callbackify(async () => { throw new RangeError('r'); })((err) => resolve(err));
  }));
  await checkAsync('callbackify falsy rejection', () => new Promise((resolve) => {
    util.callbackify(() => Promise.reject(null))((err) => resolve([err.code, err.message, err.reason])); // eslint-disable-line prefer-promise-reject-errors
  }));
  check('callbackify name and length', () => { const f = util.callbackify(async function doIt(a, b) {}); return [f.name, f.length]; });
  check('callbackify without a callback', () => util.callbackify(async () => 1)(1));
  check('callbackify of a non-function', () => util.callbackify(null));

  check('inherits', () => {
    function A() {}
    A.prototype.hello = () => 'hi';
    function B() {}
    util.inherits(B, A);
    return [new B().hello(), B.super_ === A, new B() instanceof A];
  });
  check('inherits with a bad super', () => util.inherits(function () {}, null));
  check('inherits with no prototype', () => util.inherits(function () {}, Object.create(null)));

  check('isDeepStrictEqual', () => {
    const cases = [
      [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }], [{ a: 1 }, { a: '1' }], [[1, 2], [2, 1]], [NaN, NaN], [0, -0],
      [new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])], [new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])],
      [new Set([1]), new Set(['1'])], [new Date(1), new Date(1)], [new Date(1), new Date(2)], [/a/g, /a/g], [/a/g, /a/i],
      [new Uint8Array([1, 2]), new Uint8Array([1, 2])], [new Uint8Array([1]), new Int8Array([1])], [Object.create(null), {}],
      [new Error('x'), new Error('x')], [new Error('x'), new TypeError('x')], [[1, , 3], [1, undefined, 3]],
      [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 }], [{ [Symbol.for('s')]: 1 }, {}], [Object(1), Object(1)],
      [Object(1), 1], [{ a: undefined }, {}], [new ArrayBuffer(2), new ArrayBuffer(2)],
    ];
    return cases.map(([a, b]) => util.isDeepStrictEqual(a, b));
  });
  check('isDeepStrictEqual with cycles', () => {
    const a = { n: 1 }; a.self = a;
    const b = { n: 1 }; b.self = b;
    const c = { n: 1 }; c.self = { n: 1, self: c };
    return [util.isDeepStrictEqual(a, b), util.isDeepStrictEqual(a, c)];
  });

  check('TextEncoder', () => {
    const te = new util.TextEncoder();
    const dest = new Uint8Array(5);
    return [te.encoding, te.encode('héllo €'), te.encode(), te.encodeInto('a€b', dest), dest];
  });
  check('TextDecoder utf-8', () => {
    const td = new util.TextDecoder();
    return [td.encoding, td.fatal, td.ignoreBOM, td.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9])),
      td.decode(new Uint8Array([0xff, 0x41, 0xe2, 0x82])), td.decode(new Uint8Array([0x61]).buffer), td.decode()];
  });
  check('TextDecoder streaming', () => {
    const td = new util.TextDecoder();
    const euro = [0xe2, 0x82, 0xac];
    return [td.decode(new Uint8Array(euro.slice(0, 1)), { stream: true }), td.decode(new Uint8Array(euro.slice(1)), { stream: true }), td.decode()];
  });
  check('TextDecoder fatal', () => new util.TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3])));
  check('TextDecoder labels', () => ['utf8', ' UTF-8 ', 'utf-16le', 'latin1', 'ascii', 'unicode-1-1-utf-8'].map((l) => new util.TextDecoder(l).encoding));
  check('TextDecoder utf-16le', () => new util.TextDecoder('utf-16le').decode(new Uint8Array([0x68, 0, 0x69, 0, 0x3d, 0xd8, 0x00, 0xde])));
  check('TextDecoder windows-1252', () => new util.TextDecoder('latin1').decode(new Uint8Array([0x41, 0x80, 0xe9, 0x9f])));
  check('TextDecoder unknown encoding', () => new util.TextDecoder('nope'));
  check('TextDecoder bad input', () => new util.TextDecoder().decode('text'));

  check('parseArgs basics', () => util.parseArgs({
    args: ['-f', '--bar', 'b', 'pos'], options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' } }, allowPositionals: true,
  }));
  check('parseArgs groups, multiple and defaults', () => util.parseArgs({
    args: ['-abc', '-dVAL', '--list', 'x', '--list=y'],
    options: { a: { type: 'boolean' }, b: { type: 'boolean' }, c: { type: 'boolean' }, d: { type: 'string' },
      list: { type: 'string', multiple: true }, def: { type: 'string', default: 'dflt' } },
  }));
  check('parseArgs tokens', () => util.parseArgs({ args: ['--x', '--', '--y'], options: { x: { type: 'boolean' } }, allowPositionals: true, tokens: true }).tokens);
  check('parseArgs unknown option', () => util.parseArgs({ args: ['--nope'], options: {} }));
  check('parseArgs missing value', () => util.parseArgs({ args: ['--s'], options: { s: { type: 'string', short: 'S' } } }));
  check('parseArgs boolean with value', () => util.parseArgs({ args: ['--b=1'], options: { b: { type: 'boolean' } } }));
  check('parseArgs positional refused', () => util.parseArgs({ args: ['pos'], options: {} }));
  check('parseArgs ambiguous', () => util.parseArgs({ args: ['--s', '-x'], options: { s: { type: 'string' } } }));
  check('parseArgs loose', () => util.parseArgs({ args: ['--any', '--k=v', 'p'], strict: false }));
  check('parseArgs bad type', () => util.parseArgs({ args: [], options: { x: { type: 'number' } } }));
  check('parseArgs bad short', () => util.parseArgs({ args: [], options: { x: { type: 'string', short: 'xy' } } }));

  check('getSystemErrorName', () => [util.getSystemErrorName(-2), util.getSystemErrorName(-13), util.getSystemErrorName(-17)]);
  check('getSystemErrorName positive', () => util.getSystemErrorName(2));
  check('getSystemErrorName type', () => util.getSystemErrorName('x'));
  check('getSystemErrorMap entry', () => util.getSystemErrorMap().get(-2));
  check('toUSVString', () => util.toUSVString('a\ud800b\udc00c\ud83d\ude00'));
  check('stripVTControlCharacters', () => util.stripVTControlCharacters('\u001b[31mred\u001b[39m plain'));
  check('styleText on a pipe', () => util.styleText('red', 'text'));
  check('styleText bad text', () => util.styleText('red', 5));
  check('legacy is*', () => [util.isArray([]), util.isBoolean(false), util.isNull(null), util.isNullOrUndefined(undefined),
    util.isNumber(1), util.isString(''), util.isSymbol(Symbol()), util.isUndefined(undefined), util.isRegExp(/x/),
    util.isObject({}), util.isDate(new Date()), util.isError(new Error()), util.isFunction(() => {}), util.isPrimitive(1),
    util.isBuffer(Buffer.alloc(1))]);
  check('deprecate returns a wrapper that still works', () => {
    const f = util.deprecate((a) => a + 1, 'f is deprecated', 'DEP_QJSW');
    return [f(1), f(2), typeof f];
  });
  check('deprecate with a bad code', () => util.deprecate(() => {}, 'm', 5));
  check('debuglog disabled', () => { const d = util.debuglog('qjswtest'); d('not printed'); return d.enabled; });
  check('inspect.defaultOptions', () => util.inspect.defaultOptions);
  check('inspect.custom symbol', () => util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
  check('formatWithOptions', () => util.formatWithOptions({ compact: false }, 'v=%O', { a: 1 }));
  check('formatWithOptions bad options', () => util.formatWithOptions(null, 'x'));
  check('format with circular %j', () => { const o = {}; o.o = o; return util.format('%j', o); });
  check('_extend', () => util._extend({ a: 1 }, { b: 2 }));
})();
