// The sandbox's sed, as GNU sed 4.9 in the C locale: the script compiled to a list of commands
// (addresses, ranges, blocks, labels), then run a cycle per input line over bytes held as latin1
// strings. Regular expressions go through text_tools' POSIX-to-JavaScript translation.
import fs from 'node:fs';
import { Buffer } from 'node:buffer';
import {
  behind,
  closeStdin,
  drain,
  Exit,
  flush,
  getopt,
  Input,
  out,
  prog,
  readAll,
  say,
  strerror,
  UsageError,
} from 'qjsw:internal/programs/common';
import { RegexError, bytesOf, longestFinder, sedEscape, translateRegex } from 'qjsw:internal/programs/text_tools';

const USAGE = `[OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

const VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built with SELinux support.
SELinux is disabled on this system.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;

// A bad script, in GNU's words ("-e expression #1, char 3: ..."): status 1 (4 for a missing
// label). sed's other statuses: 2 for an input file missing, 4 for an I/O error.
class CompileError extends Error {}

export async function sed(args) {
  let parsed;
  try {
    parsed = getopt(args, 'bnrsuEe:f:l:i::zs', {
      quiet: 'n',
      silent: 'n',
      debug: 'debug',
      'expression=': 'e',
      'file=': 'f',
      'follow-symlinks': 'follow-symlinks',
      'in-place?': 'i',
      'line-length=': 'l',
      'null-data': 'z',
      'zero-terminated': 'z',
      posix: 'posix',
      'regexp-extended': 'E',
      separate: 's',
      sandbox: 'sandbox',
      unbuffered: 'u',
      binary: 'b',
      help: 'help',
      version: 'version',
    });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    say(err.message);
    process.stderr.write(`Usage: ${prog} ${USAGE}`);
    throw new Exit(1);
  }
  const o = {
    quiet: false,
    extended: false,
    separate: false,
    inPlace: undefined,
    lineLength: 70,
    delim: '\n',
    sandbox: false,
  };
  const pieces = [];
  for (const [k, v] of parsed.opts) {
    if (k === 'n') o.quiet = true;
    else if (k === 'e') pieces.push({ text: bytesOf(v), where: 'e' });
    else if (k === 'f') {
      try {
        const text = v === '-' ? (await readAll(new Input('-'))).toString('latin1') : fs.readFileSync(v, 'latin1');
        pieces.push({ text: text.endsWith('\n') ? text.slice(0, -1) : text, where: 'f', file: v });
      } catch (err) {
        say(`couldn't open file ${bytesOf(v)}: ${strerror(err)}`);
        throw new Exit(1);
      }
    } else if (k === 'E' || k === 'r') o.extended = true;
    else if (k === 's') o.separate = true;
    else if (k === 'i') {
      o.inPlace = v ?? '';
      o.separate = true;
    } else if (k === 'l') {
      if (!/^\d+$/.test(v)) {
        say(`invalid line length: ${v}`);
        throw new Exit(1);
      }
      o.lineLength = Number(v);
    } else if (k === 'z') o.delim = '\0';
    else if (k === 'sandbox') o.sandbox = true;
    // (--posix, --debug, -u, -b, --follow-symlinks change nothing here)
    else if (k === 'help') {
      out(`Usage: ${prog} ${USAGE}E-mail bug reports to: <bug-sed@gnu.org>.\n`);
      return 0;
    } else if (k === 'version') {
      out(VERSION);
      return 0;
    }
  }
  let files = parsed.operands;
  if (!pieces.length) {
    if (!files.length) {
      process.stderr.write(`Usage: ${prog} ${USAGE}`);
      return 1;
    }
    pieces.push({ text: bytesOf(files[0]), where: 'e' });
    files = files.slice(1);
  }
  let program;
  try {
    program = compile(pieces, o);
  } catch (err) {
    if (err instanceof CompileError) {
      say(err.message);
      return err.status ?? 1;
    }
    throw err;
  }
  if (o.inPlace !== undefined && !files.length) {
    say('no input files');
    return 4;
  }
  try {
    return await execute(program, files.length ? files : ['-'], o);
  } catch (err) {
    // s//x/ before any regular expression was used
    if (!(err instanceof CompileError)) throw err;
    say(err.message);
    return 1;
  }
}

// Compiling

// A script (its -e and -f pieces, joined by newlines as GNU's) as { commands, labels }.
function compile(pieces, o) {
  const commands = [];
  const blocks = [];
  const jumps = [];
  const labels = new Map();
  let text = '';
  const starts = [];
  pieces.forEach((piece, n) => {
    starts.push({ at: text.length, piece, n: pieces.slice(0, n + 1).filter((p) => p.where === 'e').length });
    text += piece.text + '\n';
  });
  // #n on the script's first line, alone: -n
  if (pieces[0].text.startsWith('#n') && (pieces[0].text.length === 2 || pieces[0].text[2] === '\n')) o.quiet = true;
  let i = 0;
  // GNU's place of an error: the characters of the -e read so far (or the -f file's line)
  const fail = (msg, at = i) => {
    let s = starts[0];
    for (const st of starts) if (st.at <= at && at > 0) s = st;
    const pos = Math.min(at, s.at + s.piece.text.length) - s.at;
    if (s.piece.where === 'f') {
      const line = text.slice(s.at, s.at + pos).split('\n').length;
      throw new CompileError(`file ${s.piece.file} line ${line}: ${msg}`);
    }
    throw new CompileError(`-e expression #${s.n}, char ${pos}: ${msg}`);
  };
  const peek = () => text[i];
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const regexOf = (src, flags) => {
    if (src === '') return { empty: true, flags };
    try {
      const r = translateRegex(src, { extended: o.extended, icase: flags.includes('I'), sed: true });
      return { source: r.source, groups: r.groups, flags, re: makeRegex(r.source, flags) };
    } catch (err) {
      if (err instanceof RegexError || err instanceof SyntaxError) fail(err.message);
      throw err;
    }
  };
  // the text up to an unescaped `delim` (a regex: brackets kept whole; \delim is delim)
  const delimited = (delim, isRegex, what) => {
    let s = '';
    for (;;) {
      if (i >= text.length) fail(`unterminated ${what}`, i - 1);
      const c = text[i++];
      if (c === delim) return s;
      if (c === '\n') fail(`unterminated ${what}`, i - 1);
      if (c === '\\') {
        if (i >= text.length) fail(`unterminated ${what}`);
        const e = text[i++];
        if (e === delim) s += delim === '&' && !isRegex ? '\\&' : delim;
        else if (e === '\n' && !isRegex) s += '\\\n';
        else if (e === 'n' && isRegex) s += '\\n';
        else s += `\\${e}`;
        continue;
      }
      if (c === '[' && isRegex) {
        // a bracket expression, to its ']' (which may come first, after '^')
        let j = i;
        if (text[j] === '^') j++;
        if (text[j] === ']') j++;
        while (j < text.length && text[j] !== ']' && text[j] !== '\n') {
          if (text[j] === '[' && (text[j + 1] === ':' || text[j + 1] === '.' || text[j + 1] === '=')) {
            const end = text.indexOf(`${text[j + 1]}]`, j + 2);
            if (end < 0) break;
            j = end + 2;
          } else j++;
        }
        if (text[j] === ']') {
          s += text.slice(i - 1, j + 1);
          i = j + 1;
          continue;
        }
      }
      s += c;
    }
  };
  const address = () => {
    const c = peek();
    if (c === '$') {
      i++;
      return { type: '$' };
    }
    if (c >= '0' && c <= '9') {
      const m = /^(\d+)(?:\s*~\s*(\d+))?/.exec(text.slice(i));
      i += m[0].length;
      if (m[2] !== undefined) return { type: 'step', first: Number(m[1]), step: Number(m[2]) };
      return { type: 'line', n: Number(m[1]) };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        i++;
        delim = text[i];
      }
      i++;
      const src = delimited(delim, true, 'address regex');
      let flags = '';
      while (peek() === 'I' || peek() === 'M') flags += text[i++];
      return { type: 're', regex: regexOf(src, flags) };
    }
    return null;
  };
  const endOfCommand = () => {
    skipSpace();
    const c = peek();
    if (c === undefined || c === '\n' || c === ';') {
      i++;
      return;
    }
    if (c === '}' || c === '#') return;
    i++;
    fail('extra characters after command');
  };
  const label = () => {
    skipSpace();
    let s = '';
    while (i < text.length && text[i] !== '\n' && text[i] !== ';') s += text[i++];
    return s.replace(/\s+$/, '');
  };
  const fileName = () => {
    skipSpace();
    let s = '';
    while (i < text.length && text[i] !== '\n') s += text[i++];
    i++;
    return s;
  };
  // the text of a, i, c: GNU's one-line form (`a text`) or POSIX's (`a\` and lines ending in \)
  const textArg = () => {
    skipSpace();
    if (peek() === '\\') {
      i++;
      if (peek() === '\n') i++;
      else skipSpace();
    }
    let s = '';
    while (i < text.length) {
      const c = text[i++];
      if (c === '\n') break;
      if (c === '\\') {
        if (i >= text.length) break;
        const e = text[i];
        const esc = sedEscape(text, i);
        if (esc && e !== 'c' && e !== 'd' && e !== 'o' && e !== 'x') {
          s += String.fromCharCode(esc[0]);
          i += esc[1];
        } else {
          s += e;
          i++;
        }
        continue;
      }
      s += c;
    }
    return s + '\n';
  };
  const writeFile = (name) => {
    if (o.sandbox) fail('e/r/w commands disabled in sandbox mode');
    return openOutput(name);
  };
  for (;;) {
    while (i < text.length && /[\s;]/.test(text[i])) i++;
    if (i >= text.length) break;
    const cmd = { a1: null, a2: null, negate: false, state: 'inactive' };
    if (peek() === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    cmd.a1 = address();
    if (cmd.a1) {
      skipSpace();
      if (peek() === ',') {
        i++;
        skipSpace();
        const c = peek();
        if (c === '+' || c === '~') {
          i++;
          const m = /^\d+/.exec(text.slice(i));
          if (!m) fail('expected newer version of sed');
          i += m[0].length;
          cmd.a2 = { type: c === '+' ? 'plus' : 'mult', n: Number(m[0]) };
        } else {
          cmd.a2 = address();
          if (!cmd.a2 || cmd.a2.type === 'step') fail("unexpected `,'");
        }
      }
      if (cmd.a1.type === 'line' && cmd.a1.n === 0 && (!cmd.a2 || cmd.a2.type !== 're')) fail('invalid usage of line address 0');
    }
    skipSpace();
    while (peek() === '!') {
      cmd.negate = true;
      i++;
      skipSpace();
    }
    if (i >= text.length) fail('missing command');
    const name = text[i++];
    cmd.name = name;
    const noAddress = (what) => cmd.a1 && fail(what);
    const oneAddress = () => cmd.a2 && fail('command only uses one address');
    switch (name) {
      case '{':
        blocks.push(commands.length);
        commands.push(cmd);
        continue;
      case '}':
        if (cmd.a1) fail("} doesn't want any addresses");
        if (!blocks.length) fail("unexpected `}'");
        commands[blocks.pop()].close = commands.length + 1;
        commands.push(cmd);
        endOfCommand();
        continue;
      case ':': {
        noAddress(": doesn't want any addresses");
        const l = label();
        if (!l) fail('":" lacks a label');
        labels.set(l, commands.length);
        if (peek() === ';') i++;
        continue;
      }
      case 'b':
      case 't':
      case 'T':
        cmd.label = label();
        if (peek() === ';') i++;
        jumps.push(cmd);
        break;
      case 'a':
      case 'i':
      case 'c':
        cmd.text = textArg();
        break;
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        endOfCommand();
        break;
      case 'q':
      case 'Q': {
        oneAddress();
        skipSpace();
        const m = /^\d+/.exec(text.slice(i));
        cmd.status = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
        endOfCommand();
        break;
      }
      case 'l':
      case 'L': {
        skipSpace();
        const m = /^\d+/.exec(text.slice(i));
        cmd.width = m ? Number(m[0]) : undefined;
        if (m) i += m[0].length;
        endOfCommand();
        break;
      }
      case 'r':
      case 'R':
        if (o.sandbox) fail('e/r/w commands disabled in sandbox mode');
        cmd.file = fileName();
        break;
      case 'w':
      case 'W':
        cmd.output = writeFile(fileName());
        break;
      case 'v':
        label();
        if (peek() === ';') i++;
        break;
      case 's': {
        const delim = text[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
        const src = delimited(delim, true, "`s' command");
        const repl = delimited(delim, false, "`s' command");
        let flags = '';
        cmd.global = false;
        cmd.nth = 1;
        cmd.print = 0;
        for (;;) {
          const c = peek();
          if (c === 'g') {
            if (cmd.global) fail("multiple `g' options to `s' command");
            cmd.global = true;
            i++;
          } else if (c === 'p') {
            if (cmd.print) fail("multiple `p' options to `s' command");
            cmd.print = 1;
            i++;
          } else if (c >= '0' && c <= '9') {
            if (cmd.nthGiven) fail("multiple number options to `s' command");
            const m = /^\d+/.exec(text.slice(i));
            i += m[0].length;
            cmd.nth = Number(m[0]);
            cmd.nthGiven = true;
            if (cmd.nth === 0) fail("number option to `s' command may not be zero");
          } else if (c === 'i' || c === 'I') {
            flags += 'I';
            i++;
          } else if (c === 'm' || c === 'M') {
            flags += 'M';
            i++;
          } else if (c === 'e') {
            fail("unknown option to `s'");
          } else if (c === 'w') {
            i++;
            cmd.output = writeFile(fileName());
            break;
          } else break;
        }
        if (!cmd.output) {
          skipSpace();
          if (![undefined, '\n', ';', '}', '#'].includes(peek())) fail("unknown option to `s'", i + 1);
        }
        cmd.regex = regexOf(src, flags);
        cmd.replacement = parseReplacement(repl, fail);
        const maxRef = Math.max(0, ...cmd.replacement.filter((p) => typeof p === 'number'));
        if (!cmd.regex.empty && maxRef > cmd.regex.groups) fail(`invalid reference \\${maxRef} on \`s' command's RHS`);
        cmd.maxRef = maxRef;
        if (!cmd.output) endOfCommand();
        break;
      }
      case 'y': {
        const delim = text[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `y' command");
        const unescape = (s) => {
          let r = '';
          for (let k = 0; k < s.length; k++) {
            if (s[k] === '\\' && k + 1 < s.length) {
              const e = s[++k];
              r += e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : e === delim ? delim : `\\${e}`;
            } else r += s[k];
          }
          return r;
        };
        const from = unescape(delimited(delim, false, "`y' command"));
        const to = unescape(delimited(delim, false, "`y' command"));
        if (from.length !== to.length) fail("strings for `y' command are different lengths");
        cmd.map = new Map();
        for (let k = 0; k < from.length; k++) cmd.map.set(from[k], to[k]);
        endOfCommand();
        break;
      }
      case 'e':
        fail("unknown command: `e'");
        break;
      default:
        fail(`unknown command: \`${name}'`);
    }
    commands.push(cmd);
  }
  if (blocks.length) fail("unmatched `{'", 0);
  for (const j of jumps) {
    if (j.label === '') j.target = commands.length;
    else if (labels.has(j.label)) j.target = labels.get(j.label);
    else throw Object.assign(new CompileError(`can't find label for jump to \`${j.label}'`), { status: 4 });
  }
  return { commands };
}

function makeRegex(source, flags) {
  const m = flags.includes('M') ? 'm' : '';
  return { source, one: new RegExp(source, m), all: new RegExp(source, `g${m}`), longest: longestFinder(source, m) };
}

// A replacement: literal strings, group numbers (0 for &) and case conversions ('\\U'...).
function parseReplacement(s, fail) {
  const parts = [];
  let lit = '';
  const flushLit = () => {
    if (lit) parts.push(lit);
    lit = '';
  };
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '&') {
      flushLit();
      parts.push(0);
      continue;
    }
    if (c !== '\\' || k + 1 >= s.length) {
      lit += c;
      continue;
    }
    const e = s[++k];
    if (e >= '0' && e <= '9') {
      flushLit();
      parts.push(Number(e));
    } else if ('LUluE'.includes(e)) {
      flushLit();
      parts.push({ conv: e });
    } else if (e === '\n') lit += '\n';
    else if (e === '&') lit += '&';
    else {
      const esc = sedEscape(s, k);
      if (esc) {
        lit += String.fromCharCode(esc[0]);
        k += esc[1] - 1;
      } else lit += e;
    }
  }
  flushLit();
  return parts;
}

// w's files (opened, emptied, once each, as GNU's at compile time) and /dev/stdout, /dev/stderr.
const outputs = new Map();
function openOutput(name) {
  if (outputs.has(name)) return outputs.get(name);
  let o;
  if (name === '/dev/stdout') o = { stdout: true, missing: false };
  else if (name === '/dev/stderr') o = { write: (s) => process.stderr.write(Buffer.from(s, 'latin1')), missing: false };
  else {
    const fd = fs.openSync(Buffer.from(name, 'latin1').toString('utf8'), 'w');
    o = { write: (s) => fs.writeSync(fd, Buffer.from(s, 'latin1')), missing: false };
  }
  outputs.set(name, o);
  return o;
}

// Running

// The input lines, file after file (each apart with -s and -i): next() is { text, chomped } or
// null; last() whether the line read was the last (of its file, with -s).
class Lines {
  constructor(files, o, onFile) {
    this.files = files.slice();
    this.o = o;
    this.onFile = onFile;
    this.input = null;
    this.data = '';
    this.pos = 0;
    this.eof = true;
    this.status = 0;
    this.name = '-';
  }
  // opens the next file that can be read: false when none is left
  openNext() {
    while (this.files.length) {
      const name = this.files.shift();
      const input = new Input(name);
      try {
        input.open();
        if (name !== '-' && fs.fstatSync(input.fd).isDirectory()) {
          input.close();
          // GNU's sed gives up at once (its 'panic'), with what it wrote so far
          flush();
          if (this.o.inPlace !== undefined) say(`couldn't edit ${bytesOf(name)}: not a regular file`);
          else say(`read error on ${bytesOf(name)}: Is a directory`);
          throw new Exit(4);
        }
      } catch (err) {
        say(`can't read ${bytesOf(name)}: ${strerror(err)}`);
        this.status = 2;
        continue;
      }
      this.input = input;
      this.name = name;
      this.eof = false;
      this.onFile?.(name);
      return true;
    }
    return false;
  }
  // more data in the current file: false at its end
  async more() {
    if (this.eof) return false;
    const chunk = await this.input.next();
    if (!chunk) {
      this.eof = true;
      this.input.close();
      return false;
    }
    this.data = this.data.slice(this.pos) + chunk.toString('latin1');
    this.pos = 0;
    return true;
  }
  // the next line when it is already read, else undefined (then next())
  take() {
    const at = this.data.indexOf(this.o.delim, this.pos);
    if (at < 0) return undefined;
    const text = this.data.slice(this.pos, at);
    this.pos = at + 1;
    return { text, chomped: true };
  }
  // false when a line is known to follow, else undefined (then last())
  lastNow() {
    return this.pos < this.data.length ? false : undefined;
  }
  async next() {
    for (;;) {
      const at = this.data.indexOf(this.o.delim, this.pos);
      if (at >= 0) {
        const text = this.data.slice(this.pos, at);
        this.pos = at + 1;
        return { text, chomped: true };
      }
      if (await this.more()) continue;
      if (this.pos < this.data.length) {
        const text = this.data.slice(this.pos);
        this.data = '';
        this.pos = 0;
        return { text, chomped: false };
      }
      if (this.o.separate && this.started) return null;
      if (!this.openNext()) return null;
      this.started = true;
    }
  }
  // whether no line follows (in this file, with -s; else in any file left)
  async last() {
    for (;;) {
      if (this.pos < this.data.length) return false;
      if (await this.more()) continue;
      if (this.o.separate) return true;
      if (!this.openNext()) return true;
    }
  }
  // -s and -i: on to the next file, false when none is left
  nextFile() {
    this.started = false;
    this.data = '';
    this.pos = 0;
    return this.files.length > 0;
  }
}

async function execute(program, files, o) {
  const { commands } = program;
  const usesLast = commands.some((c) => c.a1?.type === '$' || c.a2?.type === '$');
  // the output: stdout, or with -i the file's new text
  let target = null;
  const main = { missing: false, stdout: true };
  // a line (its delimiter written if it had one: else added before what comes next, as GNU's),
  // or with `raw` text as it is (a, i, c, r, =)
  const write = (dest, s, chomped = true, raw = false) => {
    const to = dest.stdout ? main : dest;
    let text = to.missing ? o.delim : '';
    text += s;
    if (chomped && !raw) text += o.delim;
    to.missing = !chomped && !raw;
    if (dest.stdout || dest === main) {
      if (target) target.push(text);
      else out(text);
    } else dest.write(text);
  };
  let status = 0;
  const lines = new Lines(files, o, (name) => {
    if (o.inPlace !== undefined) {
      target = [];
      target.file = name;
    }
  });
  const finishFile = () => {
    if (!target) return;
    const name = target.file;
    if (o.inPlace) {
      const base = name.slice(name.lastIndexOf('/') + 1);
      const backup = o.inPlace.includes('*') ? o.inPlace.replace(/\*/g, base) : name + o.inPlace;
      const backupPath = backup.includes('/') ? backup : name.slice(0, name.lastIndexOf('/') + 1) + backup;
      fs.copyFileSync(name, backupPath);
    }
    fs.writeFileSync(name, Buffer.from(target.join(''), 'latin1'));
    target = null;
    main.missing = false;
  };
  const state = { hold: '', holdChomped: true, lineNo: 0, quit: null };
  const D = o.delim;
  let lastRegex = null;
  const regexFor = (r) => {
    if (!r.empty) {
      lastRegex = r;
      return r.re;
    }
    if (!lastRegex) throw new CompileError('-e expression #1, char 0: no previous regular expression');
    return lastRegex.re;
  };
  do {
    state.lineNo = o.separate ? 0 : state.lineNo;
    for (const c of commands) c.state = c.a1?.type === 'line' && c.a1.n === 0 ? 'active' : 'inactive';
    let line = lines.take() ?? (await lines.next());
    let isLast = false;
    const append = [];
    const dumpAppend = () => {
      for (const a of append) {
        if (typeof a === 'string') write(main, a, false, true);
        else if (a.file) {
          try {
            const data = fs.readFileSync(Buffer.from(a.file, 'latin1').toString('utf8'), 'latin1');
            if (data) write(main, data, false, true);
          } catch {
            // r of a file that cannot be read adds nothing, as GNU's
          }
        } else if (a.line !== undefined) write(main, a.line.text, true);
      }
      append.length = 0;
    };
    const readers = new Map();
    const readLineOf = (file) => {
      let r = readers.get(file);
      if (!r) {
        let data = '';
        try {
          data = fs.readFileSync(Buffer.from(file, 'latin1').toString('utf8'), 'latin1');
        } catch {
          // as r
        }
        r = { lines: data.split(o.delim), at: 0 };
        if (r.lines[r.lines.length - 1] === '') r.lines.pop();
        readers.set(file, r);
      }
      return r.at < r.lines.length ? { text: r.lines[r.at++] } : undefined;
    };
    let ps = '';
    let chomped = true;
    let replaced = false;
    let restart = false;
    const matchAddr = (a) => {
      switch (a.type) {
        case 'line':
          return state.lineNo === a.n;
        case '$':
          return isLast;
        case 'step':
          return a.step <= 0 ? state.lineNo === a.first : state.lineNo >= a.first && (state.lineNo - a.first) % a.step === 0;
        case 're':
          return regexFor(a.regex).one.test(ps);
      }
      return false;
    };
    // GNU's ranges (match_address_p), lines gone by unseen (in an n, N or b) included: one
    // from a line number starts at the first line seen at or after it and does not start
    // again; one to a line number ends there, a line past it not taken; addr,+N and addr,~N
    // end on the first line seen at or past their end
    const selected = (c) => {
      if (!c.a1) return true;
      if (!c.a2) return matchAddr(c.a1);
      const a2 = c.a2;
      const l = state.lineNo;
      if (c.state !== 'active') {
        if (c.a1.type === 'line' ? c.state === 'closed' || l < c.a1.n : !matchAddr(c.a1)) return false;
        c.state = 'active';
        if (a2.type === 're') return true;
        if (a2.type === 'line') {
          if (l >= a2.n) c.state = 'closed';
          return l <= a2.n || matchAddr(c.a1);
        }
        if (a2.type === 'plus' || a2.type === 'mult') {
          if (a2.n <= 0) {
            c.state = 'closed';
            return true;
          }
          c.rangeEnd = a2.type === 'plus' ? l + a2.n : l + (a2.n - (l % a2.n));
          return true;
        }
      }
      if (a2.type === 'line') {
        if (l >= a2.n) c.state = 'closed';
        return l <= a2.n;
      }
      if (a2.type === 'plus' || a2.type === 'mult' ? c.rangeEnd <= l : matchAddr(a2)) c.state = 'closed';
      return true;
    };
    while (line || restart) {
      if (!restart) {
        ps = line.text;
        chomped = line.chomped;
        state.lineNo++;
        replaced = false;
      }
      restart = false;
      isLast = usesLast ? (lines.lastNow() ?? (await lines.last())) : false;
      let pc = 0;
      let autoprint = !o.quiet;
      let endCycle = false;
      while (pc < commands.length && !endCycle) {
        const c = commands[pc];
        const hit = selected(c) !== c.negate;
        if (!hit) {
          pc = c.name === '{' ? c.close : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{':
          case '}':
          case 'v':
            break;
          case '=':
            write(main, `${state.lineNo}${D}`, false, true);
            break;
          case 'a':
            append.push(c.text);
            break;
          case 'i':
            write(main, c.text.slice(0, -1) + D, false, true);
            break;
          case 'c':
            if (!c.a2 || c.state !== 'active') write(main, c.text.slice(0, -1) + D, false, true);
            autoprint = false;
            endCycle = true;
            break;
          case 'b':
            pc = c.target;
            break;
          case 't':
            if (replaced) {
              replaced = false;
              pc = c.target;
            }
            break;
          case 'T':
            if (!replaced) pc = c.target;
            else replaced = false;
            break;
          case 'd':
            autoprint = false;
            endCycle = true;
            break;
          case 'D': {
            const nl = ps.indexOf(D);
            if (nl < 0) {
              autoprint = false;
              endCycle = true;
            } else {
              ps = ps.slice(nl + 1);
              autoprint = false;
              endCycle = true;
              restart = true;
            }
            break;
          }
          // (the hold space has its own "ended with a newline", which comes along with its text)
          case 'g':
            ps = state.hold;
            chomped = state.holdChomped;
            break;
          case 'G':
            ps += D + state.hold;
            chomped = state.holdChomped;
            break;
          case 'h':
            state.hold = ps;
            state.holdChomped = chomped;
            break;
          case 'H':
            state.hold += D + ps;
            state.holdChomped = chomped;
            break;
          case 'x':
            [ps, state.hold] = [state.hold, ps];
            [chomped, state.holdChomped] = [state.holdChomped, chomped];
            break;
          case 'z':
            ps = '';
            break;
          case 'F':
            write(main, lines.name === '-' ? '-' : bytesOf(lines.name), true);
            break;
          case 'l':
            write(main, escapeLine(ps, c.width ?? o.lineLength), true);
            break;
          case 'n':
          case 'N': {
            if (usesLast ? isLast : (lines.lastNow() ?? (await lines.last()))) {
              // no next line: GNU's sed ends here, printing the pattern space (unless POSIXLY_CORRECT for N)
              if (c.name === 'N' && process.env.POSIXLY_CORRECT !== undefined) autoprint = false;
              state.quit = state.quit ?? 0;
              state.atEnd = true;
              endCycle = true;
              break;
            }
            if (c.name === 'n' && !o.quiet) write(main, ps, chomped);
            dumpAppend();
            const next = lines.take() ?? (await lines.next());
            state.lineNo++;
            if (c.name === 'n') ps = next.text;
            else ps += D + next.text;
            chomped = next.chomped;
            isLast = usesLast ? (lines.lastNow() ?? (await lines.last())) : false;
            break;
          }
          case 'p':
            write(main, ps, chomped);
            break;
          case 'P': {
            const nl = ps.indexOf(D);
            write(main, nl < 0 ? ps : ps.slice(0, nl), nl < 0 ? chomped : true);
            break;
          }
          case 'q':
            state.quit = c.status;
            endCycle = true;
            break;
          case 'Q':
            state.quit = c.status;
            state.silentQuit = true;
            autoprint = false;
            endCycle = true;
            break;
          case 'r':
            append.push({ file: c.file });
            break;
          case 'R': {
            const l = readLineOf(c.file);
            if (l) append.push({ line: l });
            break;
          }
          case 'w':
            write(c.output, ps, chomped);
            break;
          case 'W': {
            const nl = ps.indexOf(D);
            write(c.output, nl < 0 ? ps : ps.slice(0, nl), true);
            break;
          }
          case 'y': {
            let r = '';
            for (const ch of ps) r += c.map.get(ch) ?? ch;
            ps = r;
            break;
          }
          case 's': {
            const re = c.regex.empty ? regexFor(c.regex) : c.regex.re;
            if (c.regex.empty && c.maxRef > lastRegex.groups) {
              say(`invalid reference \\${c.maxRef} on \`s' command's RHS`);
              throw new Exit(1);
            }
            if (!c.regex.empty) lastRegex = c.regex;
            const r = substitute(ps, re, c);
            if (r !== null) {
              ps = r;
              replaced = true;
              if (c.print) write(main, ps, chomped);
              if (c.output) write(c.output, ps, chomped);
            }
            break;
          }
        }
      }
      if (autoprint) write(main, ps, chomped);
      if (state.quit !== null) {
        // q ends the output's last line; Q leaves even the appended text out
        if (!state.silentQuit) dumpAppend();
        if (!state.silentQuit && !state.atEnd && main.missing) write(main, '', false, true);
        break;
      }
      dumpAppend();
      if (behind()) await drain();
      if (!restart) line = lines.take() ?? (await lines.next());
    }
    if (state.quit !== null) break;
    finishFile();
  } while (o.separate && lines.nextFile());
  finishFile();
  if (state.quit !== null) closeStdin();
  flush();
  return state.quit ?? Math.max(status, lines.status);
}

// s///: the new pattern space, or null when nothing was replaced. An empty match right after
// the previous match does not count, as in GNU's sed.
function substitute(ps, re, c) {
  const all = re.all;
  all.lastIndex = 0;
  let result = '';
  let from = 0;
  let count = 0;
  let did = false;
  let prevEnd = -1;
  while (all.lastIndex <= ps.length) {
    let m = all.exec(ps);
    if (!m) break;
    m = re.longest(ps, m);
    const end = m.index + m[0].length;
    if (m[0] === '' && m.index === prevEnd) {
      all.lastIndex = m.index + 1;
      continue;
    }
    count++;
    if (count >= c.nth) {
      result += ps.slice(from, m.index) + expand(c.replacement, m);
      from = end;
      did = true;
      if (!c.global) break;
    }
    prevEnd = end;
    all.lastIndex = m[0] === '' ? end + 1 : end;
  }
  if (!did) return null;
  return result + ps.slice(from);
}

function expand(parts, m) {
  let s = '';
  let oneShot = '';
  let mode = '';
  const add = (t) => {
    if (!t) return;
    if (mode === 'U') t = t.toUpperCase();
    else if (mode === 'L') t = t.toLowerCase();
    if (oneShot) {
      t = (oneShot === 'u' ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
      oneShot = '';
    }
    s += t;
  };
  for (const p of parts) {
    if (typeof p === 'string') add(p);
    else if (typeof p === 'number') add(m[p] ?? '');
    else if (p.conv === 'u' || p.conv === 'l') oneShot = p.conv;
    else if (p.conv === 'E') {
      mode = '';
      oneShot = '';
    } else mode = p.conv;
  }
  return s;
}

// l: the pattern space with C escapes, \ooo for other bytes, wrapped to `width` (0: never), $ at the end.
function escapeLine(ps, width) {
  let s = '';
  let col = 0;
  for (let k = 0; k < ps.length; k++) {
    const b = ps.charCodeAt(k);
    const named = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' }[b];
    const piece = named ?? (b < 32 || b >= 127 ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b));
    if (width > 1 && col + piece.length > width - 1) {
      s += '\\\n';
      col = 0;
    }
    s += piece;
    col += piece.length;
  }
  return `${s}$`;
}
