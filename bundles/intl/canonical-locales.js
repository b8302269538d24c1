// Intl.getCanonicalLocales from the package's main module, which intl-locale imports too: its
// polyfill-force.js is a second copy of the same 150 KB of tables.
import { getCanonicalLocales } from '@formatjs/intl-getcanonicallocales';
import { Intl } from './global.js';

Object.defineProperty(Intl, 'getCanonicalLocales', {
  value: { getCanonicalLocales(locales) { return getCanonicalLocales(locales); } }.getCanonicalLocales,
  writable: true,
  configurable: true,
  enumerable: false,
});
