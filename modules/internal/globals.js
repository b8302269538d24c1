// Buffer and the web-platform globals Node 20 has, each defined lazily: its module loads on
// first use, so a sandbox that never touches them does not pay for them at boot (node:buffer
// is the largest builtin).
import { installAtomicsAsync } from 'qjsw:internal/atomics_async';
import { importBuiltin, defineLazyValue } from 'qjsw:binding/module';
import { zone } from 'qjsw:binding/intl';

// In Node's order; the first five are enumerable there (Node's fetch, before crypto, is not
// provided).
const lazy = [
  ['Buffer', 'node:buffer'],
  ['structuredClone', 'qjsw:internal/structured_clone'],
  ['atob', 'node:buffer'],
  ['btoa', 'node:buffer'],
  ['performance', 'qjsw:internal/performance'],
  ['crypto', 'node:crypto', 'webcrypto'],
  ['EventTarget', 'qjsw:internal/event_target'],
  ['Event', 'qjsw:internal/event_target'],
  ['CustomEvent', 'qjsw:internal/event_target'],
  ['AbortController', 'qjsw:internal/abort'],
  ['AbortSignal', 'qjsw:internal/abort'],
  ['DOMException', 'qjsw:internal/dom_exception'],
  ['TextEncoder', 'qjsw:internal/encoding'],
  ['TextDecoder', 'qjsw:internal/encoding'],
  ...[
    ['TransformStream', 'transformstream'], ['TransformStreamDefaultController', 'transformstream'],
    ['WritableStream', 'writablestream'], ['WritableStreamDefaultController', 'writablestream'],
    ['WritableStreamDefaultWriter', 'writablestream'], ['ReadableStream', 'readablestream'],
    ['ReadableStreamDefaultReader', 'readablestream'], ['ReadableStreamBYOBReader', 'readable-bytes'],
    ['ReadableStreamBYOBRequest', 'readable-bytes'], ['ReadableByteStreamController', 'readable-bytes'],
    ['ReadableStreamDefaultController', 'readablestream'], ['ByteLengthQueuingStrategy', 'queuingstrategies'],
    ['CountQueuingStrategy', 'queuingstrategies'], ['TextEncoderStream', 'encoding'], ['TextDecoderStream', 'encoding'],
    ['CompressionStream', 'compression'], ['DecompressionStream', 'compression'],
  ].map(([name, file]) => [name, `qjsw:internal/webstreams/${file}`]),
  ['Blob', 'qjsw:internal/blob'],
  ['URL', 'node:url'],
  ['URLSearchParams', 'node:url'],
  ['File', 'qjsw:internal/blob'],
  ['Performance', 'qjsw:internal/performance'],
  ['PerformanceEntry', 'qjsw:internal/performance'],
  ['PerformanceMark', 'qjsw:internal/performance'],
  ['PerformanceMeasure', 'qjsw:internal/performance'],
  ['PerformanceObserver', 'qjsw:internal/performance'],
  ['PerformanceObserverEntryList', 'qjsw:internal/performance'],
  ['PerformanceResourceTiming', 'qjsw:internal/performance'],
  ['BroadcastChannel', 'node:worker_threads'],
  ['MessageChannel', 'node:worker_threads'],
  ['MessagePort', 'node:worker_threads'],
  ['MessageEvent', 'qjsw:internal/worker/message_event'],
  // FormatJS's polyfills and their data (bundles/intl): the largest builtin by far
  ['Intl', 'qjsw:internal/intl'],
  ['Crypto', 'qjsw:internal/crypto/webcrypto'],
  ['CryptoKey', 'qjsw:internal/crypto/webcrypto'],
  ['SubtleCrypto', 'qjsw:internal/crypto/webcrypto'],
];
const enumerable = new Set(['structuredClone', 'atob', 'btoa', 'performance', 'crypto']);
// What Node 20 has as data properties (its others are accessors): made on first use all the
// same, by a lazy data property (QuickJS patch 094)
const dataProperties = new Set(['structuredClone', 'EventTarget', 'Event', 'CustomEvent', 'URL', 'URLSearchParams', 'Intl']);

export function installGlobals(g) {
  installLocaleMethods();
  installCaseMethods();
  installDateStrings();
  for (const [name, id, exported = name] of lazy) {
    if (Object.prototype.hasOwnProperty.call(g, name)) continue;
    if (dataProperties.has(name)) {
      defineLazyValue(g, name, () => importBuiltin(id)[exported], enumerable.has(name));
      continue;
    }
    const define = (value) =>
      Object.defineProperty(g, name, { __proto__: null, value, writable: true, configurable: true, enumerable: enumerable.has(name) });
    Object.defineProperty(g, name, {
      __proto__: null,
      get() {
        const value = importBuiltin(id)[exported];
        define(value);
        return value;
      },
      set: define,
      configurable: true,
      enumerable: enumerable.has(name),
    });
  }
  installAtomicsAsync(g);
  // QuickJS 2025-04-26 has these ES2024 additions, V8 11.3 (Node 20) does not: code that tests
  // for them must take Node 20's path
  delete Object.groupBy;
  delete Map.groupBy;
  delete Promise.withResolvers;
}

// The locale-sensitive methods of the builtins use Intl, as in V8: until it is loaded, each is a
// stand-in with V8's name and length that loads it (which puts the real methods in place) and
// calls the real one.
const localeMethods = [
  [Number.prototype, 'toLocaleString', 'number'],
  [Date.prototype, 'toLocaleString', 'dateToLocaleString'],
  [Date.prototype, 'toLocaleDateString', 'dateToLocaleDateString'],
  [Date.prototype, 'toLocaleTimeString', 'dateToLocaleTimeString'],
  [String.prototype, 'localeCompare', 'localeCompare', 1],
  [Array.prototype, 'toLocaleString', 'arrayToLocaleString'],
];
if (typeof BigInt === 'function') localeMethods.push([BigInt.prototype, 'toLocaleString', 'bigint']);

function installLocaleMethods() {
  for (const [target, name, key, length = 0] of localeMethods) {
    const real = () => importBuiltin('qjsw:internal/intl').methods[key];
    const stub = length
      ? { [name](a) { return real().apply(this, arguments); } }[name]
      : { [name]() { return real().apply(this, arguments); } }[name];
    Object.defineProperty(target, name, { value: stub, writable: true, configurable: true, enumerable: false });
  }
}

// With a locale, V8 maps case by that language's rules (Turkish i, ...); without one it is the
// plain mapping, which needs no Intl.
function installCaseMethods() {
  for (const name of ['toLocaleUpperCase', 'toLocaleLowerCase']) {
    const native = String.prototype[name];
    const method = {
      [name](...args) {
        if (args[0] === undefined) return native.call(this);
        return importBuiltin('qjsw:internal/intl').methods[name].apply(this, args);
      },
    }[name];
    Object.defineProperty(String.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}

// V8's Date#toString and #toTimeString end with the zone's name in parentheses, as the host
// prints it for that instant (qjsw:binding/intl); without an answer from the host, no suffix.
const LOCAL_ZONE_NAME = 2;
function installDateStrings() {
  const getTime = Date.prototype.getTime;
  for (const name of ['toString', 'toTimeString']) {
    const native = Date.prototype[name];
    const method = {
      [name]() {
        const s = native.call(this);
        const t = getTime.call(this);
        if (t !== t) return s;
        const zoneName = zone(LOCAL_ZONE_NAME, t);
        return zoneName === undefined ? s : `${s} (${zoneName})`;
      },
    }[name];
    Object.defineProperty(Date.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}
