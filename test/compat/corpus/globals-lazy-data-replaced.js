'use strict';
// Lazy data globals replaced before their first use: the program's value wins, nothing loads.
delete globalThis.URL;
console.log(typeof globalThis.URL, 'URL' in globalThis);
Object.defineProperty(globalThis, 'URLSearchParams', { value: 1, writable: false, configurable: true });
console.log(URLSearchParams, Object.getOwnPropertyDescriptor(globalThis, 'URLSearchParams').writable);
globalThis.EventTarget = 7;
console.log(EventTarget, Object.getOwnPropertyDescriptor(globalThis, 'EventTarget').enumerable);
globalThis.Intl = { mine: true };
console.log(JSON.stringify(Intl), (1234.5).toFixed(1));
console.log(Object.getOwnPropertyNames(globalThis).includes('CustomEvent'), Reflect.has(globalThis, 'structuredClone'));
