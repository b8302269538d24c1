'use strict';
// PluralRules, RelativeTimeFormat, ListFormat, Segmenter, DisplayNames, Locale,
// getCanonicalLocales and supportedValuesOf in en-US.
require('../common');
console.log(typeof Intl, Object.prototype.toString.call(Intl), Object.getOwnPropertyNames(Intl));
const pr = new Intl.PluralRules('en');
const po = new Intl.PluralRules('en', { type: 'ordinal' });
console.log([0, 1, 2, 5, 1.5].map((n) => pr.select(n)), [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((n) => po.select(n)));
console.log(pr.resolvedOptions());
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const rtfAlways = new Intl.RelativeTimeFormat('en');
for (const [v, u] of [[-1, 'day'], [1, 'day'], [0, 'day'], [-3, 'hour'], [2, 'week'], [-1, 'month'], [1, 'year'], [0, 'second'], [-45, 'minute'], [1, 'quarter']]) {
  console.log(v, u, rtf.format(v, u), '|', rtfAlways.format(v, u), '|', new Intl.RelativeTimeFormat('en', { style: 'short' }).format(v, u));
}
console.log(rtfAlways.formatToParts(-1234, 'day'), rtf.resolvedOptions());
const lists = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['apples', 'oranges', 'pears', 'kiwis']];
for (const list of lists) {
  console.log(new Intl.ListFormat('en').format(list), '|', new Intl.ListFormat('en', { type: 'disjunction' }).format(list), '|', new Intl.ListFormat('en', { style: 'short', type: 'unit' }).format(list), '|', new Intl.ListFormat('en', { style: 'narrow', type: 'unit' }).format(list));
}
console.log(new Intl.ListFormat('en-US').formatToParts(['x', 'y']));
const seg = (granularity, text) => [...new Intl.Segmenter('en', { granularity }).segment(text)];
console.log(seg('grapheme', 'e\u0301a👍🏽🇫🇷').map((s) => s.segment));
console.log(seg('word', "Hello, world! It's 3.14 o'clock.").map((s) => [s.segment, s.index, s.isWordLike]));
console.log(seg('sentence', 'One sentence. Two sentences? Yes! Mr. Smith went.').map((s) => s.segment));
const segments = new Intl.Segmenter('en', { granularity: 'word' }).segment('foo bar');
console.log(segments.containing(5), new Intl.Segmenter().resolvedOptions());
const dn = (type, code, options) => new Intl.DisplayNames(['en'], { type, ...options }).of(code);
console.log(dn('region', 'US'), dn('region', 'DE'), dn('region', 'JP'), dn('language', 'fr'), dn('language', 'en-GB'), dn('language', 'zh-Hant'), dn('currency', 'EUR'), dn('currency', 'JPY'), dn('script', 'Latn'));
console.log(dn('language', 'en-US', { languageDisplay: 'standard' }), dn('region', 'XZ', { fallback: 'code' }), dn('region', 'XZ', { fallback: 'none' }));
const loc = new Intl.Locale('en-Latn-US-u-ca-gregory-hc-h12');
console.log(loc.toString(), loc.baseName, loc.language, loc.script, loc.region, loc.calendar, loc.hourCycle);
console.log(new Intl.Locale('en').maximize().toString(), new Intl.Locale('en-Latn-US').minimize().toString(), new Intl.Locale('fr', { region: 'CA' }).toString());
console.log(Intl.getCanonicalLocales(['EN-us', 'de-de', 'zh-hant-tw']), Intl.getCanonicalLocales('en'));
try { Intl.getCanonicalLocales('en_US'); } catch (e) { console.log(e.name); }
console.log(Intl.supportedValuesOf('calendar').includes('gregory'), Intl.supportedValuesOf('unit').includes('kilometer'), Intl.supportedValuesOf('currency').includes('USD'), Intl.supportedValuesOf('timeZone').includes('America/New_York'));
console.log([1234.5, new Date(Date.UTC(2020, 0, 2))].toLocaleString('en-US', { timeZone: 'UTC' }), [1, [2, 3], null, undefined, 4000].toLocaleString());
console.log(new Float64Array([1234.5, 2]).toLocaleString());
