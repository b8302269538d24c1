// qjsw:internal/intl — the guest's Intl: FormatJS's polyfills with their 'en' data (pinned in
// package.json), a root-collation Intl.Collator of our own, time zones from the host. Bundled by
// scripts/compile-builtins.mjs into one builtin; modules/internal/globals.js loads it on the
// first touch of `Intl` or of a locale-sensitive method, so a program that uses neither pays
// nothing for it.
import { Intl } from './global.js';
import './canonical-locales.js';
import '@formatjs/intl-supportedvaluesof/polyfill-force.js';
import '@formatjs/intl-locale/polyfill-force.js';
import '@formatjs/intl-pluralrules/polyfill-force.js';
import '@formatjs/intl-numberformat/polyfill-force.js';
import '@formatjs/intl-datetimeformat/polyfill-force.js';
import '@formatjs/intl-relativetimeformat/polyfill-force.js';
import '@formatjs/intl-listformat/polyfill-force.js';
import '@formatjs/intl-displaynames/polyfill-force.js';
import '@formatjs/intl-segmenter/polyfill-force.js';
import { withLocaleData, originalAdd } from './alias.js';
import '@formatjs/intl-pluralrules/locale-data/en.js';
import '@formatjs/intl-numberformat/locale-data/en.js';
import '@formatjs/intl-datetimeformat/locale-data/en.js';
import '@formatjs/intl-relativetimeformat/locale-data/en.js';
import '@formatjs/intl-listformat/locale-data/en.js';
import '@formatjs/intl-displaynames/locale-data/en.js';
import { Collator, compareDefault } from './collator.js';
import { hostZone, zoneIds } from './zones.js';
import { caseMapping } from './case-mapping.js';

for (const name of withLocaleData) Intl[name].__addLocaleData = originalAdd.get(name);
for (const name of [...withLocaleData, 'PluralRules']) Intl[name].__defaultLocale = 'en-US';

// Every id stands for itself; the offsets are asked for when formatting (zones.js).
const { DateTimeFormat, NumberFormat } = Intl;
DateTimeFormat.tzData = Object.fromEntries(zoneIds().map((id) => [id, [[0, 'UTC', 0, false]]]));
// The default zone follows the local zone, which process.env.TZ may change (native/bindings/intl.c).
let defaultZoneOf;
const polyfillDefaultZone = DateTimeFormat.getDefaultTimeZone;
function useDefaultZone(tz) {
  if (tz === defaultZoneOf) return;
  if (!(tz in DateTimeFormat.tzData)) DateTimeFormat.tzData[tz] = [[0, 'UTC', 0, false]];
  DateTimeFormat.__setDefaultTimeZone(tz);
  defaultZoneOf = tz;
}
DateTimeFormat.getDefaultTimeZone = () => {
  useDefaultZone(hostZone());
  return polyfillDefaultZone();
};
useDefaultZone(hostZone());

// A formatter's `format` getter that returns wrap(the polyfill's bound format, formatter), made
// once per formatter as the spec's [[BoundFormat]]; returned too, for callers a guest's own
// redefinition of `format` must not reach.
function wrapFormatGetter(Ctor, wrap) {
  const getter = Object.getOwnPropertyDescriptor(Ctor.prototype, 'format').get;
  const bound = new WeakMap();
  const get = Object.getOwnPropertyDescriptor({
    get format() {
      let f = bound.get(this);
      if (!f) {
        const inner = getter.call(this);
        f = wrap(inner, this);
        if (f !== inner) Object.defineProperty(f, 'name', { value: '' });
        bound.set(this, f);
      }
      return f;
    },
  }, 'format').get;
  Object.defineProperty(Ctor.prototype, 'format', { get, configurable: true, enumerable: false });
  return get;
}

// V8 turns CLDR's narrow no-break space (before AM/PM) into a plain one in format() and the
// toLocale*String methods, for the web's sake; formatToParts() and formatRange() keep it.
const NNBSP = /\u202f/g;
wrapFormatGetter(DateTimeFormat, (inner) => (date) => inner(date).replace(NNBSP, ' '));

// formatRange() of two dates that format alike is format()'s output in V8, spaces included.
const { formatRange, formatRangeToParts } = DateTimeFormat.prototype;
Object.defineProperty(DateTimeFormat.prototype, 'formatRange', {
  value: {
    formatRange(startDate, endDate) {
      const s = formatRange.call(this, startDate, endDate);
      const collapsed = !formatRangeToParts.call(this, startDate, endDate).some((p) => p.source === 'endRange');
      return collapsed ? s.replace(NNBSP, ' ') : s;
    },
  }.formatRange,
  writable: true,
  configurable: true,
  enumerable: false,
});

// resolvedOptions() with Node 20's keys in V8's order: the polyfills follow newer editions.
const optionOrder = {
  NumberFormat: ['locale', 'numberingSystem', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay',
    'minimumIntegerDigits', 'minimumSignificantDigits', 'maximumSignificantDigits', 'minimumFractionDigits',
    'maximumFractionDigits', 'useGrouping', 'notation', 'compactDisplay', 'signDisplay', 'roundingMode',
    'roundingIncrement', 'trailingZeroDisplay', 'roundingPriority'],
  PluralRules: ['locale', 'type', 'minimumIntegerDigits', 'minimumSignificantDigits', 'maximumSignificantDigits',
    'minimumFractionDigits', 'maximumFractionDigits', 'pluralCategories'],
};
for (const [name, keys] of Object.entries(optionOrder)) {
  const proto = Intl[name].prototype;
  const resolvedOptions = proto.resolvedOptions;
  Object.defineProperty(proto, 'resolvedOptions', {
    value: {
      resolvedOptions() {
        const all = resolvedOptions.call(this);
        const out = {};
        for (const key of keys) if (all[key] !== undefined) out[key] = all[key];
        // ICU lists the categories by name, 'other' last
        if (out.pluralCategories) out.pluralCategories = out.pluralCategories.filter((c) => c !== 'other').sort().concat('other');
        return out;
      },
    }.resolvedOptions,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

// NumberFormat#format of a formatter whose options are en-US's defaults formats numbers as
// toLocaleString() does, without the polyfill's formatting (about 550 µs a call). Others, and
// other values (bigints, decimal strings), go to the polyfill.
const numberResolvedOptions = NumberFormat.prototype.resolvedOptions;
let defaultNumberOptions;
function hasDefaultOptions(nf) {
  defaultNumberOptions ??= numberResolvedOptions.call(new NumberFormat('en-US'));
  const got = numberResolvedOptions.call(nf);
  const keys = Object.keys(defaultNumberOptions);
  return Object.keys(got).length === keys.length && keys.every((k) => got[k] === defaultNumberOptions[k]);
}
const numberFormatOf = wrapFormatGetter(NumberFormat, (inner, nf) =>
  hasDefaultOptions(nf) ? (x) => (typeof x === 'number' && formatDefaultNumber(x)) || inner(x) : inner);

const hidden = (value) => ({ value, writable: true, configurable: true, enumerable: false });
Object.defineProperty(Intl, 'Collator', hidden(Collator));

// In Node's order of Intl's own keys.
const order = ['getCanonicalLocales', 'supportedValuesOf', 'DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules',
  'RelativeTimeFormat', 'ListFormat', 'Locale', 'DisplayNames', 'Segmenter'];
for (const key of order) {
  const d = Object.getOwnPropertyDescriptor(Intl, key);
  if (d) (delete Intl[key], Object.defineProperty(Intl, key, d));
}

// The locale-sensitive methods of the other builtins, with V8's names and lengths. Formats
// with no arguments (the common case) are made once, and number formats of a locale alone.
let defaultNumber, defaultDate = {};
const localeNumberFormats = new Map();

// Number#toLocaleString() with no arguments in en-US, the sandbox's default, without the
// polyfill's formatting (about 450 us a call; V8's is under 1): as ICU does, the shortest
// decimal that reads back as the number, rounded half away from zero to 3 fraction digits,
// grouped by 3. undefined for what this does not cover (exponents, NaN, infinities).
let defaultIsEnUS;
function formatDefaultNumber(x) {
  if (!Number.isFinite(x)) return undefined;
  const text = String(x < 0 ? -x : x);
  if (text.includes('e')) return undefined;
  const dot = text.indexOf('.');
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? '' : text.slice(dot + 1);
  if (frac.length > 3) {
    const up = frac.charCodeAt(3) >= 53; // '5'
    frac = frac.slice(0, 3);
    if (up) {
      // add one in the last kept place, carrying through the digits
      const digits = (int + frac).split('');
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') digits[i--] = '0';
      if (i < 0) digits.unshift('1');
      else digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
      int = digits.slice(0, digits.length - 3).join('');
      frac = digits.slice(digits.length - 3).join('');
    }
  }
  frac = frac.replace(/0+$/, '');
  let grouped = '';
  for (let end = int.length; end > 0; end -= 3) grouped = int.slice(Math.max(0, end - 3), end) + (grouped && ',' + grouped);
  return (x < 0 || Object.is(x, -0) ? '-' : '') + grouped + (frac && '.' + frac);
}
const thisNumber = Number.prototype.valueOf;
const thisBigInt = typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined;
const thisTime = Date.prototype.getTime;
const dateDefaults = { toLocaleString: ['any', 'all'], toLocaleDateString: ['date', 'date'], toLocaleTimeString: ['time', 'time'] };

function dateMethod(name) {
  const polyfilled = Date.prototype[name];
  return {
    [name](...args) {
      const t = thisTime.call(this);
      if (args[0] === undefined && args[1] === undefined && !Number.isNaN(t)) {
        const f = (defaultDate[name] ||= { tz: undefined, format: undefined });
        // the host's zone can change between calls (the host's TZ); the formatter follows
        const tz = hostZone();
        if (f.tz !== tz) (useDefaultZone(tz), (f.tz = tz), (f.format = undefined));
        f.format ||= makeDateFormat(dateDefaults[name]);
        return f.format(t);
      }
      return polyfilled.apply(this, args);
    },
  }[name];
}
function makeDateFormat([required, defaults]) {
  const o = {};
  if (required !== 'time' || defaults !== 'time') Object.assign(o, { year: 'numeric', month: 'numeric', day: 'numeric' });
  if (required !== 'date') Object.assign(o, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const dtf = new DateTimeFormat(undefined, o);
  return (t) => dtf.format(t);
}

export const methods = {
  number: {
    toLocaleString(...args) {
      const x = thisNumber.call(this);
      if (args[0] === undefined && args[1] === undefined) {
        defaultNumber ||= new NumberFormat();
        defaultIsEnUS ??= defaultNumber.resolvedOptions().locale === 'en-US';
        return (defaultIsEnUS && formatDefaultNumber(x)) || defaultNumber.format(x);
      }
      if (typeof args[0] === 'string' && args[1] === undefined) {
        let nf = localeNumberFormats.get(args[0]);
        if (!nf) {
          nf = new NumberFormat(args[0]);
          if (localeNumberFormats.size < 64) localeNumberFormats.set(args[0], nf);
        }
        return numberFormatOf.call(nf)(x);
      }
      return new NumberFormat(args[0], args[1]).format(x);
    },
  }.toLocaleString,
  bigint: thisBigInt && {
    toLocaleString(...args) {
      return new NumberFormat(args[0], args[1]).format(thisBigInt.call(this));
    },
  }.toLocaleString,
  dateToLocaleString: dateMethod('toLocaleString'),
  dateToLocaleDateString: dateMethod('toLocaleDateString'),
  dateToLocaleTimeString: dateMethod('toLocaleTimeString'),
  localeCompare: {
    localeCompare(that, ...rest) {
      if (this == null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
      const s = String(this);
      that = String(that);
      if (rest[0] === undefined && rest[1] === undefined) return compareDefault(s, that);
      return new Collator(rest[0], rest[1]).compare(s, that);
    },
  }.localeCompare,
  arrayToLocaleString: arrayToLocaleString(Array.prototype.toLocaleString),
  ...caseMapping(Intl),
};

// V8 prints a cycle as '' and passes the arguments on to each element.
const visiting = new Set();
function arrayToLocaleString(native) {
  return {
    toLocaleString(...args) {
      const o = Object(this);
      if (visiting.has(o)) return '';
      visiting.add(o);
      try {
        const len = Math.min(Number(o.length) || 0, 2 ** 53 - 1);
        let out = '';
        for (let i = 0; i < len; i++) {
          if (i) out += ',';
          const e = o[i];
          if (e != null) out += String(e.toLocaleString(args[0], args[1]));
        }
        return out;
      } finally {
        visiting.delete(o);
      }
    },
  }.toLocaleString;
}

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const install = (target, name, fn) => fn && Object.defineProperty(target, name, hidden(fn));
install(Number.prototype, 'toLocaleString', methods.number);
if (thisBigInt) install(BigInt.prototype, 'toLocaleString', methods.bigint);
install(Date.prototype, 'toLocaleString', methods.dateToLocaleString);
install(Date.prototype, 'toLocaleDateString', methods.dateToLocaleDateString);
install(Date.prototype, 'toLocaleTimeString', methods.dateToLocaleTimeString);
install(String.prototype, 'localeCompare', methods.localeCompare);
install(Array.prototype, 'toLocaleString', methods.arrayToLocaleString);
install(TypedArrayPrototype, 'toLocaleString', arrayToLocaleString(TypedArrayPrototype.toLocaleString));

export { Intl };
