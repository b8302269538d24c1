// The sandbox's text filters as Debian 12 has them in the C locale: wc, head, tail (coreutils
// 9.1) and grep (3.8), with the translation of POSIX regular expressions (BRE, ERE) to
// JavaScript ones that grep and sed share. Data are bytes throughout, held as latin1 strings
// (one char a byte), so any input passes through unchanged.
import fs from 'node:fs';
import { Buffer } from 'node:buffer';
import {
  closeStdin,
  drain,
  Exit,
  flush,
  getopt,
  Input,
  options,
  out,
  parseSize,
  prog,
  quote,
  quotef,
  readAll,
  say,
  strerror,
  UsageError,
  usageFail,
} from 'qjsw:internal/programs/common';

// UTF-8 text (a file name, an argument) as the latin1 string of its bytes.
export const bytesOf = (s) => Buffer.from(String(s), 'utf8').toString('latin1');

// The C locale's character classes.
const inRange = (b, lo, hi) => b >= lo.charCodeAt(0) && b <= hi.charCodeAt(0);
const CLASSES = {
  alpha: (b) => inRange(b, 'A', 'Z') || inRange(b, 'a', 'z'),
  upper: (b) => inRange(b, 'A', 'Z'),
  lower: (b) => inRange(b, 'a', 'z'),
  digit: (b) => inRange(b, '0', '9'),
  alnum: (b) => inRange(b, 'A', 'Z') || inRange(b, 'a', 'z') || inRange(b, '0', '9'),
  xdigit: (b) => inRange(b, '0', '9') || inRange(b, 'A', 'F') || inRange(b, 'a', 'f'),
  space: (b) => (b >= 9 && b <= 13) || b === 32,
  blank: (b) => b === 9 || b === 32,
  punct: (b) => b > 32 && b < 127 && !CLASSES.alnum(b),
  print: (b) => b >= 32 && b < 127,
  graph: (b) => b > 32 && b < 127,
  cntrl: (b) => b < 32 || b === 127,
};

export class RegexError extends Error {}

const hex = (b) => `\\x${b.toString(16).padStart(2, '0')}`;

// A set of bytes (a bracket expression) as a JavaScript character class.
function classSource(set) {
  let count = 0;
  for (let b = 0; b < 256; b++) count += set[b];
  if (count === 256) return '[^]';
  let s = '';
  for (let b = 0; b < 256; b++) {
    if (!set[b]) continue;
    let e = b;
    while (e + 1 < 256 && set[e + 1]) e++;
    s += e === b ? hex(b) : e === b + 1 ? hex(b) + hex(e) : `${hex(b)}-${hex(e)}`;
    b = e;
  }
  return `[${s}]`;
}

function literalSource(b, icase) {
  const c = String.fromCharCode(b);
  if (icase && CLASSES.alpha(b)) return `[${c.toUpperCase()}${c.toLowerCase()}]`;
  return CLASSES.alnum(b) ? c : hex(b);
}

// The escapes GNU sed reads in its regular expressions and replacements: \n, \t, \dNNN, ...
// [the byte, the characters read], or undefined.
export function sedEscape(p, i) {
  const c = p[i];
  const simple = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 }[c];
  if (simple !== undefined) return [simple, 1];
  let m;
  if (c === 'd' && (m = /^\d{1,3}/.exec(p.slice(i + 1)))) return [Number(m[0]) & 0xff, 1 + m[0].length];
  if (c === 'o' && (m = /^[0-7]{1,3}/.exec(p.slice(i + 1)))) return [parseInt(m[0], 8) & 0xff, 1 + m[0].length];
  if (c === 'x' && (m = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i + 1)))) return [parseInt(m[0], 16), 1 + m[0].length];
  if (c === 'c' && i + 1 < p.length) return [p[i + 1].toUpperCase().charCodeAt(0) ^ 0x40, 2];
  return undefined;
}

// A POSIX regular expression (latin1 bytes), basic or `extended`, with GNU's extensions
// (\w \s \b \< \> \` \', \| \+ \? in BREs, back-references in EREs), as the source of a
// JavaScript RegExp that matches the same bytes; `icase` folds ASCII letters only (the C
// locale), `groupBase` numbers its groups after others' (several patterns in one RegExp),
// `sed` reads sed's escapes (\n, \t...). Throws RegexError with glibc's words. JavaScript
// picks the first alternative that matches where POSIX picks the longest (longestFinder
// makes up for it where it can).
export function translateRegex(pattern, { extended = false, icase = false, sed = false, groupBase = 0, warn } = {}) {
  const p = pattern;
  const n = p.length;
  let i = 0;
  let groups = groupBase;
  const closed = new Set();
  const isAlt = () => (extended ? p[i] === '|' : p[i] === '\\' && p[i + 1] === '|');
  const isClose = () => (extended ? p[i] === ')' : p[i] === '\\' && p[i + 1] === ')');

  // (a back-reference sees only the groups of its own branch, and those before the alternation)
  function alternation(depth) {
    const before = [...closed];
    const seen = [];
    const branches = [branch(depth)];
    while (i < n && isAlt()) {
      i += extended ? 1 : 2;
      seen.push(...closed);
      closed.clear();
      for (const g of before) closed.add(g);
      branches.push(branch(depth));
    }
    for (const g of seen) closed.add(g);
    return branches.join('|');
  }

  // the quantifier at i: [its JavaScript text, its length], null if none, or 'literal'
  function quantifier() {
    const c = p[i];
    if (c === '*') return ['*', 1];
    if (extended && (c === '+' || c === '?')) return [c, 1];
    if (!extended && c === '\\' && (p[i + 1] === '+' || p[i + 1] === '?')) return [p[i + 1], 2];
    const brace = extended ? c === '{' : c === '\\' && p[i + 1] === '{';
    if (!brace) return null;
    const start = i + (extended ? 1 : 2);
    const close = extended ? '}' : '\\}';
    const end = p.indexOf(close, start);
    const m = end < 0 ? null : /^(\d*)(,(\d*))?$/.exec(p.slice(start, end));
    if (!m || (m[1] === '' && !m[2])) {
      // grep's EREs take a '{' that starts no interval as itself
      if (extended && !sed) return 'literal';
      throw new RegexError(end < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
    }
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : lo;
    if (lo > 32767 || (hi !== Infinity && hi > 32767)) throw new RegexError('Regular expression too big');
    if (hi < lo) throw new RegexError('Invalid content of \\{\\}');
    const text = hi === lo ? `{${lo}}` : hi === Infinity ? `{${lo},}` : `{${lo},${hi}}`;
    return [text, end + close.length - i];
  }

  function branch(depth) {
    const atoms = [];
    while (i < n) {
      if (isAlt()) break;
      if (isClose()) {
        if (depth > 0) break;
        // grep's EREs take an unmatched ')' as itself
        if (!(extended && !sed)) throw new RegexError('Unmatched ) or \\)');
        atoms.push({ src: hex(0x29) });
        i++;
        continue;
      }
      const c = p[i];
      const last = atoms[atoms.length - 1];
      if (c === '^' && (extended || !atoms.length)) {
        atoms.push({ src: '^', anchor: true });
        i++;
        continue;
      }
      if (c === '$') {
        const next = i + 1;
        const atEnd = next >= n || (!extended && p[next] === '\\' && (p[next + 1] === ')' || p[next + 1] === '|'));
        if (extended || atEnd) {
          atoms.push({ src: '$', anchor: true });
          i++;
          continue;
        }
      }
      const startsRepeat = c === '*' || (extended ? c === '+' || c === '?' || c === '{' : c === '\\' && '+?{'.includes(p[i + 1] ?? ''));
      let q = null;
      if (startsRepeat) {
        const braceBRE = !extended && c !== '*';
        // glibc (sed's matcher) refuses a repetition of nothing, and in EREs of an anchor
        if (sed && (extended ? !last || last.anchor : braceBRE && p[i + 1] === '{' && (!last || last.src === '^'))) {
          throw new RegexError('Invalid preceding regular expression');
        }
        if (!extended && (!last || last.src === '^')) {
          // a BRE's leading '*' (or \+, \?, \{) is an ordinary character
          atoms.push({ src: literalSource(p.charCodeAt(braceBRE ? i + 1 : i), icase) });
          i += braceBRE ? 2 : 1;
          continue;
        }
        q = quantifier();
      }
      if (q && q !== 'literal') {
        // grep warns of a repetition with only anchors before it in its branch, and ignores one of nothing
        if (extended && atoms.every((a) => a.anchor)) warn?.(`${c === '{' ? '{...}' : c} at start of expression`);
        if (!last) {
          i += q[1];
          continue;
        }
        if (last.anchor) last.src = `(?:${last.src}${last.q ?? ''})`;
        else if (last.q) last.src = `(?:${last.src}${last.q})`;
        last.q = q[0];
        i += q[1];
        continue;
      }
      if (q === 'literal') {
        atoms.push({ src: hex(0x7b) });
        i++;
        continue;
      }
      if (c === '.') {
        atoms.push({ src: '[^]' });
        i++;
        continue;
      }
      if (c === '[') {
        atoms.push({ src: bracket() });
        continue;
      }
      const open = extended ? c === '(' : c === '\\' && p[i + 1] === '(';
      if (open) {
        i += extended ? 1 : 2;
        const num = ++groups;
        const inner = alternation(depth + 1);
        if (!isClose()) throw new RegexError('Unmatched ( or \\(');
        i += extended ? 1 : 2;
        closed.add(num);
        atoms.push({ src: `(${inner})` });
        continue;
      }
      if (c === '\\') {
        if (i + 1 >= n) throw new RegexError('Trailing backslash');
        const e = p[i + 1];
        i += 2;
        if (e >= '1' && e <= '9') {
          const num = groupBase + Number(e);
          if (!closed.has(num)) throw new RegexError('Invalid back reference');
          atoms.push({ src: `(?:\\${num})` });
          continue;
        }
        const special = {
          w: '[A-Za-z0-9_]',
          W: '[^A-Za-z0-9_]',
          s: '[\\t-\\r ]',
          S: '[^\\t-\\r ]',
          b: '\\b',
          B: '\\B',
          '<': '\\b(?=[A-Za-z0-9_])',
          '>': '\\b(?<=[A-Za-z0-9_])',
          '`': '(?<![^])',
          "'": '(?![^])',
        }[e];
        if (special) {
          atoms.push({ src: special, anchor: /^[bB<>`']$/.test(e) });
          continue;
        }
        if (sed) {
          const esc = sedEscape(p, i - 1);
          if (esc) {
            atoms.push({ src: literalSource(esc[0], icase) });
            i += esc[1] - 1;
            continue;
          }
        }
        atoms.push({ src: literalSource(e.charCodeAt(0), icase) });
        continue;
      }
      atoms.push({ src: literalSource(c.charCodeAt(0), icase) });
      i++;
    }
    return atoms.map((a) => a.src + (a.q ?? '')).join('');
  }

  // a bracket expression, at its '[': its character class
  function bracket() {
    const unmatched = () => new RegexError('Unmatched [, [^, [:, [., or [=');
    const start = i;
    i++;
    let negate = false;
    if (p[i] === '^') {
      negate = true;
      i++;
    }
    const set = new Uint8Array(256);
    let first = true;
    // one end of a range: a byte, or a collating element [.x.] / equivalence class [=x=]
    const element = () => {
      if (p[i] === '[' && (p[i + 1] === '.' || p[i + 1] === '=')) {
        const kind = p[i + 1];
        const end = p.indexOf(`${kind}]`, i + 2);
        if (end < 0) throw unmatched();
        const name = p.slice(i + 2, end);
        i = end + 2;
        if (name.length !== 1) throw new RegexError('Invalid collation character');
        return name.charCodeAt(0);
      }
      if (sed && p[i] === '\\' && (p[i + 1] === 'n' || p[i + 1] === 't' || p[i + 1] === '\\' || p[i + 1] === ']')) {
        i += 2;
        return { n: 10, t: 9, '\\': 92, ']': 93 }[p[i - 1]];
      }
      return p.charCodeAt(i++);
    };
    for (;;) {
      if (i >= n) throw unmatched();
      const c = p[i];
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c === '[' && p[i + 1] === ':') {
        const end = p.indexOf(':]', i + 2);
        if (end < 0) throw unmatched();
        const fn = CLASSES[p.slice(i + 2, end)];
        if (!fn) throw new RegexError('Invalid character class name');
        for (let b = 0; b < 256; b++) if (fn(b)) set[b] = 1;
        i = end + 2;
        continue;
      }
      const lo = element();
      if (p[i] === '-' && i + 1 < n && p[i + 1] !== ']') {
        i++;
        const hi = element();
        if (hi < lo) throw new RegexError('Invalid range end');
        for (let b = lo; b <= hi; b++) set[b] = 1;
      } else set[lo] = 1;
    }
    const text = p.slice(start, i);
    if (!sed && /^\[:.*:\]$/.test(text)) throw new RegexError(`character class syntax is [[:space:]], not ${text}`);
    if (icase) {
      for (let b = 65; b <= 90; b++) {
        if (set[b] || set[b + 32]) set[b] = set[b + 32] = 1;
      }
    }
    if (negate) for (let b = 0; b < 256; b++) set[b] ^= 1;
    return classSource(set);
  }

  const source = alternation(0);
  if (i < n) throw new RegexError('Unmatched ) or \\)');
  return { source, groups: groups - groupBase };
}

// POSIX's leftmost-longest, where JavaScript's first listed alternative matched shorter:
// longest(text, m) is the longest match from m's start (a bounded search, for lines of a
// reasonable length), or m. Only for sources whose matches could differ and whose end does
// not look at what follows it ($, \b, lookaheads).
export function longestFinder(source, flags) {
  const ambiguous = /\||\)[*+?{]/.test(source) && !/\$|\\b|\\B|\(\?[=!<]/.test(source);
  if (!ambiguous) return (text, m) => m;
  const sticky = new RegExp(`(?:${source})$`, `y${flags.replace(/[gy]/g, '')}`);
  return (text, m) => {
    if (text.length - m.index > 4096) return m;
    for (let end = text.length; end > m.index + m[0].length; end--) {
      sticky.lastIndex = m.index;
      const longer = sticky.exec(text.slice(0, end));
      if (longer) return longer;
    }
    return m;
  };
}

// A fixed string as a RegExp source.
function fixedSource(s, icase) {
  let r = '';
  for (let k = 0; k < s.length; k++) r += literalSource(s.charCodeAt(k), icase);
  return r;
}

// wc

export async function wc(args) {
  const { opts, operands } = options('wc', args, 'clLmw', {
    bytes: 'c',
    chars: 'm',
    lines: 'l',
    words: 'w',
    'max-line-length': 'L',
    'files0-from=': 'files0',
  });
  const want = {};
  let files0;
  for (const [k, v] of opts) {
    if (k === 'files0') files0 = v;
    else want[k] = true;
  }
  if (!want.c && !want.m && !want.l && !want.w && !want.L) want.l = want.w = want.c = true;
  let names = operands;
  if (files0 !== undefined) {
    if (operands.length) {
      say(`extra operand ${quote(operands[0])}\nfile operands cannot be combined with --files0-from`);
      usageFail(new UsageError(''), 1);
      throw new Exit(1);
    }
    try {
      const list = files0 === '-' ? '' : fs.readFileSync(files0, 'latin1');
      names = list.split('\0').filter((s) => s !== '');
      names = names.map((s) => Buffer.from(s, 'latin1').toString('utf8'));
    } catch (err) {
      say(`cannot open ${quote(files0)} for reading: ${strerror(err)}`);
      return 1;
    }
  }
  const fromStdin = !names.length;
  const inputs = fromStdin ? ['-'] : names;
  const selected = ['l', 'w', 'm', 'c', 'L'].filter((k) => want[k]);
  // GNU's column width: 1 for one count of one input, else wide enough for the total size of
  // the regular files, at least 7 when an input is not one (a pipe)
  let width = 1;
  if (!(inputs.length === 1 && selected.length === 1)) {
    let minimum = 1;
    let size = 0;
    for (const name of inputs) {
      try {
        const st = name === '-' ? fs.fstatSync(0) : fs.statSync(name);
        if (st.isFile()) size += st.size;
        else minimum = 7;
      } catch {
        // a missing file counts for nothing
      }
    }
    width = Math.max(String(size).length, minimum);
  }
  const totals = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  let status = 0;
  const line = (counts, name) => {
    const text = selected.map((k) => String(counts[k]).padStart(width)).join(' ');
    out(name === undefined ? `${text}\n` : `${text} ${name.includes('\n') ? quote(name) : bytesOf(name)}\n`);
  };
  for (const name of inputs) {
    const input = new Input(name);
    const counts = { l: 0, w: 0, m: 0, c: 0, L: 0 };
    const state = { inRun: false, runPrintable: false, pos: 0 };
    let failed = false;
    try {
      input.open();
      try {
        for (let chunk = await input.next(); chunk; chunk = await input.next()) count(chunk, counts, state, want);
      } catch (err) {
        say(`${quotef(name)}: ${strerror(err)}`);
        status = 1;
      }
      if (state.inRun && state.runPrintable) counts.w++;
      counts.L = Math.max(counts.L, state.pos);
      counts.m = counts.c;
    } catch (err) {
      say(`${quotef(name)}: ${strerror(err)}`);
      status = 1;
      failed = true;
    } finally {
      input.close();
    }
    if (failed) continue;
    for (const k of ['l', 'w', 'm', 'c']) totals[k] += counts[k];
    totals.L = Math.max(totals.L, counts.L);
    line(counts, fromStdin ? undefined : name);
  }
  if (inputs.length > 1) line(totals, 'total');
  return status;
}

// A word is a run of bytes between the separators (\t \n \v \f \r and space) with a
// printable byte in it (bytes that are neither, controls and those past ASCII, are inside any
// run but make none), as GNU's wc in the C locale.
const RUN = /[^\t\n\v\f\r ]+/g;
const PRINTABLE = /[!-~]/;
const IMPURE = /[^!-~\t\n\v\f\r ]/;
const SEPARATORS = '\t\n\v\f\r ';

function count(chunk, counts, state, want) {
  counts.c += chunk.length;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) counts.l++;
  if (want.w) countWords(chunk.toString('latin1'), counts, state);
  if (want.L) lineLengths(chunk, counts, state);
}

function countWords(text, counts, state) {
  RUN.lastIndex = 0;
  let at = 0;
  // a run the last chunk ended in goes on here, or ended with it
  if (state.inRun) {
    const m = /^[^\t\n\v\f\r ]*/.exec(text);
    if (PRINTABLE.test(m[0])) state.runPrintable = true;
    if (m[0].length === text.length) return;
    if (state.runPrintable) counts.w++;
    state.inRun = state.runPrintable = false;
    at = m[0].length;
  }
  // text of printable bytes and separators only (most text): every run is a word, counted
  // by the regex engine rather than one by one
  const rest = at ? text.slice(at) : text;
  if (!IMPURE.test(rest)) {
    let n = rest.match(RUN)?.length ?? 0;
    if (n && !SEPARATORS.includes(rest[rest.length - 1])) {
      n--;
      state.inRun = state.runPrintable = true;
    }
    counts.w += n;
    return;
  }
  RUN.lastIndex = at;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    if (m.index + m[0].length === text.length) {
      state.inRun = true;
      state.runPrintable = PRINTABLE.test(m[0]);
      return;
    }
    if (PRINTABLE.test(m[0])) counts.w++;
  }
}

// -L: the widest line, tabs to the next multiple of 8, \r and \f starting over, only printable
// bytes counting
function lineLengths(chunk, counts, state) {
  const text = chunk.toString('latin1');
  // only printable bytes and newlines: the lines' lengths
  if (!/[^ -~\n]/.test(text)) {
    const lines = text.split('\n');
    lines[0] = state.pos + lines[0].length;
    let longest = counts.L;
    for (let k = 0; k < lines.length - 1; k++) {
      const n = k ? lines[k].length : lines[0];
      if (n > longest) longest = n;
    }
    counts.L = longest;
    state.pos = lines.length > 1 ? lines[lines.length - 1].length : lines[0];
    return;
  }
  let pos = state.pos;
  let longest = counts.L;
  for (let k = 0; k < chunk.length; k++) {
    const b = chunk[k];
    if (b === 10 || b === 13 || b === 12) {
      if (pos > longest) longest = pos;
      pos = 0;
    } else if (b === 9) pos += 8 - (pos % 8);
    else if (b >= 32 && b < 127) pos++;
  }
  counts.L = longest;
  state.pos = pos;
}

// head and tail

const stdinLabel = (name) => (name === '-' ? 'standard input' : bytesOf(name));

// The count of -n/-c: [count, its sign ('-': head -n -N, '+': tail -n +N)]; GNU's error else
// (which names the text after a '-').
function parseCount(text, what) {
  const minus = text[0] === '-';
  const rest = minus ? text.slice(1) : text;
  const n = parseSize(rest);
  if (n === undefined) {
    say(`invalid number of ${what}: ${quote(rest)}`);
    throw new Exit(1);
  }
  return [n, minus ? '-' : rest[0] === '+' ? '+' : ''];
}

// A digit option after the first argument (head -3 -2): GNU's words for it.
function digitOption(name, digits) {
  if (name === 'head') {
    say(`invalid trailing option -- ${digits[0]}`);
    usageFail(new UsageError(''), 1);
  } else say(`option used in invalid context -- ${digits[0]}`);
  throw new Exit(1);
}

// head -5, tail -5c, tail +3: the old single option before any other.
function obsolete(name, args) {
  const a = args[0];
  if (!a || !(/^-\d/.test(a) || (name === 'tail' && /^\+\d/.test(a)))) return null;
  if (name === 'tail' && !(args.length === 1 || (args.length === 2 && !/^-./.test(args[1])))) return null;
  const m = /^([-+])(\d*)(.*)$/.exec(a);
  let n = Number(m[2] || 10);
  let bytes = false;
  const flags = {};
  for (const c of m[3]) {
    if (c === 'c') bytes = true;
    else if (c === 'b' || c === 'k' || c === 'm') {
      bytes = true;
      n *= { b: 512, k: 1024, m: 1048576 }[c];
    } else if (c === 'l') bytes = false;
    else if (name === 'head' && (c === 'q' || c === 'v' || c === 'z')) flags[c] = true;
    else if (name === 'tail' && c === 'f') flags.f = true;
    else {
      say(`invalid trailing option -- ${c}`);
      usageFail(new UsageError(''), 1);
      throw new Exit(1);
    }
  }
  return { n, bytes, sign: m[1] === '+' ? '+' : '', flags, rest: args.slice(1) };
}

// head's and tail's shared options (-c, -n with their sign, -q, -v, -z) into `st`; false for
// an option of the program's own.
const COUNT_LONGS = { 'bytes=': 'c', 'lines=': 'n', quiet: 'q', silent: 'q', verbose: 'v', 'zero-terminated': 'z' };
function countOption(st, k, v) {
  if (k === 'c' || k === 'n') {
    const [count, sign] = parseCount(v, k === 'c' ? 'bytes' : 'lines');
    st.n = count;
    st.bytes = k === 'c';
    st.sign = sign;
  } else if (k === 'q') st.headers = false;
  else if (k === 'v') st.headers = true;
  else if (k === 'z') st.delim = 0;
  else return false;
  return true;
}

export async function head(args) {
  const st = { n: 10, bytes: false, sign: '', headers: undefined, delim: 10 };
  const old = obsolete('head', args);
  if (old) {
    st.n = old.n;
    st.bytes = old.bytes;
    if (old.flags.q) st.headers = false;
    if (old.flags.v) st.headers = true;
    if (old.flags.z) st.delim = 0;
    args = old.rest;
  }
  const parsed = options('head', args, 'c:n:qvz', COUNT_LONGS, 1, { numbers: true, onNumber: (v) => digitOption('head', v) });
  for (const [k, v] of parsed.opts) countOption(st, k, v);
  const { n, bytes, delim } = st;
  const fromEnd = st.sign === '-';
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  const headers = st.headers ?? operands.length > 1;
  let status = 0;
  let first = true;
  for (const name of operands) {
    const input = new Input(name);
    try {
      input.open();
    } catch (err) {
      say(`cannot open ${quote(name)} for reading: ${strerror(err)}`);
      status = 1;
      continue;
    }
    if (headers) out(`${first ? '' : '\n'}==> ${stdinLabel(name)} <==\n`);
    first = false;
    try {
      if (fromEnd) {
        const all = await readAll(input);
        out(bytes ? all.subarray(0, Math.max(0, all.length - n)) : all.subarray(0, Math.max(0, lineStart(all, n, delim))));
      } else {
        let left = n;
        while (left > 0) {
          const chunk = await input.next();
          if (!chunk) break;
          let end = chunk.length;
          if (bytes) end = Math.min(end, left);
          else {
            for (let at = chunk.indexOf(delim); at >= 0; at = chunk.indexOf(delim, at + 1)) {
              if (--left === 0) {
                end = at + 1;
                break;
              }
            }
          }
          if (bytes) left -= end;
          out(chunk.subarray(0, end));
          await drain();
        }
        // as GNU's head, done once it has what it shows: a pipe's writer is not waited for
        if (input.isStdin && left <= 0) closeStdin();
      }
    } catch (err) {
      say(`error reading ${quote(name)}: ${strerror(err)}`);
      status = 1;
    } finally {
      input.close();
    }
  }
  return status;
}

// Where the last `n` lines of `buf` start (head -n -N keeps what is before).
function lineStart(buf, n, delim) {
  let end = buf.length;
  if (n === 0) return end;
  // a last line without its terminator counts as a line
  let at = buf[end - 1] === delim ? end - 1 : end;
  for (let k = 0; k < n; k++) {
    const prev = buf.lastIndexOf(delim, at - 1);
    if (prev < 0) return 0;
    at = prev;
  }
  return at + 1;
}

export async function tail(args) {
  const st = { n: 10, bytes: false, sign: '', headers: undefined, delim: 10 };
  let follow = false;
  let sleepMs = 1000;
  const old = obsolete('tail', args);
  if (old) {
    st.n = old.n;
    st.bytes = old.bytes;
    st.sign = old.sign;
    follow = !!old.flags.f;
    args = old.rest;
  }
  const parsed = options(
    'tail',
    args,
    'c:n:fFqvzs:',
    {
      ...COUNT_LONGS,
      'follow?': 'f',
      'sleep-interval=': 's',
      retry: 'retry',
      'pid=': 'pid',
      'max-unchanged-stats=': 'max-unchanged-stats',
    },
    1,
    { numbers: true, onNumber: (v) => digitOption('tail', v) },
  );
  for (const [k, v] of parsed.opts) {
    if (countOption(st, k, v)) continue;
    if (k === 'f' || k === 'F') follow = true;
    else if (k === 's') sleepMs = Number(v) * 1000 || 1000;
  }
  const { n, bytes, delim } = st;
  const fromStart = st.sign === '+';
  // nothing to show and nothing to follow: GNU's tail does not even open the files
  if (n === 0 && !fromStart && !follow) return 0;
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  const headers = st.headers ?? operands.length > 1;
  let status = 0;
  let first = true;
  const followed = [];
  for (const name of operands) {
    const input = new Input(name);
    try {
      input.open();
    } catch (err) {
      say(`cannot open ${quote(name)} for reading: ${strerror(err)}`);
      status = 1;
      continue;
    }
    if (headers) out(`${first ? '' : '\n'}==> ${stdinLabel(name)} <==\n`);
    first = false;
    try {
      const all = await readAll(input);
      let start;
      if (bytes) start = fromStart ? Math.max(0, n - 1) : Math.max(0, all.length - n);
      else if (fromStart) {
        start = 0;
        for (let k = 1; k < n && start < all.length; k++) {
          const at = all.indexOf(delim, start);
          start = at < 0 ? all.length : at + 1;
        }
      } else start = lineStart(all, n, delim);
      out(all.subarray(Math.min(start, all.length)));
      if (follow && !input.isStdin) followed.push({ name, size: all.length });
    } catch (err) {
      say(`error reading ${quote(name)}: ${strerror(err)}`);
      status = 1;
      // GNU's tail -c gives up on the files left (tail -n goes on)
      if (bytes) return 1;
    } finally {
      input.close();
    }
  }
  if (!followed.length) return status;
  // -f: what is appended to the files, checked every -s seconds, until killed
  flush();
  let current = followed[followed.length - 1].name;
  return new Promise(() => {
    setInterval(() => {
      for (const f of followed) {
        let size;
        try {
          size = fs.statSync(f.name).size;
        } catch {
          continue;
        }
        if (size < f.size) {
          say(`${quotef(f.name)}: file truncated`);
          f.size = 0;
        }
        if (size === f.size) continue;
        const buf = Buffer.alloc(size - f.size);
        const fd = fs.openSync(f.name, 'r');
        fs.readSync(fd, buf, 0, buf.length, f.size);
        fs.closeSync(fd);
        f.size = size;
        if (headers && current !== f.name) out(`\n==> ${stdinLabel(f.name)} <==\n`);
        current = f.name;
        out(buf);
      }
      flush();
    }, sleepMs);
  });
}

// grep

const GREP_USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...\n';
const GREP_VERSION =
  'grep (GNU grep) 3.8\nCopyright (C) 2022 Free Software Foundation, Inc.\n' +
  'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
  'This is free software: you are free to change and redistribute it.\n' +
  'There is NO WARRANTY, to the extent permitted by law.\n\n' +
  'Written by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n';

// Shell wildcards (--include, --exclude) as a RegExp.
function globRegex(glob) {
  let r = '';
  for (let k = 0; k < glob.length; k++) {
    const c = glob[k];
    if (c === '*') r += '[^]*';
    else if (c === '?') r += '[^]';
    else if (c === '[') {
      const end = glob.indexOf(']', k + 2);
      if (end < 0) r += '\\[';
      else {
        let body = glob.slice(k + 1, end);
        if (body[0] === '!') body = `^${body.slice(1)}`;
        r += `[${body.replace(/\\/g, '\\\\')}]`;
        k = end;
      }
    } else if (c === '\\' && k + 1 < glob.length) r += `\\x${glob.charCodeAt(++k).toString(16).padStart(2, '0')}`;
    else r += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return new RegExp(`^${r}$`);
}

export async function grep(args) {
  const gname = prog.slice(prog.lastIndexOf('/') + 1);
  const usage = (text) => {
    if (text) say(text);
    process.stderr.write(`${GREP_USAGE}Try '${gname} --help' for more information.\n`);
    return new Exit(2);
  };
  let parsed;
  try {
    parsed = getopt(
      args,
      'A:B:C:D:EFGHIPTUVX:abcd:e:f:hiLlm:noqRrsuvwxyZz',
      {
        'after-context=': 'A',
        'before-context=': 'B',
        'context=': 'C',
        'basic-regexp': 'G',
        'extended-regexp': 'E',
        'fixed-regexp': 'F',
        'fixed-strings': 'F',
        'perl-regexp': 'P',
        'binary-files=': 'binary-files',
        binary: 'U',
        'byte-offset': 'b',
        'color?': 'color',
        'colour?': 'color',
        count: 'c',
        'devices=': 'D',
        'directories=': 'd',
        'dereference-recursive': 'R',
        'exclude=': 'exclude',
        'exclude-from=': 'exclude-from',
        'exclude-dir=': 'exclude-dir',
        'include=': 'include',
        'file=': 'f',
        'files-with-matches': 'l',
        'files-without-match': 'L',
        'group-separator=': 'group-separator',
        'no-group-separator': 'no-group-separator',
        help: 'help',
        'ignore-case': 'i',
        'no-ignore-case': 'no-ignore-case',
        'initial-tab': 'T',
        'label=': 'label',
        'line-buffered': 'line-buffered',
        'line-number': 'n',
        'line-regexp': 'x',
        'max-count=': 'm',
        'no-filename': 'h',
        'no-messages': 's',
        null: 'Z',
        'null-data': 'z',
        'only-matching': 'o',
        quiet: 'q',
        silent: 'q',
        recursive: 'r',
        'regexp=': 'e',
        'invert-match': 'v',
        text: 'a',
        'unix-byte-offsets': 'u',
        version: 'V',
        'with-filename': 'H',
        'word-regexp': 'w',
      },
      { numbers: true },
    );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw usage(err.message);
  }
  const o = {
    mode: 'G',
    icase: false,
    invert: false,
    word: false,
    line: false,
    count: false,
    files: '',
    quiet: false,
    only: false,
    number: false,
    offset: false,
    withName: undefined,
    silent: false,
    max: Infinity,
    after: 0,
    before: 0,
    binary: 'binary',
    recursive: '',
    nullName: false,
    delim: '\n',
    label: '(standard input)',
    separator: '--',
    directories: 'read',
    include: [],
    exclude: [],
    excludeDir: [],
  };
  const patterns = [];
  let patternGiven = false;
  const contextArg = (v) => {
    if (!/^\d+$/.test(v)) {
      say(`${v}: invalid context length argument`);
      throw new Exit(2);
    }
    return Number(v);
  };
  let context;
  let matcherGiven = false;
  for (const [k, v] of parsed.opts) {
    switch (k) {
      case 'E':
      case 'F':
      case 'G':
      case 'P':
        if (matcherGiven && o.mode !== k) {
          say('conflicting matchers specified');
          throw new Exit(2);
        }
        matcherGiven = true;
        o.mode = k;
        break;
      case 'e':
        patterns.push(...bytesOf(v).split('\n'));
        patternGiven = true;
        break;
      case 'f':
        try {
          const text = v === '-' ? '' : fs.readFileSync(v, 'latin1');
          if (text !== '') patterns.push(...text.replace(/\n$/, '').split('\n'));
        } catch (err) {
          say(`${bytesOf(v)}: ${strerror(err)}`);
          throw new Exit(2);
        }
        patternGiven = true;
        break;
      case 'i':
      case 'y':
        o.icase = true;
        break;
      case 'no-ignore-case':
        o.icase = false;
        break;
      case 'v':
        o.invert = true;
        break;
      case 'w':
        o.word = true;
        break;
      case 'x':
        o.line = true;
        break;
      case 'c':
        o.count = true;
        break;
      case 'l':
        o.files = 'with';
        break;
      case 'L':
        o.files = 'without';
        break;
      case 'q':
        o.quiet = true;
        break;
      case 'o':
        o.only = true;
        break;
      case 'n':
        o.number = true;
        break;
      case 'b':
        o.offset = true;
        break;
      case 'H':
        o.withName = true;
        break;
      case 'h':
        o.withName = false;
        break;
      case 's':
        o.silent = true;
        break;
      case 'm':
        if (!/^-?\d+$/.test(v)) {
          say('invalid max count');
          throw new Exit(2);
        }
        o.max = Number(v) < 0 ? Infinity : Number(v);
        break;
      case 'A':
        o.after = contextArg(v);
        break;
      case 'B':
        o.before = contextArg(v);
        break;
      case 'C':
        context = contextArg(v);
        break;
      case '#':
        context = Number(v);
        break;
      case 'a':
        o.binary = 'text';
        break;
      case 'I':
        o.binary = 'without-match';
        break;
      case 'binary-files':
        if (!['binary', 'text', 'without-match'].includes(v)) {
          say('unknown binary-files type');
          throw new Exit(2);
        }
        o.binary = v;
        break;
      case 'r':
        o.recursive = 'r';
        break;
      case 'R':
        o.recursive = 'R';
        break;
      case 'd':
        o.directories = v === 'recurse' ? 'read' : v;
        if (v === 'recurse') o.recursive = o.recursive || 'r';
        break;
      case 'Z':
        o.nullName = true;
        break;
      case 'z':
        o.delim = '\0';
        break;
      case 'label':
        o.label = bytesOf(v);
        break;
      case 'group-separator':
        o.separator = bytesOf(v);
        break;
      case 'no-group-separator':
        o.separator = null;
        break;
      case 'include':
        o.include.push(globRegex(v));
        break;
      case 'exclude':
        o.exclude.push(globRegex(v));
        break;
      case 'exclude-dir':
        o.excludeDir.push(globRegex(v));
        break;
      case 'exclude-from':
        try {
          for (const g of fs.readFileSync(v, 'utf8').split('\n')) if (g) o.exclude.push(globRegex(g));
        } catch (err) {
          say(`${bytesOf(v)}: ${strerror(err)}`);
          throw new Exit(2);
        }
        break;
      case 'u':
        say('warning: --unix-byte-offsets (-u) is obsolete');
        break;
      case 'help':
        out(`${GREP_USAGE}Search for PATTERNS in each FILE.\n`);
        throw new Exit(0);
      case 'V':
        out(GREP_VERSION);
        throw new Exit(0);
      default:
        // -D, -T, -U, --binary, --color, --line-buffered: nothing to do here
        break;
    }
  }
  if (context !== undefined) {
    if (!parsed.opts.some(([k]) => k === 'A')) o.after = context;
    if (!parsed.opts.some(([k]) => k === 'B')) o.before = context;
  }
  let operands = parsed.operands;
  if (!patternGiven) {
    if (!operands.length) throw usage('');
    patterns.push(...bytesOf(operands[0]).split('\n'));
    operands = operands.slice(1);
  }
  // what cannot select a line reads nothing (grep -m0, grep -v '')
  if ((o.max === 0 || (o.invert && patterns.length === 1 && patterns[0] === '' && !o.line && !o.word)) && o.files !== 'without') return 1;
  let matcher;
  try {
    matcher = grepMatcher(patterns, o);
  } catch (err) {
    if (!(err instanceof RegexError || err instanceof SyntaxError)) throw err;
    say(err.message);
    throw new Exit(2);
  }
  if (!operands.length) operands = [o.recursive ? '.' : '-'];
  const implicitDot = !parsed.operands.length || (!patternGiven && parsed.operands.length === 1);
  if (o.withName === undefined) o.withName = operands.length > 1 || !!o.recursive;
  const st = { matched: false, error: false, printedGroup: false, stop: false };
  for (const name of operands) {
    if (st.stop) break;
    await grepOperand(name, o, matcher, st, true, o.recursive && implicitDot && name === '.');
  }
  if (st.matched && o.quiet) return 0;
  if (st.error) return 2;
  return st.matched ? 0 : 1;
}

// The test of a line: { test(line), all(line) (the matches, for -o) }.
function grepMatcher(patterns, o) {
  let source;
  if (!patterns.length) source = '(?!)';
  else if (o.mode === 'F') source = patterns.map((pat) => fixedSource(pat, o.icase)).join('|');
  else if (o.mode === 'P') {
    if (patterns.length > 1) throw new RegexError('the -P option only supports a single pattern');
    source = patterns[0];
    // as PCRE, which grep -P runs: letters fold in ASCII only would need the u flag
    return matcherOf(source, o, o.icase ? 'i' : '');
  } else {
    let base = 0;
    const parts = [];
    const warn = (text) => say(`warning: ${text}`);
    for (const pat of patterns) {
      const r = translateRegex(pat, { extended: o.mode === 'E', icase: o.icase, groupBase: base, warn });
      base += r.groups;
      parts.push(patterns.length > 1 ? `(?:${r.source})` : r.source);
    }
    source = parts.join('|');
  }
  return matcherOf(source, o, '');
}

function matcherOf(source, o, flags) {
  if (o.line) source = `^(?:${source})$`;
  else if (o.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  const one = new RegExp(source, flags);
  const all = new RegExp(source, `${flags}g`);
  const longest = longestFinder(source, flags);
  return {
    test: (line) => one.test(line),
    all(line) {
      const found = [];
      all.lastIndex = 0;
      for (let m = all.exec(line); m; m = all.exec(line)) {
        if (m[0] === '') {
          all.lastIndex++;
          continue;
        }
        m = longest(line, m);
        found.push([m.index, m[0]]);
        all.lastIndex = m.index + m[0].length;
      }
      return found;
    },
  };
}

async function grepOperand(name, o, matcher, st, top, implicit) {
  const isStdin = name === '-' && top;
  let label = isStdin ? o.label : bytesOf(implicit && name.startsWith('./') ? name.slice(2) : name);
  if (!isStdin) {
    let info;
    try {
      info = fs.statSync(name);
    } catch (err) {
      let link;
      try {
        link = fs.lstatSync(name);
      } catch {
        // missing altogether
      }
      if (!link || top) {
        if (!o.silent) say(`${label}: ${strerror(err)}`);
        st.error = true;
      }
      return;
    }
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (info.isDirectory()) {
      if (!o.recursive) {
        if (o.directories === 'skip') return;
        if (!o.silent) say(`${label}: Is a directory`);
        st.error = true;
        return;
      }
      if (!top && o.excludeDir.some((g) => g.test(base))) return;
      if (!top && o.recursive === 'r' && fs.lstatSync(name).isSymbolicLink()) return;
      let names;
      try {
        names = fs.readdirSync(name).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      } catch (err) {
        if (!o.silent) say(`${label}: ${strerror(err)}`);
        st.error = true;
        return;
      }
      for (const child of names) {
        if (st.stop) return;
        await grepOperand(name.endsWith('/') ? name + child : `${name}/${child}`, o, matcher, st, false, implicit);
      }
      return;
    }
    if (!top && o.recursive === 'r' && fs.lstatSync(name).isSymbolicLink()) return;
    if (o.include.length && !o.include.some((g) => g.test(base)) && !(top && !o.recursive)) return;
    if (o.exclude.some((g) => g.test(base))) return;
    if (!top && !info.isFile()) return;
  }
  const input = new Input(isStdin ? '-' : name, { stdinName: isStdin ? '-' : '\0' });
  try {
    input.open();
  } catch (err) {
    if (!o.silent) say(`${label}: ${strerror(err)}`);
    st.error = true;
    return;
  }
  try {
    await grepInput(input, label, o, matcher, st);
  } catch (err) {
    if (!o.silent) say(`${label}: ${strerror(err)}`);
    st.error = true;
  } finally {
    input.close();
  }
}

async function grepInput(input, label, o, matcher, st) {
  const sep = o.nullName ? '\0' : null;
  const delim = o.delim;
  const listOnly = o.quiet || o.files;
  let selected = 0;
  let lineNo = 0;
  let offset = 0;
  let binary = false;
  let lastPrinted = 0;
  let afterLeft = 0;
  const before = [];
  let carry = '';
  let done = false;
  const prefix = (no, off, mark) => {
    let s = '';
    if (o.withName) s += label + (sep ?? mark);
    if (o.number) s += `${no}${mark}`;
    if (o.offset) s += `${off}${mark}`;
    return s;
  };
  // with context, "--" between groups of lines that do not follow each other (files included)
  const groupBreak = (no) => {
    if (o.separator !== null && (o.before || o.after) && st.printedGroup && (!lastPrinted || no > lastPrinted + 1)) out(`${o.separator}\n`);
    st.printedGroup = true;
    lastPrinted = no;
  };
  // (with -o, context lines are not shown but still join the groups they are in)
  const emit = (line, no, off, mark) => {
    groupBreak(no);
    if (!(o.only && mark === '-')) out(`${prefix(no, off, mark)}${line}${delim}`);
  };
  const handle = (line) => {
    lineNo++;
    const lineOffset = offset;
    offset += line.length + 1;
    const isMatch = matcher.test(line) !== o.invert;
    if (!isMatch || selected >= o.max) {
      if (selected >= o.max && afterLeft <= 0) {
        done = true;
        return;
      }
      if (listOnly || o.count || binary) return;
      if (afterLeft > 0) {
        afterLeft--;
        emit(line, lineNo, lineOffset, '-');
      } else if (o.before) {
        before.push([line, lineNo, lineOffset]);
        if (before.length > o.before) before.shift();
      }
      return;
    }
    selected++;
    st.matched = true;
    if (o.quiet) {
      st.stop = true;
      done = true;
      return;
    }
    if (o.files) {
      done = true;
      return;
    }
    if (o.count) {
      if (selected >= o.max) done = true;
      return;
    }
    if (binary) {
      flush();
      say(`${label}: binary file matches`);
      st.printedGroup = true;
      done = true;
      return;
    }
    for (const [l, no, off] of before) emit(l, no, off, '-');
    before.length = 0;
    if (o.only) {
      if (!o.invert) {
        for (const [at, text] of matcher.all(line)) {
          groupBreak(lineNo);
          out(`${prefix(lineNo, lineOffset + at, ':')}${text}${delim}`);
        }
      }
    } else emit(line, lineNo, lineOffset, ':');
    afterLeft = o.after;
  };
  if (o.max === 0) return;
  for (;;) {
    const chunk = await input.next();
    if (!chunk) break;
    let text = chunk.toString('latin1');
    if (!binary && o.binary !== 'text' && delim !== '\0' && text.includes('\0')) {
      binary = true;
      if (o.binary === 'without-match') {
        done = true;
        break;
      }
    }
    // in a binary file NULs end lines too (what -c counts), as GNU's grep takes them
    if (binary) text = text.replace(/\0/g, '\n');
    text = carry + text;
    let start = 0;
    for (let at = text.indexOf(delim); at >= 0 && !done; at = text.indexOf(delim, start)) {
      handle(text.slice(start, at));
      start = at + 1;
    }
    carry = done ? '' : text.slice(start);
    if (done) break;
    await drain();
  }
  if (!done && carry !== '') handle(carry);
  if (done && input.isStdin) closeStdin();
  // -q, -l and -L leave -c's counts out
  if (o.quiet) return;
  if (o.files === 'with' && selected) out(`${label}${sep ?? '\n'}`);
  else if (o.files === 'without' && !selected) out(`${label}${sep ?? '\n'}`);
  else if (o.count && !o.files) out(`${o.withName ? label + (sep ?? ':') : ''}${selected}\n`);
}
