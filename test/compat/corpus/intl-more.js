'use strict';
// More of Intl in en-US: each formatter's options, formatToParts, ranges, zones, units,
// collation options, segmentation, display names, locale canonicalization, case mapping with a
// locale. Known differences from Node are left out here and listed in README.md.
require('../common');
const d = new Date(Date.UTC(2026, 11, 5, 19, 10, 3, 45));
const d2 = new Date(Date.UTC(2026, 11, 5, 21, 40, 0));
const d3 = new Date(Date.UTC(2027, 1, 14, 8, 0, 0));
const u = { timeZone: 'UTC' };
const show = (...a) => console.log(...a.map((x) => typeof x === 'string' ? JSON.stringify(x) : x));
// DateTimeFormat
for (const o of [{}, { dateStyle: 'full' }, { timeStyle: 'full' }, { dateStyle: 'short', timeStyle: 'full' }, { dateStyle: 'long', timeStyle: 'short' },
  { month: 'narrow' }, { weekday: 'long', hour: 'numeric' }, { hour: 'numeric', dayPeriod: 'short' }, { hour: 'numeric', dayPeriod: 'long' }, { dayPeriod: 'narrow' },
  { hour: '2-digit', hour12: true }, { hour: 'numeric', hourCycle: 'h11' }, { hour: 'numeric', hourCycle: 'h24' },
  { hour: 'numeric', timeZoneName: 'shortOffset' }, { hour: 'numeric', minute: 'numeric', timeZoneName: 'longOffset' },
  { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }, { era: 'long' }, { era: 'narrow', year: 'numeric', month: 'short' },
  { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, { year: '2-digit' }, { month: '2-digit' }, { day: '2-digit' }]) {
  const f = new Intl.DateTimeFormat('en-US', { ...u, ...o });
  show(JSON.stringify(o), f.format(d), f.formatToParts(d).map((p) => p.type + ':' + p.value).join('|'));
}
for (const tz of ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'Pacific/Chatham', 'America/St_Johns', 'Etc/GMT+5', '+05:30', 'Asia/Calcutta', 'US/Eastern', 'UTC', 'Etc/UTC', 'GMT']) {
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'long' });
    show(tz, f.format(d), f.format(new Date(Date.UTC(2026, 6, 1))), f.resolvedOptions().timeZone);
    show(tz, new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', timeZoneName: 'long' }).format(d), new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', timeZoneName: 'shortOffset' }).format(d));
  } catch (e) { show(tz, e.name, e.message); }
}
const r = new Intl.DateTimeFormat('en-US', { ...u, dateStyle: 'medium', timeStyle: 'short' });
show(r.formatRange(d, d3), r.formatRange(d, d));
show(new Intl.DateTimeFormat('en-US', { ...u, month: 'short', day: 'numeric' }).formatRange(d, new Date(Date.UTC(2026, 11, 20))));
show(new Intl.DateTimeFormat('en-US', { ...u, year: 'numeric', month: 'long' }).formatRange(d, d3));
show(new Intl.DateTimeFormat('en-US', u).formatRange(d, d3));
console.log(new Intl.DateTimeFormat('en-US', { ...u, dateStyle: 'medium' }).formatRangeToParts(d, d3));
console.log(new Intl.DateTimeFormat('en-US', { ...u, dateStyle: 'full', timeStyle: 'full' }).resolvedOptions());
console.log(new Intl.DateTimeFormat('en-US', { ...u, hour: 'numeric', hourCycle: 'h23' }).resolvedOptions());
show(new Intl.DateTimeFormat('en-US', u).format(new Date(Date.UTC(-50, 0, 1))), new Intl.DateTimeFormat('en-US', { ...u, year: 'numeric', era: 'short' }).format(new Date(Date.UTC(-50, 0, 1))));
show(new Intl.DateTimeFormat('en-US', { ...u, dateStyle: 'full' }).format(new Date(Date.UTC(1900, 1, 28))), new Intl.DateTimeFormat('en-US', { ...u, dateStyle: 'full' }).format(8.64e15));
for (const bad of [{ dateStyle: 'full', year: 'numeric' }, { timeZone: 'Mars/Olympus' }, { hour: 'bogus' }, { fractionalSecondDigits: 4 }]) {
  try { new Intl.DateTimeFormat('en-US', bad); show('ok'); } catch (e) { show(e.name); }
}
// NumberFormat
const nf = (o) => new Intl.NumberFormat('en-US', o);
for (const o of [{ signDisplay: 'always' }, { signDisplay: 'exceptZero' }, { signDisplay: 'negative' }, { signDisplay: 'never' }, { signDisplay: 'auto' }]) {
  show(JSON.stringify(o), [-1, -0, 0, 1, NaN].map((x) => nf(o).format(x)).join(' '), nf({ ...o, style: 'currency', currency: 'USD' }).format(-1), nf({ ...o, style: 'percent' }).format(0.5));
}
for (const o of [{ notation: 'compact' }, { notation: 'compact', compactDisplay: 'long' }, { notation: 'compact', style: 'currency', currency: 'USD' }, { notation: 'compact', maximumFractionDigits: 2 }, { notation: 'scientific', maximumFractionDigits: 2 }, { notation: 'engineering' }]) {
  show(JSON.stringify(o), [0, 0.5, 12, 999, 1000, 1500, 999999, 1e6, 1.5e6, 1e9, 1e12, 1e15, -2.5e4].map((x) => nf(o).format(x)).join(' '));
}
for (const [unit, disp] of [['meter', 'long'], ['foot', 'short'], ['mile-per-gallon', 'long'], ['kilobyte', 'short'], ['gigabit', 'long'], ['hour', 'narrow'], ['day', 'long'], ['fahrenheit', 'short'], ['inch', 'narrow'], ['liter-per-kilometer', 'short'], ['byte', 'long'], ['degree', 'long']]) {
  show(unit, disp, [0, 1, 2.5, 1000].map((x) => nf({ style: 'unit', unit, unitDisplay: disp }).format(x)).join(' | '));
}
console.log(nf({ style: 'unit', unit: 'kilometer-per-hour' }).formatToParts(-1234.5));
console.log(nf({ style: 'percent', signDisplay: 'always' }).formatToParts(0.123));
console.log(nf({ notation: 'scientific' }).formatToParts(-12345));
console.log(nf({ notation: 'compact', compactDisplay: 'long' }).formatToParts(1234567));
for (const c of ['USD', 'CAD', 'AUD', 'MXN', 'INR', 'CNY', 'KRW', 'BTC', 'XXX', 'BHD']) {
  show(c, nf({ style: 'currency', currency: c }).format(1234.5678), nf({ style: 'currency', currency: c, currencyDisplay: 'narrowSymbol' }).format(1), nf({ style: 'currency', currency: c, currencyDisplay: 'name' }).format(1234.5));
}
show(nf({ maximumSignificantDigits: 2 }).format(0.0012345), nf({ minimumSignificantDigits: 5 }).format(1.5), nf({ maximumFractionDigits: 0 }).format(2.5), nf({ maximumFractionDigits: 0 }).format(3.5), nf({ roundingMode: 'floor', maximumFractionDigits: 0 }).format(2.7));
show(nf().format(1e21), nf().format(123456789012345680000), nf().format(-0), nf().format(Infinity), nf().format('1234.5'), nf().format(12345678901234567890123n));
show(nf({ useGrouping: 'min2' }).format(1234), nf({ useGrouping: 'min2' }).format(12345), nf({ useGrouping: 'always' }).format(1234), nf({ trailingZeroDisplay: 'stripIfInteger', minimumFractionDigits: 2 }).format(5));
console.log(nf({ style: 'unit', unit: 'liter', unitDisplay: 'long' }).resolvedOptions(), nf({ notation: 'compact' }).resolvedOptions());
show(nf().formatRange?.(3, 5), nf({ style: 'currency', currency: 'USD' }).formatRange?.(3, 5));
for (const bad of [{ style: 'unit' }, { style: 'unit', unit: 'furlong' }, { currency: 'US' , style: 'currency'}, { maximumFractionDigits: 101 }, { notation: 'weird' }]) {
  try { nf(bad); show('ok'); } catch (e) { show(e.name); }
}
show((1234.5).toLocaleString('en-US', { style: 'currency', currency: 'EUR' }), (123456789n).toLocaleString('en-US', { notation: 'compact' }), (0.5).toLocaleString(undefined, { style: 'percent' }));
// Collator
const words = ['a', 'A', 'á', 'Á', 'b', 'ä', 'z', 'Z', '1', '10', '2', 'x1', 'x10', 'x2', ' ', '-', 'Æ', 'ae', 'ß', 'ss', 'ø', 'o', 'ö', 'ő'];
for (const o of [{}, { sensitivity: 'base' }, { sensitivity: 'accent' }, { sensitivity: 'case' }, { sensitivity: 'variant' }, { numeric: true }, { caseFirst: 'upper' }, { caseFirst: 'lower' }, { ignorePunctuation: true }, { usage: 'search', sensitivity: 'base' }]) {
  const c = new Intl.Collator('en-US', o);
  show(JSON.stringify(o), [...words].sort(c.compare).join(','), c.compare('a', 'A'), c.compare('a', 'á'), c.compare('x2', 'x10'));
}
show('ä'.localeCompare('a', 'en', { sensitivity: 'base' }), 'a'.localeCompare('b', 'en'), 'résumé'.localeCompare('resume', 'en-US', { sensitivity: 'accent' }));
// PluralRules / RelativeTimeFormat / ListFormat / Segmenter / DisplayNames
const pr = new Intl.PluralRules('en-US', { minimumFractionDigits: 1 });
show(pr.select(1), pr.select(1.0), new Intl.PluralRules('en-US').select('1'), new Intl.PluralRules('en-US').resolvedOptions().pluralCategories.join(), new Intl.PluralRules('en-US', { type: 'ordinal' }).resolvedOptions().pluralCategories.join());
show(typeof pr.selectRange, pr.selectRange?.(1, 2));
const rtf = new Intl.RelativeTimeFormat('en-US', { style: 'narrow' });
show(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'].map((un) => rtf.format(-2, un) + '/' + rtf.format(1, un)).join(' '));
show(new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }).format(-1, 'week'), new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }).format(0, 'year'), new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }).format(1, 'quarter'), new Intl.RelativeTimeFormat('en-US').format(1.5, 'hours'), new Intl.RelativeTimeFormat('en-US').format(-0, 'days'));
try { new Intl.RelativeTimeFormat('en-US').format(1, 'decade'); } catch (e) { show(e.name); }
show(new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' }).format(['a', 'b', 'c']), new Intl.ListFormat('en-US', { style: 'short', type: 'disjunction' }).format(['a', 'b', 'c']), new Intl.ListFormat('en-US', { style: 'narrow' }).format(['a', 'b', 'c']), new Intl.ListFormat('en-US').format([]));
const sg = new Intl.Segmenter('en-US', { granularity: 'word' });
console.log([...sg.segment('Don\'t stop—e-mail me at x@y.com, 3,000.5 times! 😀')].map((s) => [s.segment, s.isWordLike]));
console.log([...new Intl.Segmenter('en-US').segment('👨‍👩‍👧‍👦x\r\nÅ̈👍🏿🏳️‍🌈')].map((s) => s.segment));
console.log([...new Intl.Segmenter('en-US', { granularity: 'sentence' }).segment('Hello. How are you? Fine!  "Quoted." 3.5 is a number. e.g. this.')].map((s) => s.segment));
const dn = (type, code, o) => { try { return new Intl.DisplayNames('en-US', { type, ...o }).of(code); } catch (e) { return e.name; } };
show(dn('language', 'de'), dn('language', 'pt-BR'), dn('language', 'es-419'), dn('language', 'zh-Hans'), dn('language', 'nan'), dn('language', 'xx'), dn('region', '419'), dn('region', 'GB'), dn('region', 'CI'), dn('script', 'Cyrl'), dn('currency', 'usd'), dn('currency', 'XYZ'), dn('calendar', 'gregory'), dn('dateTimeField', 'era'), dn('dateTimeField', 'weekOfYear'));
show(dn('language', 'en-GB', { style: 'short' }), dn('region', 'US', { style: 'short' }), dn('currency', 'USD', { style: 'narrow' }), dn('language', 'en-GB', { languageDisplay: 'standard' }));
// getCanonicalLocales / supportedValuesOf
for (const tag of ['en-us', 'EN-GB', 'iw', 'in-ID', 'zh-cmn-Hans', 'sgn-GR', 'art-lojban', 'en-US-u-ca-gregory', 'de-DE-1996', 'en-u-kn-true', 'und', 'ja-Latn-JP-x-foo', 'en-u-ca-islamicc', 'no-bok', 'sh', 'mo', 'zh-TW', 'cmn']) { try { show(tag, Intl.getCanonicalLocales(tag)[0]); } catch (e) { show(tag, e.name); } }
for (const bad of ['', 'en-', '123', 'en-US-US']) { try { Intl.getCanonicalLocales(bad); show(bad, 'ok'); } catch (e) { show(bad, e.name); } }
for (const k of ['numberingSystem', 'unit']) { const v = Intl.supportedValuesOf(k); show(k, v.length, v.slice(0, 12).join(',')); }
show(['USD', 'EUR', 'JPY'].every((c) => Intl.supportedValuesOf('currency').includes(c)), Intl.supportedValuesOf('calendar').includes('gregory'), Intl.supportedValuesOf('timeZone').includes('Europe/Paris'));
try { Intl.supportedValuesOf('bogus'); } catch (e) { show(e.name); }
// toLocaleString family, case mapping
show((1234567.891).toLocaleString('en-US'), (-0).toLocaleString(), (1e-7).toLocaleString(), (123456789n).toLocaleString(), [1e6, 'x', { toLocaleString: () => 'o' }].toLocaleString(), new Uint8Array([255, 1]).toLocaleString('en-US', { style: 'percent' }));
show(d.toLocaleString('en-US', u), d.toLocaleDateString('en-US', { ...u, dateStyle: 'full' }), d.toLocaleTimeString('en-US', { ...u, hour: 'numeric' }), d.toLocaleDateString('en-US', { ...u, hour: 'numeric' }), d.toLocaleTimeString('en-US', { ...u, month: 'short' }));
show('istanbul'.toLocaleUpperCase('tr'), 'İSTANBUL'.toLocaleLowerCase('tr'), 'ß'.toLocaleUpperCase('en-US'), 'Σ'.toLocaleLowerCase(), 'ΌΣΟΣ'.toLocaleLowerCase('el'), 'i'.toLocaleUpperCase('az'), 'I'.toLocaleLowerCase('lt'), 'abc'.toLocaleUpperCase(), 'ǆ'.toLocaleUpperCase(['en', 'tr']));
show(String.prototype.toLocaleUpperCase.length, String.prototype.toLocaleLowerCase.name);
try { 'a'.toLocaleUpperCase('en_US'); } catch (e) { show(e.name); }
for (const s of ['όσος', 'Άλφα', 'άυλος', 'ΐ', 'ευχαριστώ', 'ᾆ', 'Ελλάδα', 'ΰ']) show(s.toLocaleUpperCase('el'), s.toLocaleUpperCase('el-GR'), s.toLocaleUpperCase(['en', 'el']));
show('I\u0307'.toLocaleLowerCase('tr'), 'Iİ'.toLocaleLowerCase('az-AZ'), 'Ì'.toLocaleLowerCase('lt'), 'Jì'.toLocaleLowerCase('lt'), 'i\u0307'.toLocaleUpperCase('lt'), 'i'.toLocaleUpperCase(['de', 'tr']), 'i'.toLocaleUpperCase([]), 'I'.toLocaleLowerCase(undefined));
// Locale
const l = new Intl.Locale('en-US', { calendar: 'gregory', hourCycle: 'h23', numeric: true, caseFirst: 'upper' });
show(l.toString(), l.numeric, l.caseFirst, l.maximize().toString(), new Intl.Locale('zh').maximize().toString(), new Intl.Locale('und-Latn').maximize().toString());
