'use strict';
require('../common');
// Number#toLocaleString() with no arguments (the sandbox formats en-US itself, without the
// polyfill): halves of the shortest decimal, carries through nines, signs of zero, the edges
// where it hands over to Intl.NumberFormat (exponents, NaN, infinities), and seeded numbers of
// every magnitude.
const xs = [0, -0, 1, -1, 0.5, 1.0005, 2.0015, 1.2345e-7, 123456.7895, -0.0001, 0.1 + 0.2, 1e20, 12345678.9,
  999.9995, 9999999.9999, -999999.99951, 0.0005, 0.00049, 1234.5, 1e21, NaN, Infinity, -Infinity, 2 ** 53,
  0.9995, 99.9996, 5e-4, 4.9999e-4, 123, 1000, 100, 10, -1e-7, 1e-6, 999999999999999.9];
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < 400; i++) {
  let x = (rand() - 0.3) * 10 ** (Math.floor(rand() * 24) - 6);
  if (i % 5 === 0) x = Math.round(x * 1e4) / 1e4;
  if (i % 7 === 0) x = Math.floor(x * 1000) / 1000 + 0.0005;
  xs.push(x);
}
console.log(xs.map((x) => x.toLocaleString()).join('\n'));

// The same numbers through a NumberFormat whose options are the defaults (made once, or
// spelled out), through toLocaleString with a locale alone, and formats that are not the
// defaults, with values that are not numbers.
const formats = [
  new Intl.NumberFormat(), new Intl.NumberFormat('en-US'), new Intl.NumberFormat('en'),
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, useGrouping: 'auto' }),
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }), new Intl.NumberFormat('en-US', { useGrouping: false }),
  new Intl.NumberFormat('en-US', { style: 'percent' }), new Intl.NumberFormat('en-US', { minimumFractionDigits: 1 }),
];
for (const nf of formats) {
  const { format } = nf;
  console.log(format === nf.format, format.name === '', format.length, nf.resolvedOptions().maximumFractionDigits);
  console.log(xs.map((x) => format(x)).join(' '));
  console.log(format(12345678901234567890n), format('1234.56789'), format(true), format('1e3'));
}
console.log(xs.slice(0, 40).map((x) => x.toLocaleString('en-US') + ' ' + x.toLocaleString('en')).join(' '));
for (const bad of [() => (1).toLocaleString('not a locale!'), () => Intl.NumberFormat.prototype.format, () => new Intl.NumberFormat().format.call(null, 1)]) {
  try { console.log(bad()); } catch (e) { console.log(e.name); }
}
