// path.matchesGlob: glob matching as Node 20 runs its bundled minimatch for it (nonegate,
// nocomment, windowsPathsNoEscape, case-sensitive on Linux): brace expansion, * ? [...] with
// POSIX classes, ** across segments, extglobs +() *() ?() @() !(), and dot files matched only
// by a pattern that names the dot.

// ---------------------------------------------------------------- brace expansion
function expandBraces(pattern) {
  const open = findBrace(pattern);
  if (open === null) return [pattern];
  const { start, end, parts } = open;
  const pre = pattern.slice(0, start);
  const post = expandBraces(pattern.slice(end + 1));
  const out = [];
  for (const part of parts) for (const inner of expandBraces(part)) for (const tail of post) out.push(pre + inner + tail);
  return out;
}

// The first {...} that expands: a comma list at its top level, or a sequence a..b[..step].
function findBrace(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '{') continue;
    let depth = 0;
    const commas = [];
    for (let j = i; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}') {
        depth--;
        if (depth === 0) {
          const body = s.slice(i + 1, j);
          if (commas.length) {
            const parts = [];
            let from = i + 1;
            for (const c of commas) {
              parts.push(s.slice(from, c));
              from = c + 1;
            }
            parts.push(s.slice(from, j));
            return { start: i, end: j, parts };
          }
          const seq = sequence(body);
          if (seq) return { start: i, end: j, parts: seq };
          break;
        }
      } else if (s[j] === ',' && depth === 1) commas.push(j);
    }
  }
  return null;
}

function sequence(body) {
  let m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const step = Math.max(Math.abs(Number(m[3] ?? 1)), 1);
    const padded = /^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2]);
    const width = Math.max(m[1].length, m[2].length);
    const out = [];
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
      let text = String(Math.abs(n));
      if (padded) text = text.padStart(width - (n < 0 ? 1 : 0), '0');
      out.push(n < 0 ? `-${text}` : text);
    }
    return out;
  }
  m = /^([^\d])\.\.([^\d])(?:\.\.(-?\d+))?$/u.exec(body);
  if (m) {
    const a = m[1].codePointAt(0);
    const b = m[2].codePointAt(0);
    const step = Math.max(Math.abs(Number(m[3] ?? 1)), 1);
    const out = [];
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) out.push(String.fromCodePoint(n));
    return out;
  }
  return null;
}

// ---------------------------------------------------------------- one segment
const POSIX_CLASSES = {
  alnum: '\\p{L}\\p{Nl}\\p{Nd}', alpha: '\\p{L}\\p{Nl}', ascii: '\\x00-\\x7f', blank: '\\p{Zs}\\t', cntrl: '\\p{Cc}',
  digit: '\\p{Nd}', graph: '\\p{Z}\\p{C}', lower: '\\p{Ll}', print: '\\p{C}', punct: '\\p{P}', space: '\\p{Z}\\t\\r\\n\\v\\f',
  upper: '\\p{Lu}', word: '\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}', xdigit: 'A-Fa-f0-9',
};
const NEGATED_CLASSES = new Set(['graph', 'print']);
const escapeRe = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s/]/g, '\\$&');

// [...] at `at`: [regex source, index after it], or null when it does not close.
function bracket(glob, at) {
  let i = at + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  const ranges = [];
  const negs = [];
  let first = true;
  for (; i < glob.length; i++) {
    const c = glob[i];
    if (c === ']' && !first) {
      if (!ranges.length && !negs.length) return null;
      let src;
      const set = ranges.length ? `[${negate ? '^' : ''}${ranges.join('')}]` : '';
      const notSet = negs.length ? `[${negate ? '' : '^'}${negs.join('')}]` : '';
      if (set && notSet) src = negate ? `(?:(?!${notSet})${set})` : `(?:${set}|${notSet})`;
      else src = set || notSet;
      return [src, i + 1];
    }
    first = false;
    if (c === '[' && glob[i + 1] === ':') {
      const m = /^\[:([a-z]+):\]/.exec(glob.slice(i));
      if (m && POSIX_CLASSES[m[1]]) {
        (NEGATED_CLASSES.has(m[1]) ? negs : ranges).push(POSIX_CLASSES[m[1]]);
        i += m[0].length - 1;
        continue;
      }
    }
    if (glob[i + 1] === '-' && glob[i + 2] !== undefined && glob[i + 2] !== ']') {
      if (glob[i + 2] < c) return null;
      ranges.push(`${escapeRe(c)}-${escapeRe(glob[i + 2])}`);
      i += 2;
      continue;
    }
    ranges.push(escapeRe(c));
  }
  return null;
}

// A segment's regex source from `at` until `stop` (")" or "|" inside an extglob, or the end).
function compile(glob, at, inExt) {
  const parts = [];
  let i = at;
  while (i < glob.length) {
    const c = glob[i];
    if (inExt && (c === '|' || c === ')')) break;
    if ('+*?@!'.includes(c) && glob[i + 1] === '(') {
      const alts = [];
      let j = i + 2;
      for (;;) {
        const [src, next] = compile(glob, j, true);
        alts.push(src);
        if (glob[next] === '|') j = next + 1;
        else if (glob[next] === ')') {
          j = next + 1;
          break;
        } else return compileLiteralFrom(glob, at, parts, i, inExt);
      }
      parts.push({ ext: c, alts });
      i = j;
      continue;
    }
    if (c === '*') {
      while (glob[i + 1] === '*') i++;
      parts.push('[^/]*?');
    } else if (c === '?') {
      parts.push('[^/]');
    } else if (c === '[') {
      const b = bracket(glob, i);
      if (b) {
        parts.push(b[0]);
        i = b[1];
        continue;
      }
      parts.push('\\[');
    } else {
      parts.push(escapeRe(c));
    }
    i++;
  }
  return [join(parts), i];
}

// an unclosed "x(": the characters stand for themselves
function compileLiteralFrom(glob, at, parts, i, inExt) {
  parts.push(escapeRe(glob[i]), '\\(');
  const [rest, next] = compile(glob, i + 2, inExt);
  return [join(parts) + rest, next];
}

// The parts joined; a !(...) stands for anything at its place that, with what follows, does
// not match one of its alternatives followed by the same tail.
function join(parts) {
  let out = '';
  for (let k = parts.length - 1; k >= 0; k--) {
    const p = parts[k];
    if (typeof p === 'string') {
      out = p + out;
      continue;
    }
    const alts = p.alts.join('|');
    if (p.ext === '!') out = `(?:(?!(?:${alts})${out}$)[^/]*?)${out}`;
    else out = `(?:${alts})${{ '+': '+', '*': '*', '?': '?', '@': '' }[p.ext]}${out}`;
  }
  return out;
}

const isMagic = (seg) => /[*?[]|[+*?@!]\(/.test(seg);

function segmentMatcher(seg) {
  if (seg === '**') return GLOBSTAR;
  if (!isMagic(seg)) return seg;
  const [src] = compile(seg, 0, false);
  // a wildcard never matches a leading dot (nor so "." and ".."); a pattern naming it does
  const guard = seg.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${guard}${src}$`, 'u');
}

// ---------------------------------------------------------------- whole paths
const GLOBSTAR = Symbol('globstar');

// minimatch's optimizationLevel 2 on the pattern's segments: runs of "" and "." dropped (but a
// leading ""), "x/.." pairs resolved.
function simplify(segments) {
  const out = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if ((s === '' || s === '.') && i > 0 && i < segments.length - 1) continue;
    if (s === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '**' && out[out.length - 1] !== '') {
      out.pop();
      continue;
    }
    out.push(s);
  }
  return out;
}

function matchSegments(file, pattern, fi, pi) {
  for (; fi < file.length && pi < pattern.length; fi++, pi++) {
    const p = pattern[pi];
    const f = file[fi];
    if (p === GLOBSTAR) {
      if (pi === pattern.length - 1) {
        for (; fi < file.length; fi++) if (file[fi] === '.' || file[fi] === '..' || file[fi].startsWith('.')) return false;
        return true;
      }
      for (let fr = fi; fr < file.length; fr++) {
        if (matchSegments(file, pattern, fr, pi + 1)) return true;
        if (file[fr] === '.' || file[fr] === '..' || file[fr].startsWith('.')) break;
      }
      return false;
    }
    if (typeof p === 'string' ? f !== p : !p.test(f)) return false;
  }
  if (fi === file.length && pi === pattern.length) return true;
  if (fi === file.length) return false;
  // the pattern matched and the path goes on with a trailing slash only
  return fi === file.length - 1 && file[fi] === '';
}

/** Whether `path` matches `pattern`; `windows` also takes "\" in the path as a separator. */
export function globMatch(path, pattern, windows) {
  pattern = pattern.replace(/\\/g, '/');
  if (windows) path = path.replace(/\\/g, '/');
  const file = path.split(/\/+/);
  for (const expanded of expandBraces(pattern)) {
    const segments = simplify(expanded.split('/')).map(segmentMatcher);
    if (expanded === '') {
      if (path === '') return true;
      continue;
    }
    if (matchSegments(file, segments, 0, 0)) return true;
  }
  return false;
}
