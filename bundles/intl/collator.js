// Intl.Collator: ICU's root collation (what 'en' uses) in three levels, as UCA defines them:
// primary (base letters; spaces and punctuation < symbols < digits < letters), secondary
// (accents), tertiary (case, lowercase first). The weights are a table made at build time
// from the build machine's Node/ICU over the scripts in common use (scripts/compile-builtins.mjs:
// Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation and symbols); text is compared in NFD,
// so precomposed letters take their base letter's weights plus their marks'. Characters
// outside the table sort after it by code point, unless NFKD maps them into it (ligatures,
// full-width forms). No contractions or locale tailorings.
import { chars, levels } from 'qjsw-gen:collation';
import { Intl } from './global.js';

// char code -> p * 8192 + s * 32 + t (0: completely ignorable), built on first use
let table;
let maxPrimary;
function weights() {
  if (table) return table;
  table = new Map();
  let p = 0, s = 0, t = 0;
  for (let i = 0; i < chars.length; i++) {
    const lv = levels.charCodeAt(i) - 48;
    if (lv === 1) (p++, (s = 0), (t = 0));
    else if (lv === 2) (s++, (t = 0));
    else if (lv === 3) t++;
    table.set(chars.charCodeAt(i), p * 8192 + s * 32 + t);
  }
  maxPrimary = p;
  return table;
}

// Letters ICU expands into two, with a secondary difference: 'ae' < 'æ' < 'af'.
const expansions = { 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ß': 'ss', 'ẞ': 'SS' };
const punctuation = /[\p{P}\p{Z}\p{Cc}]/u;

function elements(str, numeric, ignorePunctuation) {
  const w = weights();
  const P = [], S = [], T = [], C = [];
  const text = String(str).normalize('NFD');
  for (let i = 0; i < text.length; i++) {
    let ch = text[i];
    let code = text.codePointAt(i);
    if (code > 0xffff) {
      ch = String.fromCodePoint(code);
      i++;
    }
    if (numeric && code >= 48 && code <= 57) {
      let j = i;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const digits = text.slice(i, j).replace(/^0+(?=.)/, '');
      P.push(Math.floor(w.get(48) / 8192), 1e6 + digits.length);
      for (const d of digits) P.push(Math.floor(w.get(d.charCodeAt(0)) / 8192));
      for (let k = i; k < j; k++) S.push(0), T.push(0), C.push(0);
      i = j - 1;
      continue;
    }
    const exp = expansions[ch];
    if (exp) {
      for (let k = 0; k < exp.length; k++) {
        const v = w.get(exp.charCodeAt(k));
        P.push(Math.floor(v / 8192)), S.push(k ? 0 : 255), T.push(v & 31), C.push(v & 31);
      }
      continue;
    }
    if (ignorePunctuation && punctuation.test(ch)) continue;
    const v = w.get(code);
    if (v === undefined) {
      // a compatibility character (ligature, full-width form, superscript) weighs as its
      // NFKD letters with a tertiary difference between the lowercase and uppercase ones
      const compat = ch.normalize('NFKD');
      if (compat !== ch && [...compat].every((c) => w.has(c.codePointAt(0)))) {
        for (const c of compat) {
          const cv = w.get(c.codePointAt(0));
          if (!cv) continue;
          const p = Math.floor(cv / 8192);
          if (p) P.push(p), C.push(cv & 31);
          S.push((cv >> 5) & 255), T.push((cv & 31) + 0.5);
        }
        continue;
      }
      P.push(maxPrimary + 1 + code), S.push(0), T.push(0), C.push(0);
      continue;
    }
    if (v === 0) continue;
    const p = Math.floor(v / 8192);
    if (p) P.push(p), C.push(v & 31);
    S.push((v >> 5) & 255), T.push(v & 31);
  }
  return [P, S, T, C];
}

function compareArrays(a, b, sign = 1) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -sign : sign;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const slots = new WeakMap();
const getSlots = (c, method) => {
  const s = slots.get(c);
  if (!s) throw new TypeError(`Method Intl.Collator.prototype.${method} called on incompatible receiver ${String(c)}`);
  return s;
};

function getOption(options, name, values, fallback) {
  let v = options[name];
  if (v === undefined) return fallback;
  if (values === Boolean) return Boolean(v);
  v = String(v);
  if (!values.includes(v)) throw new RangeError(`Value ${v} out of range for Intl.Collator options property ${name}`);
  return v;
}

function compareWith(s, x, y) {
  const [pa, sa, ta, ca] = elements(x, s.numeric, s.ignorePunctuation);
  const [pb, sb, tb, cb] = elements(y, s.numeric, s.ignorePunctuation);
  const caseSign = s.caseFirst === 'upper' ? -1 : 1;
  let r = compareArrays(pa, pb);
  if (r || s.sensitivity === 'base') return r;
  // 'case' is ICU's case level: the case of the base letters, accents ignored
  if (s.sensitivity === 'case') return compareArrays(ca, cb, caseSign);
  r = compareArrays(sa, sb);
  if (r || s.sensitivity === 'accent') return r;
  return compareArrays(ta, tb, caseSign);
}

// a function rather than a class: ECMA-402 lets Intl.Collator() be called without new
export function Collator(locales, options) {
  const requested = Intl.getCanonicalLocales(locales);
  options = options === undefined ? {} : Object(options);
  const usage = getOption(options, 'usage', ['sort', 'search'], 'sort');
  getOption(options, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
  const collation = options.collation;
  if (collation !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(String(collation))) {
    throw new RangeError(`Invalid collation : ${String(collation)}`);
  }
  const numeric = getOption(options, 'numeric', Boolean, false);
  const caseFirst = getOption(options, 'caseFirst', ['upper', 'lower', 'false'], 'false');
  const sensitivity = getOption(options, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
  const ignorePunctuation = getOption(options, 'ignorePunctuation', Boolean, false);
  // the locale NumberFormat resolves to from the same data ('en' or 'en-US')
  const locale = new Intl.NumberFormat(requested).resolvedOptions().locale;
  const self = new.target ? this : Object.create(Collator.prototype);
  slots.set(self, { locale, usage, sensitivity, ignorePunctuation, numeric, caseFirst, bound: undefined });
  return self;
}

const methods = {
  supportedLocalesOf(locales, options) {
    return Intl.NumberFormat.supportedLocalesOf(locales, options);
  },
  get compare() {
    const s = getSlots(this, 'compare');
    if (!s.bound) {
      s.bound = (x, y) => compareWith(s, x, y);
      Object.defineProperty(s.bound, 'name', { value: '' });
    }
    return s.bound;
  },
  resolvedOptions() {
    const s = getSlots(this, 'resolvedOptions');
    return {
      locale: s.locale,
      usage: s.usage,
      sensitivity: s.sensitivity,
      ignorePunctuation: s.ignorePunctuation,
      collation: 'default',
      numeric: s.numeric,
      caseFirst: s.caseFirst,
    };
  },
};
const own = (o, k) => ({ ...Object.getOwnPropertyDescriptor(o, k), enumerable: false });
Object.defineProperty(Collator, 'supportedLocalesOf', own(methods, 'supportedLocalesOf'));
Object.defineProperty(Collator, 'prototype', { writable: false });
Object.defineProperty(Collator.prototype, 'compare', own(methods, 'compare'));
Object.defineProperty(Collator.prototype, 'resolvedOptions', own(methods, 'resolvedOptions'));
Object.defineProperty(Collator.prototype, Symbol.toStringTag, { value: 'Intl.Collator', configurable: true });
Object.defineProperty(Collator, 'length', { value: 0 });

// for String.prototype.localeCompare: one collator per options-free call
let defaultSlots;
export function compareDefault(x, y) {
  if (!defaultSlots) defaultSlots = getSlots(new Collator(), 'compare');
  return compareWith(defaultSlots, x, y);
}
