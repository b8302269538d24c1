'use strict';
const ms = require('ms');
const { show } = require('./_tree');

show('parse', ['2 days', '1d', '10h', '2.5 hrs', '2h', '1m', '5s', '1y', '100', '-3 days', '-200', '1w', 'nonsense', '53 milliseconds'].map((s) => ms(s)));
show('short', [60000, 2 * 60000, -3 * 60000, ms('10 hours'), 1500, 999, ms('1d') * 3].map((n) => ms(n)));
show('long', [60000, 2 * 60000, 1000, ms('1d'), ms('2d'), 36e5 * 1.5].map((n) => ms(n, { long: true })));
for (const bad of ['', NaN, Infinity, {}, undefined]) {
  try {
    ms(bad);
    show(`bad ${String(bad)}`, 'no error');
  } catch (e) {
    show(`bad ${String(bad)}`, e.message);
  }
}
