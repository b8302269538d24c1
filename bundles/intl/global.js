// The polyfills attach themselves to a global `Intl` as they load, and a `typeof Intl` there
// would run the lazy getter (modules/internal/globals.js) that is loading this very module:
// the namespace object is made and put in place before any of them runs.
export const Intl = {};
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
Object.defineProperty(globalThis, 'Intl', { value: Intl, writable: true, configurable: true });
