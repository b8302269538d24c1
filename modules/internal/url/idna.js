// IDNA for URL hosts: Punycode (RFC 3492) and a basic UTS #46 ToASCII (NFKC and lower case
// instead of the full mapping table, the RFC 5893 bidi rule by script) — enough for the names
// people type; the full table is not shipped.

// ---------------------------------------------------------------- Punycode (RFC 3492)
const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;

function adapt(delta, numPoints, first) {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

const digit = (d) => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

export function punycodeEncode(input) {
  const cps = Array.from(input, (ch) => ch.codePointAt(0));
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
  while (handled < cps.length) {
    let m = Infinity;
    for (const c of cps) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (q < t) break;
        out += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

// The decoded label, or null when `input` is not valid Punycode.
export function punycodeDecode(input) {
  const out = [];
  let start = 0;
  const dash = input.lastIndexOf('-');
  if (dash > 0) {
    for (let i = 0; i < dash; i++) {
      if (input.charCodeAt(i) >= 0x80) return null;
      out.push(input.charCodeAt(i));
    }
    start = dash + 1;
  }
  let n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
  for (let pos = start; pos < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const d = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : -1;
      if (d < 0) return null;
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

// ---------------------------------------------------------------- IDNA (basic)
// Code points UTS #46 maps to nothing; the label separators it maps to ".".
const IGNORED = /[\u00ad\u034f\u180b-\u180d\u200b\u2060\ufe00-\ufe0f\ufeff]/g;
const DOTS = /[\u3002\uff0e\uff61]/g;
// Controls, unassigned, private-use, lone surrogates, U+FFFD and separators (spaces that NFKC
// leaves non-ASCII): never valid in a label.
// format characters too, but for the joiners (what UTS #46 maps away went with IGNORED)
const DISALLOWED = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\p{Z}\ufffd]|(?![\u200c\u200d])\p{Cf}/u;
const NON_ASCII = /[^\x00-\x7f]/;

// UTS #46 mapping, approximated: NFKC and a case fold of each code point on its own (upper
// then lower case, so no final-sigma context), keeping the deviations ß and ς and the dotless
// ı that upper-casing would lose, plus the mappings case folding lacks. A character whose
// compatibility form holds a "." (U+2024, U+2488…) is disallowed rather than split: null.
const SPECIAL_MAP = { '\u1e9e': 'ss', '\u00df': '\u00df', '\u0131': '\u0131', '\u03c2': '\u03c2', '\u200c': '\u200c', '\u200d': '\u200d' };
function mapDomain(domain) {
  let out = '';
  for (const ch of domain.replace(IGNORED, '').replace(DOTS, '.')) {
    const compat = ch.normalize('NFKC');
    if (ch !== '.' && compat.includes('.')) return null;
    for (const c of compat) out += SPECIAL_MAP[c] ?? c.toUpperCase().toLowerCase();
  }
  return out.normalize('NFKC');
}

// Bidi classes (RFC 5893) by script and category; JS has no Bidi_Class property.
const RTL = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const AN = /[\u0600-\u0605\u0660-\u0669\u066b\u066c\u06dd\u08e2]/u;
const EN = /[0-9\u06f0-\u06f9]/u;
const NSM = /[\p{Mn}\p{Me}]/u;
// the few characters of the right-to-left blocks that are neither right-to-left (as their
// letters and most of their punctuation, ؛ and ؟ among it, are) nor digits: ، ٪ and the like
const RTL_NEUTRAL = /[\u0609\u060a\u060c\u060e\u060f\u066a\u06de\u06e9\ufd3e\ufd3f\ufdfd]/u;
function bidiClass(ch) {
  if (NSM.test(ch)) return 'NSM';
  if (AN.test(ch)) return 'AN';
  if (EN.test(ch)) return 'EN';
  if (RTL.test(ch)) return RTL_NEUTRAL.test(ch) ? 'ON' : 'R';
  if (/[\p{L}\p{Mc}\p{Nd}\p{Nl}]/u.test(ch)) return 'L';
  return 'ON';
}

// RFC 5893 §2 as Node 20 applies it, to a label holding a right-to-left letter or an Arabic
// digit. Starting with a left-to-right letter, every character but the last (before marks)
// must be left-to-right or neutral; otherwise all must be right-to-left, digits or neutral,
// ending in a right-to-left letter or digit, without both kinds of digits.
function bidiOK(label) {
  const classes = Array.from(label, bidiClass);
  if (!classes.some((c) => c === 'R' || c === 'AN')) return true;
  let last = classes.length - 1;
  while (last >= 0 && classes[last] === 'NSM') last--;
  if (last < 0) return false;
  if (classes[0] === 'L') return classes.slice(0, last).every((c) => c !== 'R' && c !== 'AN');
  const body = classes.slice(0, last + 1);
  if (body.includes('L')) return false;
  if (body.includes('EN') && body.includes('AN')) return false;
  return ['R', 'EN', 'AN'].includes(classes[last]);
}

// Joiners (RFC 5892 Appendix A) as Node 20 checks them: the first ZWJ/ZWNJ of a label decides
// its validity (bidi included). Either may follow a virama; a ZWNJ may also sit between a
// left- or dual-joining letter somewhere before and a right- or dual-joining one after.
const VIRAMA = /[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0eba\u0f84\u1039\u103a\u1714\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\u2d7f\ua806\ua82c\ua8c4\ua953\ua9c0\uaaf6\uabed]/u;
// Unicode's right-joining letters (ArabicShaping.txt); other letters of the joining scripts
// are taken as dual-joining, and U+A872 is the one left-joining letter.
const RIGHT_JOINING = /[\u0622-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef\u0710\u0715-\u0719\u071e\u0728\u072a\u072c\u072f\u074d\u0759-\u075b\u0854\u08aa-\u08ac]/u;
const JOINING_SCRIPT = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Phags_Pa}\p{Script=Mandaic}]/u;
const joiningType = (ch) => {
  if (ch === '\ua872') return 'L';
  if (RIGHT_JOINING.test(ch)) return 'R';
  return JOINING_SCRIPT.test(ch) && /\p{L}/u.test(ch) ? 'D' : 'U';
};

// true/false when a joiner decides the label, undefined when it has none.
function joinerVerdict(chars) {
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\u200c' && chars[i] !== '\u200d') continue;
    if (i > 0 && VIRAMA.test(chars[i - 1])) return true;
    if (chars[i] === '\u200d' || i === 0 || i + 1 >= chars.length) return false;
    const before = chars.slice(0, i).some((ch) => joiningType(ch) === 'L' || joiningType(ch) === 'D');
    const after = chars.slice(i + 1).some((ch) => joiningType(ch) === 'R' || joiningType(ch) === 'D');
    return before && after;
  }
  return undefined;
}

// A label UTS #46 (as Node 20 runs it) accepts.
function validLabel(label) {
  if (/^\p{M}/u.test(label) || DISALLOWED.test(label)) return false;
  const chars = Array.from(label);
  return joinerVerdict(chars) ?? bidiOK(label);
}

// Domain to ASCII as the URL standard calls it (not strict: no DNS length limits); null on
// failure.
export function domainToASCII(domain) {
  const mapped = NON_ASCII.test(domain) ? mapDomain(domain) : domain.toLowerCase();
  if (mapped === null) return null;
  const labels = mapped.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label.startsWith('xn--')) {
      // An ACE label must decode to a valid label that maps to itself.
      const decoded = punycodeDecode(label.slice(4));
      if (decoded === null || decoded === '' || !validLabel(decoded)) return null;
      if (mapDomain(decoded) !== decoded) return null;
      continue;
    }
    if (NON_ASCII.test(label)) {
      if (!validLabel(label)) return null;
      labels[i] = 'xn--' + punycodeEncode(label);
    }
  }
  const out = labels.join('.');
  return out === '' && domain !== '' ? null : out;
}

export function domainToUnicode(domain) {
  return domain.toLowerCase().split('.').map((label) => {
    if (!label.startsWith('xn--')) return label;
    const decoded = punycodeDecode(label.slice(4));
    return decoded === null ? label : decoded;
  }).join('.');
}
