// String.prototype.toLocaleUpperCase/LowerCase with a locale: V8 hands Turkish, Azeri,
// Lithuanian and Greek to ICU's special casing and every other language to the plain
// mapping (QuickJS's toUpperCase/toLowerCase), using only the first requested locale.
// Called by modules/internal/globals.js when a locale is given; without one the plain
// mapping is V8's answer and Intl is not loaded.

// Marks of combining class 230 (above) in the combining block: Lithuanian keeps the dot of
// i and j under them.
const ABOVE = '[\u0300-\u0314\u033d-\u0344\u0346\u034a-\u034c\u0350-\u0352\u0357\u035b\u0363-\u036f]';
const lithuanianLower = new RegExp(`([IJ\u012e])(?=${ABOVE})`, 'g');
const lithuanianAccented = { '\u00cc': 'i\u0307\u0300', '\u00cd': 'i\u0307\u0301', '\u0128': 'i\u0307\u0303' };
const GREEK_TONOS = /[\u0300\u0301\u0342\u0313\u0314\u0343\u0344]/;

function lower(lang, s) {
  switch (lang) {
    case 'tr':
    case 'az':
      return s.replace(/I\u0307/g, 'i').replace(/\u0130/g, 'i').replace(/I/g, '\u0131').toLowerCase();
    case 'lt':
      return s.replace(/[\u00cc\u00cd\u0128]/g, (c) => lithuanianAccented[c]).replace(lithuanianLower, (c) => `${c.toLowerCase()}\u0307`).toLowerCase();
    default:
      return s.toLowerCase();
  }
}

function upper(lang, s) {
  switch (lang) {
    case 'tr':
    case 'az':
      return s.replace(/i/g, '\u0130').toUpperCase();
    case 'lt':
      return s.replace(/([ij\u012f])\u0307/g, '$1').toUpperCase();
    case 'el':
      return greekUpper(s);
    default:
      return s.toUpperCase();
  }
}

// Greek capitals drop accents and breathings; a diphthong whose first vowel bore the accent
// gets a diaeresis on the second (άυ -> ΑΫ), as ICU does.
function greekUpper(s) {
  const d = s.normalize('NFD');
  let out = '';
  for (let i = 0; i < d.length; i++) {
    const c = d[i];
    if (GREEK_TONOS.test(c)) {
      const prev = d[i - 1], next = d[i + 1];
      if (/[αεου]/i.test(prev) && /[ιυ]/i.test(next) && !/[\u0300-\u036f]/.test(d[i + 2] || '')) {
        out += next + '\u0308';
        i++;
      }
      continue;
    }
    out += c;
  }
  return out.toUpperCase().normalize('NFC');
}

export function caseMapping(Intl) {
  const language = (locales) => {
    const [tag] = Intl.getCanonicalLocales(locales);
    return tag === undefined ? 'en' : tag.split('-')[0];
  };
  const thisString = (self, name) => {
    if (self == null) throw new TypeError(`String.prototype.${name} called on null or undefined`);
    return String(self);
  };
  // V8's length is 0
  return {
    toLocaleUpperCase(...args) {
      const s = thisString(this, 'toLocaleUpperCase');
      return upper(language(args[0]), s);
    },
    toLocaleLowerCase(...args) {
      const s = thisString(this, 'toLocaleLowerCase');
      return lower(language(args[0]), s);
    },
  };
}
