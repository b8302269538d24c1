// The shell language the sandbox's sh runs (qjsw:internal/programs/sh), read into a tree:
// lists (`;`, `&`, newlines), `&&`/`||`, pipelines (`!`, `|`), subshells `( )`, groups `{ }`,
// simple commands with assignments and redirections. Words keep their quoting, as parts, because
// expansion happens when a command runs ($? and assignments before it count). What dash has and
// this shell has not (if/for/while/case, functions, here-documents, arithmetic) is a
// ShellSyntaxError naming it, so a line never runs half understood.

export class ShellSyntaxError extends Error {
  constructor(message, line) {
    super(message);
    this.line = line;
  }
}

// reserved words that cannot start a command here (the compound commands' own are in COMPOUND)
const RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', 'in', '}']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SPECIAL = '?$#@*!-0123456789';

// ---- tokens ----

// A word: parts of { lit, q } (text; q: quoted), { param, q, op, word } (a parameter, with
// ${name:-word}'s operator and word) and { sub, q } (command substitution, its source text).
function lex(src) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const fail = (what) => {
    throw new ShellSyntaxError(`Syntax error: ${what}`, line);
  };
  const unsupported = (what) => {
    throw new ShellSyntaxError(`${what} is not supported by the sandbox's sh`, line);
  };
  let parts = null;
  const lit = (text, q) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last && last.lit !== undefined && last.q === q) last.lit += text;
    else parts.push({ lit: text, q });
  };
  const endWord = () => {
    if (parts !== null) tokens.push({ word: parts, line });
    parts = null;
  };
  // $... at src[i]: a part, and src advanced past it
  const dollar = (q) => {
    const c = src[i + 1];
    if (c === '(') {
      if (src[i + 2] === '(') unsupported('arithmetic expansion $(( ))');
      const end = matchParen(src, i + 2, fail);
      const part = { sub: src.slice(i + 2, end), q };
      i = end + 1;
      return part;
    }
    if (c === '{') {
      const close = src.indexOf('}', i + 2);
      if (close < 0) fail('Missing \'}\'');
      const body = src.slice(i + 2, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*!0-9-])(?:(:?[-=+?])([^]*))?$/.exec(body);
      if (!m) throw new ShellSyntaxError(`\${${body}}: Bad substitution`, line);
      return { param: m[1], q, op: m[2], word: m[3] };
    }
    const m = NAME.exec(src.slice(i + 1));
    if (m) {
      i += 1 + m[0].length;
      return { param: m[0], q };
    }
    if (c !== undefined && SPECIAL.includes(c)) {
      i += 2;
      return { param: c, q };
    }
    i++;
    return { lit: '$', q };
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '#' && parts === null) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      endWord();
      tokens.push({ op: '\n', line });
      line++;
      i++;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) fail('Unterminated quoted string');
      lit(src.slice(i + 1, end), true);
      line += countLines(src, i, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      parts ??= [];
      i++;
      for (;;) {
        if (i >= src.length) fail('Unterminated quoted string');
        const d = src[i];
        if (d === '"') break;
        if (d === '$') {
          parts.push(dollar(true));
          continue;
        }
        if (d === '`') {
          const end = src.indexOf('`', i + 1);
          if (end < 0) fail('EOF in backquote substitution');
          parts.push({ sub: src.slice(i + 1, end), q: true });
          i = end + 1;
          continue;
        }
        if (d === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') lit(src[i + 1], true);
          i += 2;
          continue;
        }
        if (d === '\n') line++;
        lit(d, true);
        i++;
      }
      lit('', true);
      i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < src.length) lit(src[i + 1], true);
      i += 2;
      continue;
    }
    if (c === '$') {
      parts ??= [];
      parts.push(dollar(false));
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) fail('EOF in backquote substitution');
      parts ??= [];
      parts.push({ sub: src.slice(i + 1, end), q: false });
      i = end + 1;
      continue;
    }
    // a redirection: [n]> [n]>> [n]< [n]>& [n]<& &>
    const redir = /^(\d*)(>>|>&|<&|<<|<>|>\||>|<)/.exec(src.slice(i));
    const fdOnly = parts !== null && parts.length === 1 && /^\d+$/.test(parts[0].lit ?? '') && !parts[0].q;
    if (redir && (parts === null || (fdOnly && redir[1] === ''))) {
      let fd = redir[1] === '' ? undefined : Number(redir[1]);
      if (fdOnly) {
        fd = Number(parts[0].lit);
        parts = null;
      }
      if (redir[2] === '<<') unsupported('a here-document');
      tokens.push({ redir: redir[2] === '>|' ? '>' : redir[2], fd, line });
      i += redir[0].length;
      continue;
    }
    if (src.startsWith('&>', i)) {
      endWord();
      tokens.push({ redir: '&>', line });
      i += 2;
      continue;
    }
    const op = /^(&&|\|\||;;|[|&;()])/.exec(src.slice(i));
    if (op) {
      endWord();
      tokens.push({ op: op[1], line });
      i += op[1].length;
      continue;
    }
    lit(c, false);
    i++;
  }
  endWord();
  return tokens;
}

function countLines(src, from, to) {
  let n = 0;
  for (let k = from; k < to; k++) if (src[k] === '\n') n++;
  return n;
}

// The index of the `)` closing a `$(` whose body starts at `from`.
function matchParen(src, from, fail) {
  let depth = 1;
  for (let k = from; k < src.length; k++) {
    const c = src[k];
    if (c === "'") {
      k = src.indexOf("'", k + 1);
      if (k < 0) break;
    } else if (c === '\\') k++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k;
  }
  fail('Unterminated $(');
}

// ---- the tree ----

// A word's text when it is one unquoted literal (reserved words, `{`, `}`, `!`), else undefined.
function bare(token) {
  if (!token?.word || token.word.length !== 1) return undefined;
  const p = token.word[0];
  return p.lit !== undefined && !p.q ? p.lit : undefined;
}

export function parseScript(src) {
  const tokens = lex(src);
  let at = 0;
  const peek = () => tokens[at];
  const lineOf = () => tokens[at]?.line ?? tokens[tokens.length - 1]?.line ?? 1;
  const unexpected = () => {
    const t = peek();
    const text = t === undefined ? 'end of file' : t.op === '\n' ? 'newline' : `"${t.op ?? t.redir ?? bare(t) ?? 'word'}"`;
    throw new ShellSyntaxError(`Syntax error: ${text} unexpected`, lineOf());
  };
  const skipNewlines = () => {
    while (peek()?.op === '\n') at++;
  };

  // list := andor ((';' | '&' | newline) andor)*, up to one of `ends` (closing ops or reserved
  // words) or the end
  const ending = (t, ends) => t !== undefined && ends !== undefined && (ends.includes(t.op) || ends.includes(bare(t)));
  function list(ends) {
    const items = [];
    skipNewlines();
    while (at < tokens.length && !ending(peek(), ends)) {
      const item = andOr();
      const sep = peek();
      if (sep?.op === ';' || sep?.op === '&' || sep?.op === '\n') {
        item.background = sep.op === '&';
        at++;
      } else if (sep !== undefined && !ending(sep, ends) && sep.op !== ';;') unexpected();
      items.push(item);
      if (sep?.op === ';;') break;
      skipNewlines();
    }
    return { list: items };
  }

  // the reserved word `word` here, or a syntax error
  const expect = (word) => {
    if (bare(peek()) !== word && peek()?.op !== word) unexpected();
    at++;
  };
  // a compound command's body: a list that must not be empty
  const body = (ends) => {
    const line = lineOf();
    const tree = list(ends);
    if (tree.list.length === 0) {
      at = Math.min(at, tokens.length);
      unexpected();
    }
    tree.line = line;
    return tree;
  };

  function andOr() {
    const rest = [];
    const first = pipeline();
    while (peek()?.op === '&&' || peek()?.op === '||') {
      const op = tokens[at++].op;
      skipNewlines();
      rest.push({ op, pipeline: pipeline() });
    }
    return { first, rest };
  }

  function pipeline() {
    let negate = false;
    if (bare(peek()) === '!') {
      negate = true;
      at++;
    }
    const commands = [command()];
    while (peek()?.op === '|') {
      at++;
      skipNewlines();
      commands.push(command());
    }
    return { negate, commands };
  }

  function redirections(into) {
    while (peek()?.redir) {
      const r = tokens[at++];
      const target = tokens[at];
      if (!target?.word) unexpected();
      at++;
      into.push({ op: r.redir, fd: r.fd, target: target.word });
    }
  }

  function command() {
    const t = peek();
    const line = lineOf();
    if (t === undefined) unexpected();
    if (t.op === '(') {
      at++;
      const inner = body([')']);
      expect(')');
      const redirs = [];
      redirections(redirs);
      return { subshell: inner, redirs, line };
    }
    const word = bare(t);
    const compound = word !== undefined ? COMPOUND[word] : undefined;
    if (compound) {
      at++;
      const node = compound();
      node.line = line;
      node.redirs = [];
      redirections(node.redirs);
      return node;
    }
    if (word !== undefined && RESERVED.has(word)) unexpected();
    const assigns = [];
    const words = [];
    const redirs = [];
    for (;;) {
      const u = peek();
      if (u?.redir) {
        redirections(redirs);
        continue;
      }
      if (!u?.word) break;
      const first = u.word[0];
      const m = words.length === 0 && first.lit !== undefined && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.lit) : null;
      if (m) {
        const value = [{ lit: first.lit.slice(m[0].length), q: false }, ...u.word.slice(1)];
        assigns.push({ name: m[1], value });
      } else {
        words.push(u.word);
      }
      at++;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) unexpected();
    if (peek()?.op === '(' && words.length === 1 && assigns.length === 0 && redirs.length === 0) {
      // name() compound-command
      const name = bare({ word: words[0] });
      at++;
      expect(')');
      skipNewlines();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name ?? '')) unexpected();
      return { define: name, body: command(), line };
    }
    return { words, assigns, redirs, line };
  }

  // The compound commands, after their first word.
  const COMPOUND = {
    __proto__: null,
    '{': () => {
      const inner = body(['}']);
      expect('}');
      return { group: inner };
    },
    if: () => {
      const branches = [];
      let otherwise;
      for (;;) {
        const cond = body(['then']);
        expect('then');
        branches.push({ cond, then: body(['elif', 'else', 'fi']) });
        const next = bare(peek());
        at++;
        if (next === 'elif') continue;
        if (next === 'else') {
          otherwise = body(['fi']);
          expect('fi');
        } else if (next !== 'fi') unexpected();
        break;
      }
      return { if: branches, otherwise };
    },
    while: () => loop(false),
    until: () => loop(true),
    for: () => {
      const name = bare(peek());
      if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) unexpected();
      at++;
      let words;
      skipNewlines();
      if (bare(peek()) === 'in') {
        at++;
        words = [];
        while (peek()?.word) words.push(tokens[at++].word);
        if (peek()?.op !== ';' && peek()?.op !== '\n') unexpected();
        at++;
      } else if (peek()?.op === ';') at++;
      skipNewlines();
      expect('do');
      const inner = body(['done']);
      expect('done');
      return { for: name, words, body: inner };
    },
    case: () => {
      if (!peek()?.word) unexpected();
      const subject = tokens[at++].word;
      skipNewlines();
      expect('in');
      skipNewlines();
      const items = [];
      while (bare(peek()) !== 'esac') {
        if (peek()?.op === '(') at++;
        const patterns = [];
        for (;;) {
          if (!peek()?.word) unexpected();
          patterns.push(tokens[at++].word);
          if (peek()?.op !== '|') break;
          at++;
        }
        expect(')');
        const inner = list([';;', 'esac']);
        items.push({ patterns, body: inner });
        if (peek()?.op === ';;') at++;
        skipNewlines();
        if (at >= tokens.length) unexpected();
      }
      at++;
      return { case: subject, items };
    },
  };
  function loop(until) {
    const cond = body(['do']);
    expect('do');
    const inner = body(['done']);
    expect('done');
    return { loop: cond, until, body: inner };
  }

  const tree = list(undefined);
  if (at < tokens.length) unexpected();
  return tree;
}
