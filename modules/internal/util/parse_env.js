// util.parseEnv: a .env file's text as Node 20's dotenv parser (src/node_dotenv.cc) reads it:
// KEY=value lines, `#` comments, an `export ` prefix, values in '', "" (where \n expands) or
// `` that may span lines, unquoted values cut at `#` and trimmed; a later key wins.
import { invalidArgType } from 'qjsw:internal/errors';

// Node trims spaces only (not tabs or newlines).
function trimSpaces(s) {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === ' ') start++;
  while (end > start && s[end - 1] === ' ') end--;
  return s.slice(start, end);
}

export function parseEnv(content) {
  if (typeof content !== 'string') throw invalidArgType('content', 'string', content);
  const store = new Map();
  let text = trimSpaces(content.replaceAll('\r', ''));
  // drops everything up to and including the next newline (or all when there is none)
  const skipLine = (from = 0) => {
    const newline = text.indexOf('\n', from);
    text = newline === -1 ? '' : text.slice(newline + 1);
    return newline !== -1;
  };
  while (text.length > 0) {
    if (text[0] === '\n' || text[0] === '#') {
      skipLine();
      continue;
    }
    // the key runs to the next '=', across lines (Node 20's parser: `A\nB=1` sets 'A\nB')
    const equal = text.indexOf('=');
    if (equal === -1) break;
    let key = trimSpaces(text.slice(0, equal));
    text = text.slice(equal + 1);
    if (text.length === 0 || text[0] === '\n') {
      store.set(key, '');
      continue;
    }
    text = trimSpaces(text);
    if (key.length === 0) {
      if (!skipLine()) break;
      text = trimSpaces(text);
      continue;
    }
    if (key.startsWith('export ')) key = trimSpaces(key.slice(7));
    if (text.length === 0) {
      store.set(key, '');
      break;
    }
    const quote = text[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const closing = text.indexOf(quote, 1);
      if (closing === -1) {
        // an unclosed quote: the rest of the line, quote included
        const newline = text.indexOf('\n');
        if (newline === -1) {
          store.set(key, text);
          break;
        }
        store.set(key, text.slice(0, newline));
        text = text.slice(newline);
      } else {
        let value = text.slice(1, closing);
        if (quote === '"') value = value.replaceAll('\\n', '\n');
        store.set(key, value);
        skipLine(closing + 1);
      }
    } else {
      const newline = text.indexOf('\n');
      let value = newline === -1 ? text : text.slice(0, newline);
      const hash = value.indexOf('#');
      if (hash !== -1) value = value.slice(0, hash);
      store.set(key, trimSpaces(value));
      text = newline === -1 ? '' : text.slice(newline + 1);
    }
    text = trimSpaces(text);
  }
  // Node's store is a std::map: keys in byte order
  const out = {};
  for (const key of [...store.keys()].sort()) out[key] = store.get(key);
  return out;
}
