'use strict';
// Intl.NumberFormat and Number/BigInt toLocaleString in en-US.
require('../common');
const nf = (options, locale = 'en-US') => new Intl.NumberFormat(locale, options);
console.log((1234567.891).toLocaleString(), (0).toLocaleString(), (-1234.5).toLocaleString(), (1e21).toLocaleString(), NaN.toLocaleString(), (-Infinity).toLocaleString());
console.log((1234.5678).toLocaleString('en-US', { maximumFractionDigits: 2 }), (5).toLocaleString('en-US', { minimumFractionDigits: 2 }), (0.000123).toLocaleString());
console.log(nf().format(1234567.891), nf({ useGrouping: false }).format(1234567.891), nf({ maximumSignificantDigits: 3 }).format(123456));
console.log(nf({ style: 'percent' }).format(0.256), nf({ style: 'percent', minimumFractionDigits: 1 }).format(0.2567), nf({ style: 'percent', signDisplay: 'always' }).format(0.1));
for (const currency of ['USD', 'EUR', 'JPY', 'GBP', 'CHF']) {
  console.log(currency, nf({ style: 'currency', currency }).format(-1234.567), nf({ style: 'currency', currency, currencyDisplay: 'code' }).format(12), nf({ style: 'currency', currency, currencyDisplay: 'name' }).format(2), nf({ style: 'currency', currency, currencySign: 'accounting' }).format(-3.5));
}
for (const n of [999, 1234, 15678, 1234567, 2.5e9, 7.1e12]) {
  console.log(n, nf({ notation: 'compact' }).format(n), nf({ notation: 'compact', compactDisplay: 'long' }).format(n));
}
console.log(nf({ notation: 'scientific' }).format(123456), nf({ notation: 'engineering' }).format(123456));
for (const [unit, unitDisplay] of [['kilometer-per-hour', 'short'], ['kilometer-per-hour', 'long'], ['liter', 'long'], ['megabyte', 'narrow'], ['celsius', 'short'], ['percent', 'long'], ['second', 'long']]) {
  console.log(unit, unitDisplay, nf({ style: 'unit', unit, unitDisplay }).format(3.5), nf({ style: 'unit', unit, unitDisplay }).format(1));
}
console.log(nf({ style: 'currency', currency: 'USD' }).formatToParts(-1234.5));
console.log(nf({ notation: 'compact' }).formatToParts(15300));
console.log(nf({ style: 'currency', currency: 'EUR' }).resolvedOptions());
console.log(nf().resolvedOptions());
console.log(nf({ minimumIntegerDigits: 3 }).format(7), nf({ signDisplay: 'exceptZero' }).format(0), nf({ signDisplay: 'never' }).format(-5));
console.log(12345678901234567890n.toLocaleString(), nf().format(12345678901234567890n), (-5n).toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
console.log([1234.5, 0.5, -2].map((n) => n.toLocaleString('en-US', { style: 'percent' })).join(' '));
console.log(Object.prototype.toString.call(nf()), nf().format.name, Number.prototype.toLocaleString.length, Number.prototype.toLocaleString.name);
try { nf({ style: 'currency' }); } catch (e) { console.log(e.name); }
try { nf({ style: 'bogus' }); } catch (e) { console.log(e.name); }
