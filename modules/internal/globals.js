// Buffer and the web-platform globals Node 20 has, each defined lazily: its module loads on
// first use, so a sandbox that never touches them does not pay for them at boot (node:buffer
// is the largest builtin).
import { importBuiltin } from 'qjsw:binding/module';

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
  ['Blob', 'qjsw:internal/blob'],
  ['URL', 'node:url'],
  ['URLSearchParams', 'node:url'],
  ['File', 'qjsw:internal/blob'],
];
const enumerable = new Set(['structuredClone', 'atob', 'btoa', 'performance', 'crypto']);

export function installGlobals(g) {
  for (const [name, id, exported = name] of lazy) {
    if (Object.prototype.hasOwnProperty.call(g, name)) continue;
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
  // QuickJS 2025-04-26 has these ES2024 additions, V8 11.3 (Node 20) does not: code that tests
  // for them must take Node 20's path
  delete Object.groupBy;
  delete Map.groupBy;
  delete Promise.withResolvers;
}
