// What kind of object a value is, decided from QuickJS's internal class (qjsw:binding/util)
// rather than from properties guest code can fake: util.types, inspect, assert and the module
// loader ask. Apart from inspect so that asking does not load the formatter.
import { classOf } from 'qjsw:binding/util';
import * as sampleNamespace from 'qjsw:internal/symbols';

const { getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor, getPrototypeOf: ObjectGetPrototypeOf } = Object;

// QuickJS's internal class ids, learned from one sample of each kind, on first need: making
// the samples (a Proxy, generators, async functions...) is a boot cost console.log('text') need
// not pay.
let knownClassIds;
const classIds = () => knownClassIds ??= (() => {
  const sample = (v) => classOf(v);
  return {
    arguments: sample((function () { return arguments; })()),
    // this module is strict: only a sloppy function has mapped arguments
    mappedArguments: sample(Function('a', 'return arguments')(1)), // eslint-disable-line no-new-func
    proxy: sample(new Proxy({}, {})),
    number: sample(Object(1)),
    string: sample(Object('')),
    boolean: sample(Object(true)),
    symbol: sample(Object(Symbol())),
    bigint: sample(Object(1n)),
    date: sample(new Date(0)),
    regexp: sample(/x/),
    error: sample(new Error()),
    map: sample(new Map()),
    set: sample(new Set()),
    weakMap: sample(new WeakMap()),
    weakSet: sample(new WeakSet()),
    weakRef: typeof WeakRef === 'function' ? sample(new WeakRef({})) : -1,
    promise: sample(Promise.resolve()),
    arrayBuffer: sample(new ArrayBuffer(0)),
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function' ? sample(new SharedArrayBuffer(0)) : -1,
    dataView: sample(new DataView(new ArrayBuffer(0))),
    mapIterator: sample(new Map().entries()),
    setIterator: sample(new Set().values()),
    generator: sample((function* () {})()),
    asyncGenerator: sample((async function* () {})()),
    asyncFunction: sample(async function () {}),
    generatorFunction: sample(function* () {}),
    asyncGeneratorFunction: sample(async function* () {}),
    moduleNamespace: sample(sampleNamespace),
  };
})();

const is = (kind) => (value) => value !== null && typeof value === 'object' || typeof value === 'function' ? classOf(value) === classIds()[kind] : false;

export const isProxy = is('proxy');
export const isArgumentsObject = (v) => { const c = typeof v === 'object' && v !== null ? classOf(v) : 0; return c !== 0 && (c === classIds().arguments || c === classIds().mappedArguments); };
export const isNumberObject = is('number');
export const isStringObject = is('string');
export const isBooleanObject = is('boolean');
export const isSymbolObject = is('symbol');
export const isBigIntObject = is('bigint');
export const isBoxedPrimitive = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isSymbolObject(v) || isBigIntObject(v);
export const isDate = is('date');
export const isRegExp = is('regexp');
export const isNativeError = is('error');
export const isMap = is('map');
export const isSet = is('set');
export const isWeakMap = is('weakMap');
export const isWeakSet = is('weakSet');
export const isPromise = is('promise');
export const isModuleNamespaceObject = is('moduleNamespace');
export const isArrayBuffer = is('arrayBuffer');
export const isSharedArrayBuffer = is('sharedArrayBuffer');
export const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
export const isDataView = is('dataView');
export const isMapIterator = is('mapIterator');
export const isSetIterator = is('setIterator');
export const isGeneratorObject = (v) => is('generator')(v) || is('asyncGenerator')(v);
export const isAsyncFunction = (v) => is('asyncFunction')(v) || is('asyncGeneratorFunction')(v);
export const isGeneratorFunction = (v) => is('generatorFunction')(v) || is('asyncGeneratorFunction')(v);

const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const typedArrayTag = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
export const isTypedArray = (v) => typedArrayTag.call(v) !== undefined;
