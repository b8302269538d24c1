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
