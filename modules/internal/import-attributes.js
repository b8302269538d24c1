// Import attributes (`with { type: 'json' }`, and the older `assert`) as Node 20 checks them.
// QuickJS 2025-04-26 parses neither the clause nor import()'s second argument, so sources
// loaded from files are rewritten before they are compiled, on the same lines:
//   import x from './a.json' with { type: 'json' }  ->  the clause blanked out, and the
//     specifier string marked with the type ('\uE000json\uE000./a.json'), which the ESM
//     resolve hook (esm.js) strips and checks against the resolved module's format;
//   import(spec, options)  ->  a call of the helper below, which checks `options` as V8 does
//     and imports the marked specifier.
import { nodeError } from 'qjsw:internal/errors';

const MARK = '\uE000';
const helperKey = Symbol.for('qjsw.import');

// A specifier carrying its import attributes (an object of strings).
function mark(specifier, attributes) {
  return `${MARK}${encodeURIComponent(JSON.stringify(attributes))}${MARK}${specifier}`;
}

// { specifier, type, attributes } of a specifier from the resolve hook or a vm module's
// requests: type is undefined when the import had no type attribute, attributes (a
// null-prototype object) empty when it had none.
export function unmark(specifier) {
  const attributes = { __proto__: null };
  if (!specifier.startsWith(MARK)) return { specifier, type: undefined, attributes };
  const end = specifier.indexOf(MARK, 1);
  // (a specifier a guest wrote with the mark in it, not the rewrite's: taken as it is, and
  // not found, as Node would not find it)
  let given;
  try {
    given = end > 0 ? JSON.parse(decodeURIComponent(specifier.slice(1, end))) : undefined;
  } catch {}
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return { specifier, type: undefined, attributes };
  for (const key of Object.keys(given)) if (typeof given[key] === 'string') attributes[key] = given[key];
  return { specifier: specifier.slice(end + 1), type: attributes.type, attributes };
}

const supportedTypes = ['json'];

// Node 20's validateAttributes: JSON needs type "json"; other formats take no type.
export function validateAttributes(url, format, type) {
  const validType = format === 'json' ? 'json' : undefined;
  if (type === validType) return;
  if (type === undefined) {
    throw nodeError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_MISSING', `Module "${url}" needs an import attribute of type "${validType}"`);
  }
  if (!supportedTypes.includes(type)) {
    throw nodeError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED', `Import attribute type "${type}" is unsupported`);
  }
  throw nodeError(TypeError, 'ERR_IMPORT_ASSERTION_TYPE_FAILED', `Module "${url}" is not of type "${type}"`);
}

function warnAssert(url, line) {
  globalThis.process?.emitWarning(`${url}:${line} 'assert' is deprecated in import statements and support will be removed in a future version; use 'with' instead`, 'V8');
}

// import(specifier, options) with V8's checks of options; failures reject, as import() does.
function importWith(importFn, url, line, specifier, options) {
  let given;
  try {
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) throw new TypeError('The second argument to import() must be an object');
      let attributes = options.with;
      if (attributes === undefined) {
        attributes = options.assert;
        if (attributes !== undefined) warnAssert(url, line);
      }
      if (attributes !== undefined) {
        if (typeof attributes !== 'object' || attributes === null) throw new TypeError("The 'assert' option must be an object");
        const keys = Object.keys(attributes);
        for (const key of keys) {
          if (typeof attributes[key] !== 'string') throw new TypeError('Import assertion value must be a string');
        }
        if (keys.length) given = Object.fromEntries(keys.map((key) => [key, attributes[key]]));
      }
    }
    if (given !== undefined) specifier = mark(String(specifier), given);
  } catch (err) {
    return Promise.reject(err);
  }
  return importFn(specifier);
}

export function install() {
  Object.defineProperty(globalThis, helperKey, { value: importWith, enumerable: false, configurable: false, writable: false });
}

// --- the rewrite ---

const keywordsBeforeExpression = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void',
  'throw', 'case', 'do', 'else', 'yield', 'await']);
const isIdStart = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 || c === 35 || c >= 128 || c === 92;
const isIdPart = (c) => isIdStart(c) || (c >= 48 && c <= 57);

// Tokens of `source`, just precise enough to tell code from strings, comments, templates and
// regular expressions: { type: 'id' | 'str' | 'punct' | 'other', start, end }.
function* tokens(source, from = 0) {
  const n = source.length;
  let i = from;
  let regexAllowed = true;
  const braces = []; // true for a template's `${`
  const tpl = () => { // from after "`" or a template's "}" to after "`" or "${"
    while (i < n) {
      const c = source.charCodeAt(i++);
      if (c === 92) i++;
      else if (c === 96) return;
      else if (c === 36 && source.charCodeAt(i) === 123) { i++; braces.push(true); return; }
    }
  };
  while (i < n) {
    const c = source.charCodeAt(i);
    const start = i;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 11 || c === 12) { i++; continue; }
    if (c === 47 && source.charCodeAt(i + 1) === 47) { while (i < n && source.charCodeAt(i) !== 10) i++; continue; }
    if (c === 47 && source.charCodeAt(i + 1) === 42) { const e = source.indexOf('*/', i + 2); i = e === -1 ? n : e + 2; continue; }
    if (c === 39 || c === 34) {
      i++;
      while (i < n) { const d = source.charCodeAt(i++); if (d === 92) i++; else if (d === c || d === 10) break; }
      regexAllowed = false;
      yield { type: 'str', start, end: i };
      continue;
    }
    if (c === 96) { i++; tpl(); regexAllowed = false; yield { type: 'other', start, end: i }; continue; }
    if (c === 47 && regexAllowed) {
      i++;
      let inClass = false;
      while (i < n) {
        const d = source.charCodeAt(i++);
        if (d === 92) i++;
        else if (d === 91) inClass = true;
        else if (d === 93) inClass = false;
        else if ((d === 47 && !inClass) || d === 10) break;
      }
      while (i < n && isIdPart(source.charCodeAt(i))) i++;
      regexAllowed = false;
      yield { type: 'other', start, end: i };
      continue;
    }
    if (isIdStart(c)) {
      i++;
      while (i < n && isIdPart(source.charCodeAt(i))) i++;
      regexAllowed = keywordsBeforeExpression.has(source.slice(start, i));
      yield { type: 'id', start, end: i };
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < n && (isIdPart(source.charCodeAt(i)) || source.charCodeAt(i) === 46)) i++;
      regexAllowed = false;
      yield { type: 'other', start, end: i };
      continue;
    }
    i++;
    if (c === 123) braces.push(false);
    else if (c === 125 && braces.pop()) { tpl(); regexAllowed = false; yield { type: 'other', start, end: i }; continue; }
    if (c === 46 && source.charCodeAt(i) === 46 && source.charCodeAt(i + 1) === 46) i += 2;
    else if (c === 63 && source.charCodeAt(i) === 46) i++; // ?.
    regexAllowed = c !== 41 && c !== 93 && c !== 125;
    yield { type: 'punct', start, end: i };
  }
}

// The string value of a string literal token (attribute values have no tricky escapes).
function stringValue(text) {
  try {
    return JSON.parse(text[0] === '"' ? text : `"${text.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  } catch {
    return text.slice(1, -1);
  }
}

const lineOf = (source, index) => {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
};

const blank = (text) => text.replace(/[^\n\r\u2028\u2029]/g, ' ');

// (The two scans below look for candidates with indexOf: a regular expression over a big
// source costs QuickJS some 100 ms a megabyte, and every CommonJS module goes through here.)
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;

// Whether `word` follows a quote and comes before "{" somewhere: '...' with {.
function hasClause(source, word) {
  for (let i = source.indexOf(word); i !== -1; i = source.indexOf(word, i + 1)) {
    let before = i - 1;
    while (before >= 0 && isSpace(source.charCodeAt(before))) before--;
    const quote = source.charCodeAt(before);
    if (quote !== 39 && quote !== 34) continue;
    let after = i + word.length;
    while (after < source.length && isSpace(source.charCodeAt(after))) after++;
    if (source.charCodeAt(after) === 123) return true;
  }
  return false;
}

// Whether some import( has a second argument.
function hasTwoArgumentImport(source) {
  for (let i = source.indexOf('import'); i !== -1; i = source.indexOf('import', i + 6)) {
    if (i > 0 && isIdPart(source.charCodeAt(i - 1))) continue;
    let open = i + 6;
    while (open < source.length && isSpace(source.charCodeAt(open))) open++;
    if (source.charCodeAt(open) === 40 && hasSecondArgument(source, open + 1)) return true;
  }
  return false;
}

// Whether the call whose arguments start at `from` has a second one (or a trailing comma).
function hasSecondArgument(source, from) {
  let depth = 1;
  for (const t of tokens(source, from)) {
    if (t.type !== 'punct') continue;
    const c = source[t.start];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') { if (--depth === 0) return false; }
    else if (c === ',' && depth === 1) return true;
  }
  return false;
}

// `source` with import attributes turned into what QuickJS parses (see the top); `isModule`
// enables the static forms. Returns `source` itself when there is nothing to rewrite. Only a
// source that seems to need it is tokenized whole: that costs about a second for 2 MB.
export function rewrite(source, url, isModule) {
  const hasStatic = isModule && (hasClause(source, 'with') || hasClause(source, 'assert'));
  if (!hasStatic && !hasTwoArgumentImport(source)) return source;
  const toks = [...tokens(source)];
  const edits = []; // [start, end, replacement], in order
  const text = (t) => source.slice(t.start, t.end);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    const prev = toks[k - 1];
    if (hasStatic && t.type === 'str' && prev && prev.type === 'id' && (text(prev) === 'from' || text(prev) === 'import')) {
      const kw = toks[k + 1];
      const open = toks[k + 2];
      if (!kw || kw.type !== 'id' || !open || text(open) !== '{') continue;
      const word = text(kw);
      if (word !== 'with' && !(word === 'assert' && !/[\n\r\u2028\u2029]/.test(source.slice(t.end, kw.start)))) continue;
      let given;
      let j = k + 3;
      for (; j < toks.length && text(toks[j]) !== '}'; j++) {
        if (text(toks[j]) === ':' && toks[j + 1]?.type === 'str') {
          const key = toks[j - 1];
          given ??= {};
          given[key.type === 'id' ? text(key) : stringValue(text(key))] = stringValue(text(toks[j + 1]));
        }
      }
      if (j === toks.length) continue;
      if (word === 'assert') warnAssert(url, lineOf(source, kw.start));
      if (given !== undefined) edits.push([t.start, t.end, JSON.stringify(mark(stringValue(text(t)), given))]);
      edits.push([kw.start, toks[j].end, blank(source.slice(kw.start, toks[j].end))]);
      k = j;
    } else if (t.type === 'id' && text(t) === 'import' && toks[k + 1] && text(toks[k + 1]) === '(' &&
               !(prev && (text(prev) === '.' || text(prev) === '?.'))) {
      // only import() with a second argument (or a trailing comma) needs the helper; a
      // method named import is followed by its body
      let depth = 0;
      let comma = false;
      let j = k + 1;
      for (; j < toks.length; j++) {
        const p = text(toks[j]);
        if (p === '(' || p === '[' || p === '{') depth++;
        else if (p === ')' || p === ']' || p === '}') { if (--depth === 0) break; }
        else if (p === ',' && depth === 1) comma = true;
      }
      if (!comma || (toks[j + 1] && text(toks[j + 1]) === '{')) continue;
      const helper = `globalThis[Symbol.for('qjsw.import')]((s) => import(s), ${JSON.stringify(url)}, ${lineOf(source, t.start)}, `;
      edits.push([t.start, toks[k + 1].end, helper]);
      k++;
    }
  }
  if (!edits.length) return source;
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    out += source.slice(at, start) + replacement;
    at = end;
  }
  return out + source.slice(at);
}
