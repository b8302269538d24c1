// The sandbox's GNU coreutils (as Debian 12 has them, 9.1, in the C locale): run(name, args)
// runs one in the current child sandbox. The file and environment tools are here; the text
// filters (wc, head, tail, grep) are in programs/text_tools.js and sed in programs/sed.js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { importBuiltin } from 'qjsw:binding/module';
import {
  drain,
  Exit,
  flush,
  help,
  Input,
  options,
  out,
  prog,
  quote,
  quotef,
  readStdin,
  say,
  setProgram,
  strerror,
  usageError,
  version,
  watchStdout,
} from 'qjsw:internal/programs/common';
import { parseDate, parseStamp } from 'qjsw:internal/programs/date';

const PROGRAMS = {
  cat,
  echo,
  env,
  pwd,
  ls,
  sleep,
  id,
  true: trueProgram,
  false: falseProgram,
  mkdir,
  rm,
  touch,
  uname,
  basename,
  dirname,
};
const TEXT_TOOLS = ['wc', 'head', 'tail', 'grep'];

export function run(name, args) {
  setProgram(name);
  let main = PROGRAMS[name];
  if (!main && TEXT_TOOLS.includes(name)) main = importBuiltin('qjsw:internal/programs/text_tools')[name];
  if (!main && name === 'sed') main = importBuiltin('qjsw:internal/programs/sed').sed;
  if (!main && name === 'date') main = importBuiltin('qjsw:internal/programs/date').date;
  if (!main) {
    say('no such program');
    process.exitCode = 127;
    return;
  }
  watchStdout();
  const finish = (status) => {
    flush();
    if (status) process.exitCode = status;
  };
  const fail = (err) => {
    if (err instanceof Exit) return finish(err.status);
    // a bug here, not the user's: said as such
    say(`internal error: ${err && err.stack ? err.stack : String(err)}`);
    process.exitCode = 2;
  };
  try {
    const r = main(args, name);
    if (r && typeof r.then === 'function') r.then(finish, fail);
    else finish(r);
  } catch (err) {
    fail(err);
  }
}

// cat

// -v's notation for a byte: ^X, ^?, M-x.
function visible(b) {
  if (b >= 128) return 'M-' + visible(b - 128);
  if (b < 32) return '^' + String.fromCharCode(b + 64);
  if (b === 127) return '^?';
  return String.fromCharCode(b);
}

async function cat(args) {
  const { opts, operands } = options('cat', args, 'AbeEnstTuv', {
    'show-all': 'A',
    'number-nonblank': 'b',
    'show-ends': 'E',
    number: 'n',
    'squeeze-blank': 's',
    'show-tabs': 'T',
    'show-nonprinting': 'v',
  });
  const f = {};
  for (const [k] of opts) {
    if (k === 'A') Object.assign(f, { v: true, E: true, T: true });
    else if (k === 'e') Object.assign(f, { v: true, E: true });
    else if (k === 't') Object.assign(f, { v: true, T: true });
    else f[k] = true;
  }
  const plain = !(f.b || f.n || f.s || f.v || f.E || f.T);
  // the numbering and blank-line state go on from one file to the next, as GNU's
  const state = { line: 0, atStart: true, blanks: 0 };
  let status = 0;
  for (const name of operands.length ? operands : ['-']) {
    const input = new Input(name);
    try {
      input.open();
      for (let chunk = await input.next(); chunk; chunk = await input.next()) {
        out(plain ? chunk : catFormat(chunk, f, state));
        // what comes from a pipe goes on at once (an interactive `cat`), as GNU's unbuffered cat
        if (input.isStdin) flush();
        await drain();
      }
    } catch (err) {
      say(`${quotef(name)}: ${strerror(err)}`);
      status = 1;
    } finally {
      input.close();
    }
  }
  return status;
}

function catFormat(chunk, f, state) {
  let s = '';
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (state.atStart) {
      if (b === 10) {
        state.blanks++;
        if (f.s && state.blanks > 1) continue;
        if (f.n && !f.b) s += `${String(++state.line).padStart(6)}\t`;
      } else {
        state.blanks = 0;
        if (f.n || f.b) s += `${String(++state.line).padStart(6)}\t`;
      }
    }
    if (b === 10) {
      s += f.E ? '$\n' : '\n';
      state.atStart = true;
      continue;
    }
    state.atStart = false;
    if (b === 9) s += f.T ? '^I' : '\t';
    else if (f.v) s += visible(b);
    else s += String.fromCharCode(b);
  }
  return s;
}

// echo

function echo(args) {
  const posix = process.env.POSIXLY_CORRECT !== undefined;
  const allowOptions = !posix || args[0] === '-n';
  if (allowOptions && args.length === 1 && (args[0] === '--help' || args[0] === '--version')) {
    if (args[0] === '--help') help('echo');
    else version('echo');
    return 0;
  }
  let escapes = false;
  let newline = true;
  let i = 0;
  if (allowOptions) {
    for (; i < args.length; i++) {
      const a = args[i];
      if (!/^-[eEn]+$/.test(a)) break;
      for (const c of a.slice(1)) {
        if (c === 'e') escapes = true;
        else if (c === 'E') escapes = false;
        else newline = false;
      }
    }
  }
  const parts = [];
  for (let j = i; j < args.length; j++) {
    const bytes = Buffer.from(args[j], 'utf8');
    if (!(escapes || posix)) {
      parts.push(bytes);
    } else {
      const [b, stop] = echoEscapes(bytes);
      parts.push(b);
      if (stop) {
        out(Buffer.concat(parts));
        return 0;
      }
    }
    if (j + 1 < args.length) parts.push(Buffer.from(' '));
  }
  if (newline) parts.push(Buffer.from('\n'));
  out(Buffer.concat(parts));
  return 0;
}

const isOctal = (b) => b >= 0x30 && b <= 0x37;
const hexValue = (b) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1);

// echo -e's backslash escapes, on bytes: [the result, whether \c stopped all output].
function echoEscapes(s) {
  const r = [];
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (c !== 0x5c || i + 1 >= s.length) {
      r.push(c);
      continue;
    }
    c = s[++i];
    const simple = { 0x61: 7, 0x62: 8, 0x65: 27, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11, 0x5c: 0x5c }[c];
    if (simple !== undefined) {
      r.push(simple);
    } else if (c === 0x63) {
      return [Buffer.from(r), true];
    } else if (c === 0x78 && hexValue(s[i + 1] ?? 0) >= 0) {
      let v = hexValue(s[++i]);
      if (i + 1 < s.length && hexValue(s[i + 1]) >= 0) v = v * 16 + hexValue(s[++i]);
      r.push(v);
    } else if (c === 0x30 || isOctal(c)) {
      let v = c - 0x30;
      // \0 takes up to three more digits, \1-\7 up to two more
      if (c === 0x30 && i + 1 < s.length && isOctal(s[i + 1])) v = s[++i] - 0x30;
      for (let k = 0; k < 2 && i + 1 < s.length && isOctal(s[i + 1]); k++) v = v * 8 + (s[++i] - 0x30);
      r.push(v & 0xff);
    } else {
      r.push(0x5c, c);
    }
  }
  return [Buffer.from(r), false];
}

// env

async function env(args) {
  const { opts, operands } = options(
    'env',
    args,
    'iu:0C:S:v',
    {
      'ignore-environment': 'i',
      null: '0',
      'unset=': 'u',
      'chdir=': 'C',
      'split-string=': 'S',
      debug: 'v',
      'block-signal?': 'signal',
      'default-signal?': 'signal',
      'ignore-signal?': 'signal',
      'list-signal-handling': 'signal',
    },
    125,
    { stop: true },
  );
  let ignore = false;
  let nul = false;
  let dir;
  const unset = [];
  let rest = operands;
  for (const [k, v] of opts) {
    if (k === 'i') ignore = true;
    else if (k === '0') nul = true;
    else if (k === 'u') unset.push(v);
    else if (k === 'C') dir = v;
    else if (k === 'S') rest = [...splitString(v), ...rest];
  }
  if (rest[0] === '-') {
    ignore = true;
    rest = rest.slice(1);
  }
  const vars = ignore ? {} : { ...process.env };
  for (const name of unset) {
    if (name === '' || name.includes('=')) {
      say(`cannot unset ${quote(name)}: Invalid argument`);
      return 125;
    }
    delete vars[name];
  }
  let i = 0;
  for (; i < rest.length && rest[i].includes('='); i++) {
    const eq = rest[i].indexOf('=');
    vars[rest[i].slice(0, eq)] = rest[i].slice(eq + 1);
  }
  const command = rest.slice(i);
  if (!command.length) {
    if (dir !== undefined) throw usageError('must specify command with --chdir (-C)', 125);
    for (const [k, v] of Object.entries(vars)) out(Buffer.from(`${k}=${v}${nul ? '\0' : '\n'}`, 'utf8'));
    return 0;
  }
  if (nul) throw usageError('cannot specify --null (-0) with command', 125);
  let cwd = process.cwd();
  if (dir !== undefined) {
    try {
      cwd = path.resolve(dir);
      if (!fs.statSync(cwd).isDirectory()) throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
    } catch (err) {
      say(`cannot change directory to ${quote(dir)}: ${strerror(err)}`);
      return 125;
    }
  }
  flush();
  const { spawn } = importBuiltin('node:child_process');
  // child_process takes a command named as this process's argv0 for node itself: env's own
  // name ('env') is not that
  try {
    process.argv0 = process.execPath;
  } catch {
    // read-only where it cannot mislead
  }
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { env: vars, cwd, stdio: 'inherit' });
    child.on('error', (err) => {
      say(`${quote(command[0])}: ${strerror(err)}`);
      resolve(err.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => {
      // env execs its command: the parent sees the command's own end, a signal included
      if (signal) process.kill(process.pid, signal);
      resolve(code);
    });
  });
}

// env -S: a shebang line's one argument split as GNU's env does (quotes, backslash escapes,
// ${VAR}).
function splitString(s) {
  const words = [];
  let word = null;
  let i = 0;
  const add = (t) => (word = (word ?? '') + t);
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw splitFail('no terminating quote in -S string');
      add(s.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      i++;
      add('');
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) {
          add(backslash(s[i + 1]));
          i += 2;
        } else if (s[i] === '$' && s[i + 1] === '{') {
          const end = s.indexOf('}', i);
          add(process.env[s.slice(i + 2, end)] ?? '');
          i = end + 1;
        } else add(s[i++]);
      }
      if (i >= s.length) throw splitFail('no terminating quote in -S string');
      i++;
    } else if (c === '\\' && i + 1 < s.length) {
      if (s[i + 1] === 'c') break;
      if (s[i + 1] === '_') {
        if (word !== null) words.push(word);
        word = null;
      } else add(backslash(s[i + 1]));
      i += 2;
    } else if (c === '$' && s[i + 1] === '{') {
      const end = s.indexOf('}', i);
      add(process.env[s.slice(i + 2, end)] ?? '');
      i = end + 1;
    } else if (c === '#' && word === null) {
      break;
    } else {
      add(c);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
function splitFail(text) {
  say(text);
  return new Exit(125);
}
function backslash(c) {
  return { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', _: ' ' }[c] ?? c;
}

// pwd

function pwd(args) {
  const { opts, operands } = options('pwd', args, 'LP', { logical: 'L', physical: 'P' });
  let logical = process.env.POSIXLY_CORRECT !== undefined;
  for (const [k] of opts) logical = k === 'L';
  if (operands.length) say('ignoring non-option arguments');
  const physical = fs.realpathSync(process.cwd());
  const env = process.env.PWD;
  if (logical && env && env.startsWith('/') && !/(^|\/)\.\.?(\/|$)/.test(env)) {
    try {
      const a = fs.statSync(env);
      const b = fs.statSync('.');
      if (a.ino === b.ino && a.dev === b.dev) {
        out(Buffer.from(`${env}\n`, 'utf8'));
        return 0;
      }
    } catch {
      // not the working directory: the physical one
    }
  }
  out(Buffer.from(`${physical}\n`, 'utf8'));
  return 0;
}

// ls

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function ls(args) {
  const { opts, operands } = options(
    'ls',
    args,
    'aAbcCdfFgGhHiklLmnopqQrRsStT:uUvw:xX1',
    {
      all: 'a',
      'almost-all': 'A',
      escape: 'b',
      directory: 'd',
      classify: 'F',
      'file-type': 'file-type',
      'indicator-style=': 'indicator-style',
      'no-group': 'G',
      'human-readable': 'h',
      si: 'si',
      inode: 'i',
      dereference: 'L',
      'dereference-command-line': 'H',
      'numeric-uid-gid': 'n',
      'hide-control-chars': 'q',
      'show-control-chars': 'show-control-chars',
      'quote-name': 'Q',
      reverse: 'r',
      recursive: 'R',
      size: 's',
      'sort=': 'sort',
      'time=': 'time',
      'format=': 'format',
      'color?': 'color',
      'group-directories-first': 'group-directories-first',
      'full-time': 'full-time',
      'time-style=': 'time-style',
      'width=': 'w',
      'tabsize=': 'T',
      literal: 'N',
      kibibytes: 'k',
    },
    2,
  );
  const o = {
    all: false,
    almost: false,
    dirs: false,
    long: false,
    format: process.stdout.isTTY ? 'columns' : 'lines',
    reverse: false,
    recursive: false,
    sort: 'name',
    time: 'mtime',
    classify: '',
    human: false,
    inode: false,
    numeric: false,
    owner: true,
    group: true,
    blocks: false,
    deref: false,
    groupDirs: false,
    fullTime: false,
    width: Number(process.env.COLUMNS) > 0 ? Number(process.env.COLUMNS) : process.stdout.isTTY ? process.stdout.columns || 80 : 80,
  };
  for (const [k, v] of opts) {
    switch (k) {
      case 'a':
        o.all = true;
        o.almost = false;
        break;
      case 'A':
        o.almost = true;
        o.all = false;
        break;
      case 'd':
        o.dirs = true;
        break;
      case 'f':
        o.all = true;
        o.sort = 'none';
        break;
      case 'F':
        o.classify = 'classify';
        break;
      case 'file-type':
        o.classify = 'file-type';
        break;
      case 'p':
        o.classify = 'slash';
        break;
      case 'indicator-style':
        o.classify = { none: '', slash: 'slash', 'file-type': 'file-type', classify: 'classify' }[v] ?? '';
        break;
      case 'l':
        o.format = 'long';
        break;
      case 'g':
        o.format = 'long';
        o.owner = false;
        break;
      case 'o':
        o.format = 'long';
        o.group = false;
        break;
      case 'n':
        o.format = 'long';
        o.numeric = true;
        break;
      case 'G':
        o.group = false;
        break;
      case '1':
        if (o.format !== 'long') o.format = 'lines';
        break;
      case 'C':
        o.format = 'columns';
        break;
      case 'x':
        o.format = 'across';
        break;
      case 'm':
        o.format = 'commas';
        break;
      case 'format':
        o.format =
          {
            long: 'long',
            verbose: 'long',
            single: 'lines',
            'single-column': 'lines',
            vertical: 'columns',
            across: 'across',
            horizontal: 'across',
            commas: 'commas',
          }[v] ?? o.format;
        break;
      case 'r':
        o.reverse = true;
        break;
      case 'R':
        o.recursive = true;
        break;
      case 't':
        o.sort = 'time';
        break;
      case 'S':
        o.sort = 'size';
        break;
      case 'U':
        o.sort = 'none';
        break;
      case 'X':
        o.sort = 'extension';
        break;
      case 'v':
        o.sort = 'version';
        break;
      case 'sort':
        o.sort = { none: 'none', size: 'size', time: 'time', extension: 'extension', version: 'version', name: 'name' }[v] ?? 'name';
        break;
      case 'c':
        o.time = 'ctime';
        o.timeGiven = true;
        break;
      case 'u':
        o.time = 'atime';
        o.timeGiven = true;
        break;
      case 'time':
        o.time = /^(atime|access|use)$/.test(v)
          ? 'atime'
          : /^(ctime|status)$/.test(v)
            ? 'ctime'
            : /^(birth|creation)$/.test(v)
              ? 'birthtime'
              : 'mtime';
        break;
      case 'h':
        o.human = 1024;
        break;
      case 'si':
        o.human = 1000;
        break;
      case 'i':
        o.inode = true;
        break;
      case 's':
        o.blocks = true;
        break;
      case 'L':
        o.deref = true;
        break;
      case 'H':
        o.derefArgs = true;
        break;
      case 'group-directories-first':
        o.groupDirs = true;
        break;
      case 'full-time':
        o.format = 'long';
        o.fullTime = true;
        break;
      case 'w':
        o.width = Number(v) || 0;
        break;
      case 'T':
        o.tabsize = Number(v) || 0;
        break;
    }
  }
  // -c and -u sort by their time, but for -l (which shows it)
  if (o.timeGiven && o.format !== 'long' && o.sort === 'name') o.sort = 'time';
  // whether GNU's ls would stat each entry (else it knows only names and types)
  const needStat = o.format === 'long' || o.sort === 'size' || o.sort === 'time' || !!o.classify || o.blocks || o.inode;
  const ctx = { o, status: 0, printed: false, now: Date.now(), needStat };
  const files = [];
  const dirs = [];
  // a symbolic link named on the command line is followed to a directory, unless -d, -F or -l
  // show the link itself (-L and -H follow any)
  const followArgs = o.deref || o.derefArgs ? 'any' : o.dirs || o.classify === 'classify' || o.format === 'long' ? 'none' : 'dirs';
  for (const name of operands.length ? operands : ['.']) {
    let st;
    try {
      st = fs.lstatSync(name);
      if (st.isSymbolicLink() && (followArgs !== 'none' || name.endsWith('/'))) {
        try {
          const target = fs.statSync(name);
          if (followArgs === 'any' || target.isDirectory()) st = target;
        } catch (err) {
          // a dangling link is listed as itself, but for -L
          if (o.deref) throw err;
        }
      }
    } catch (err) {
      say(`cannot access ${quote(name)}: ${strerror(err)}`);
      ctx.status = 2;
      continue;
    }
    const entry = { name, path: name, st };
    if (st.isDirectory() && !o.dirs) dirs.push(entry);
    else files.push(entry);
  }
  if (files.length) {
    // (its columns as wide as the directories named with them need, as GNU's)
    listEntries(ctx, sortEntries(files, o), false, dirs);
    ctx.printed = true;
  }
  const headers = operands.length > 1 || o.recursive;
  const queue = sortEntries(dirs, o);
  for (const dir of queue) listDirectory(ctx, dir, headers, true);
  return ctx.status;
}

function listDirectory(ctx, dir, headers, top) {
  const { o } = ctx;
  let names;
  try {
    names = fs.readdirSync(dir.path);
  } catch (err) {
    say(`cannot open directory ${quote(dir.path)}: ${strerror(err)}`);
    ctx.status = top ? 2 : 1;
    return;
  }
  if (headers) {
    out(Buffer.from(`${ctx.printed ? '\n' : ''}${dir.path}:\n`, 'utf8'));
  }
  ctx.printed = true;
  if (o.all) names.unshift('.', '..');
  const entries = [];
  for (const name of names) {
    if (name.startsWith('.') && !o.all && !(o.almost && name !== '.' && name !== '..')) continue;
    // (named as GNU's ls names it: no './' in front)
    const p = dir.path === '.' ? name : dir.path.endsWith('/') ? dir.path + name : `${dir.path}/${name}`;
    let st;
    let unknown = false;
    try {
      st = o.deref ? fs.statSync(p) : fs.lstatSync(p);
    } catch (err) {
      try {
        st = fs.lstatSync(p);
      } catch {
        continue;
      }
      // -L of a dangling link: said when the listing needs what it would tell, and listed
      if (ctx.needStat) {
        say(`cannot access ${quote(p)}: ${strerror(err)}`);
        ctx.status = 1;
        unknown = true;
      }
    }
    entries.push({ name, path: p, st, unknown });
  }
  const sorted = sortEntries(entries, o);
  listEntries(ctx, sorted, true);
  if (o.recursive) {
    for (const e of sorted) {
      // (named with the directory, './' included, as GNU's headers are)
      const sub = { ...e, path: dir.path.endsWith('/') ? dir.path + e.name : `${dir.path}/${e.name}` };
      if (e.st.isDirectory() && e.name !== '.' && e.name !== '..') listDirectory(ctx, sub, true, false);
    }
  }
}

function sortEntries(entries, o) {
  const byName = (a, b) => byteOrder(a.name, b.name);
  let cmp;
  if (o.sort === 'none') cmp = null;
  // (what a failed stat leaves unknown sorts as 0, as GNU's zeroed stat)
  else if (o.sort === 'time') cmp = (a, b) => (b.unknown ? 0 : timeOf(b.st, o)) - (a.unknown ? 0 : timeOf(a.st, o)) || byName(a, b);
  else if (o.sort === 'size') cmp = (a, b) => (b.unknown ? 0 : b.st.size) - (a.unknown ? 0 : a.st.size) || byName(a, b);
  else if (o.sort === 'extension') {
    const ext = (n) => {
      const i = n.lastIndexOf('.');
      return i >= 0 ? n.slice(i) : '';
    };
    cmp = (a, b) => byteOrder(ext(a.name), ext(b.name)) || byName(a, b);
  } else if (o.sort === 'version') cmp = (a, b) => versionCompare(a.name, b.name);
  else cmp = byName;
  let sorted = cmp ? entries.slice().sort(cmp) : entries.slice();
  if (o.reverse && cmp) sorted.reverse();
  if (o.groupDirs) sorted = [...sorted.filter((e) => e.st.isDirectory()), ...sorted.filter((e) => !e.st.isDirectory())];
  return sorted;
}

// GNU's filevercmp, roughly: digit runs compare as numbers.
function versionCompare(a, b) {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d) return d;
    } else {
      const d = byteOrder(x, y);
      if (d) return d;
    }
  }
  return pa.length - pb.length || byteOrder(a, b);
}

function timeOf(st, o) {
  return st[`${o.time}Ms`] ?? st.mtimeMs;
}

function typeChar(st) {
  if (st.isDirectory()) return 'd';
  if (st.isSymbolicLink()) return 'l';
  if (st.isFIFO()) return 'p';
  if (st.isSocket()) return 's';
  if (st.isCharacterDevice()) return 'c';
  if (st.isBlockDevice()) return 'b';
  return '-';
}

function modeString(st) {
  const m = st.mode;
  const rwx = (r, w, x, special, s) =>
    (m & r ? 'r' : '-') + (m & w ? 'w' : '-') + (m & special ? (m & x ? s : s.toUpperCase()) : m & x ? 'x' : '-');
  return typeChar(st) + rwx(0o400, 0o200, 0o100, 0o4000, 's') + rwx(0o40, 0o20, 0o10, 0o2000, 's') + rwx(0o4, 0o2, 0o1, 0o1000, 't');
}

function indicator(st, style) {
  if (!style) return '';
  if (st.isDirectory()) return '/';
  if (style === 'slash') return '';
  if (st.isSymbolicLink()) return '@';
  if (st.isFIFO()) return '|';
  if (st.isSocket()) return '=';
  if (style === 'classify' && st.isFile() && st.mode & 0o111) return '*';
  return '';
}

// -h's sizes: 1023, 1.0K, 9.9K, 10K (rounded up, as GNU's human_ceiling).
function humanSize(n, base) {
  if (n < base) return String(n);
  const units = 'KMGTPEZY';
  let u = -1;
  let v = n;
  do {
    v /= base;
    u++;
  } while (v >= base && u < units.length - 1);
  let text;
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    text = r >= 10 ? String(Math.ceil(r)) : r.toFixed(1);
  } else text = String(Math.ceil(v));
  if (Number(text) >= base && u < units.length - 1) {
    u++;
    text = '1.0';
  }
  return text + (base === 1000 && units[u] === 'K' ? 'k' : units[u]);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function longTime(entry, which, ctx) {
  const ms = timeOf(entry.st, ctx.o);
  const d = new Date(ms);
  const p2 = (n) => String(n).padStart(2, '0');
  if (ctx.o.fullTime) {
    // the nanoseconds, from a BigInt stat
    let ns = BigInt(Math.floor(ms)) * 1000000n;
    try {
      const big = (ctx.o.deref ? fs.statSync : fs.lstatSync)(entry.path, { bigint: true });
      ns = big[`${which}Ns`] ?? big.mtimeNs;
    } catch {
      // the milliseconds will do
    }
    const frac = String(((ns % 1000000000n) + 1000000000n) % 1000000000n).padStart(9, '0');
    const off = -d.getTimezoneOffset();
    return (
      `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${frac} ` +
      `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`
    );
  }
  const recent = ms <= ctx.now && ctx.now - ms < (31556952 / 2) * 1000;
  const day = String(d.getDate()).padStart(2);
  return recent ? `${MONTHS[d.getMonth()]} ${day} ${p2(d.getHours())}:${p2(d.getMinutes())}` : `${MONTHS[d.getMonth()]} ${day}  ${d.getFullYear()}`;
}

function userName(uid, numeric) {
  if (numeric) return String(uid);
  return lookupName('/etc/passwd', uid) ?? (uid === 0 ? 'root' : String(uid));
}
function groupName(gid, numeric) {
  if (numeric) return String(gid);
  return lookupName('/etc/group', gid) ?? (gid === 0 ? 'root' : String(gid));
}
function lookupName(file, id) {
  try {
    for (const line of fs.readFileSync(file, 'latin1').split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && Number(f[2]) === id && f[2] !== '') return f[0];
    }
  } catch {
    // no such file in the sandbox: the built-in names
  }
  return undefined;
}
function lookupId(file, name) {
  try {
    for (const line of fs.readFileSync(file, 'latin1').split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && f[0] === name) return Number(f[2]);
    }
  } catch {
    // as lookupName
  }
  return name === 'root' ? 0 : undefined;
}

const blocksOf = (st) => Math.ceil(((st.blocks ?? Math.ceil(st.size / 512)) * 512) / 1024);

// The entries of a listing, in columns as wide as they and `others` need.
function listEntries(ctx, entries, isDir, others = []) {
  const { o } = ctx;
  const names = entries.map((e) => Buffer.from(e.name, 'utf8').toString('latin1') + indicator(e.st, o.classify));
  const prefix = entries.map(() => '');
  const all = [...entries, ...others];
  if (o.inode || o.blocks) {
    const inodes = entries.map((e) => String(e.st.ino));
    const blocks = entries.map((e) => (o.human ? humanSize(blocksOf(e.st) * 1024, o.human) : String(blocksOf(e.st))));
    const iw = Math.max(0, ...all.map((e) => String(e.st.ino).length));
    const bw = Math.max(0, ...all.map((e) => (o.human ? humanSize(blocksOf(e.st) * 1024, o.human) : String(blocksOf(e.st))).length));
    entries.forEach((e, i) => {
      if (o.inode) prefix[i] += `${o.format === 'commas' ? inodes[i] : inodes[i].padStart(iw)} `;
      if (o.blocks) prefix[i] += `${o.format === 'commas' ? blocks[i] : blocks[i].padStart(bw)} `;
    });
  }
  if ((o.format === 'long' || o.blocks) && isDir) {
    const total = entries.reduce((n, e) => n + blocksOf(e.st), 0);
    out(`total ${o.human ? humanSize(total * 1024, o.human) : total}\n`);
  }
  if (o.format === 'long') {
    const rows = all.map((e) => {
      const st = e.st;
      let target = '';
      if (st.isSymbolicLink()) {
        try {
          target = ' -> ' + Buffer.from(fs.readlinkSync(e.path), 'utf8').toString('latin1');
          if (o.classify && o.classify !== 'slash') {
            try {
              target += indicator(fs.statSync(e.path), o.classify);
            } catch {
              // a dangling link's target has no type
            }
          }
        } catch {
          // an unreadable link: no target shown
        }
      }
      const size =
        st.isCharacterDevice() || st.isBlockDevice()
          ? `${(st.rdev >> 8) & 0xfff}, ${st.rdev & 0xff}`
          : o.human
            ? humanSize(st.size, o.human)
            : String(st.size);
      // what a failed stat (-L of a dangling link) leaves unknown
      if (e.unknown) {
        return { mode: `${typeChar(st)}?????????`, nlink: '?', user: '?', group: '?', size: '?', time: '?', name: Buffer.from(e.name, 'utf8').toString('latin1') };
      }
      return {
        mode: modeString(st),
        nlink: String(st.nlink),
        user: userName(st.uid, o.numeric),
        group: groupName(st.gid, o.numeric),
        size,
        time: longTime(e, o.time, ctx),
        name: Buffer.from(e.name, 'utf8').toString('latin1') + (st.isSymbolicLink() ? target : indicator(st, o.classify)),
      };
    });
    const w = (k) => Math.max(0, ...rows.map((r) => r[k].length));
    const [wl, wu, wg, ws, wt] = [w('nlink'), w('user'), w('group'), w('size'), w('time')];
    rows.slice(0, entries.length).forEach((r, i) => {
      let line = `${prefix[i]}${r.mode} ${r.nlink.padStart(wl)} `;
      if (o.owner) line += `${r.user.padEnd(wu)} `;
      if (o.group) line += `${r.group.padEnd(wg)} `;
      line += `${r.size.padStart(ws)} ${r.time.padStart(wt)} ${r.name}\n`;
      out(line);
    });
    return;
  }
  const items = names.map((n, i) => prefix[i] + n);
  if (o.format === 'lines' || !items.length) {
    for (const item of items) out(`${item}\n`);
    return;
  }
  if (o.format === 'commas') {
    let pos = 0;
    let s = '';
    items.forEach((item, i) => {
      if (i) {
        if (!o.width || pos + item.length + 2 < o.width) {
          s += ', ';
          pos += 2;
        } else {
          s += ',\n';
          pos = 0;
        }
      }
      s += item;
      pos += item.length;
    });
    out(`${s}\n`);
    return;
  }
  columns(items, o.format === 'across', o.width, o.tabsize ?? 8);
}

// -C and -x: GNU's layout, the most columns that fit the width, padded with tabs (-T, 8).
function columns(items, across, width, tabsize) {
  const n = items.length;
  const maxCols = width ? Math.max(1, Math.min(n, Math.floor(width / 3))) : n;
  let best = { cols: 1, widths: [Math.max(...items.map((s) => s.length))] };
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array(cols).fill(0);
    items.forEach((s, i) => {
      const c = across ? i % cols : Math.floor(i / rows);
      widths[c] = Math.max(widths[c], s.length + (c === cols - 1 ? 0 : 2));
    });
    // (a layout that leaves its last columns empty is not one)
    if (!across && Math.ceil(n / rows) !== cols) continue;
    const total = widths.reduce((a, b) => a + b, 0);
    if (!width || total < width) {
      best = { cols, widths };
      break;
    }
  }
  const { cols, widths } = best;
  const rows = Math.ceil(n / cols);
  let s = '';
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    for (let c = 0; c < cols; c++) {
      const i = across ? r * cols + c : c * rows + r;
      if (i >= n) break;
      const next = across ? r * cols + c + 1 : (c + 1) * rows + r;
      s += items[i];
      if (next >= n || c === cols - 1) break;
      let from = pos + items[i].length;
      const to = pos + widths[c];
      while (from < to) {
        if (tabsize && Math.floor(to / tabsize) > Math.floor((from + 1) / tabsize)) {
          s += '\t';
          from += tabsize - (from % tabsize);
        } else {
          s += ' ';
          from++;
        }
      }
      pos = to;
    }
    s += '\n';
  }
  out(s);
}

// sleep

function sleep(args) {
  const { operands } = options('sleep', args, '', {});
  // (`sleep --` sleeps no time, as GNU's)
  if (!args.length) throw usageError('missing operand');
  let seconds = 0;
  let ok = true;
  for (const a of operands) {
    const m =
      /^[ \t\n\v\f\r]*(\+?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|inf(?:inity)?))([smhd]?)$/i.exec(
        a,
      );
    if (!m) {
      say(`invalid time interval ${quote(a)}`);
      ok = false;
      continue;
    }
    let n = /^\+?0x/i.test(m[1]) ? parseHexFloat(m[1]) : /inf/i.test(m[1]) ? Infinity : Number(m[1]);
    n *= { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
    seconds += n;
  }
  if (!ok) throw usageError('');
  return new Promise((resolve) => {
    let left = seconds * 1000;
    const wait = () => {
      if (left <= 0) return resolve(0);
      const step = Math.min(left, 0x7fffffff);
      left -= step;
      setTimeout(wait, step);
    };
    wait();
  });
}

function parseHexFloat(text) {
  const m = /^\+?0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/i.exec(text);
  let v = parseInt(m[1] || '0', 16);
  for (let i = 0; i < m[2].length; i++) v += parseInt(m[2][i], 16) / 16 ** (i + 1);
  return v * 2 ** Number(m[3] ?? 0);
}

// id

function id(args) {
  const { opts, operands } = options('id', args, 'agnruzGZ', {
    context: 'Z',
    group: 'g',
    groups: 'G',
    name: 'n',
    real: 'r',
    user: 'u',
    zero: 'z',
  });
  const f = {};
  for (const [k] of opts) f[k] = true;
  if (f.Z) {
    say('--context (-Z) works only on an SELinux-enabled kernel');
    return 1;
  }
  if ((f.u ? 1 : 0) + (f.g ? 1 : 0) + (f.G ? 1 : 0) > 1) {
    say('cannot print "only" of more than one choice');
    return 1;
  }
  const defaultFormat = !f.u && !f.g && !f.G;
  if (defaultFormat && (f.r || f.n)) {
    say('cannot print only names or real IDs in default format');
    return 1;
  }
  if (defaultFormat && f.z) {
    say('option --zero not permitted in default format');
    return 1;
  }
  const users = [];
  let status = 0;
  for (const name of operands) {
    const uid =
      /^\+?\d+$/.test(name) && userName(Number(name), false) !== String(Number(name)) ? Number(name) : lookupId('/etc/passwd', name);
    if (uid === undefined) {
      say(`${quote(name)}: no such user`);
      status = 1;
      continue;
    }
    users.push({ uid, gid: uid === 0 ? 0 : uid, groups: [uid === 0 ? 0 : uid] });
  }
  if (!operands.length) {
    const gid = process.getgid();
    users.push({ uid: process.getuid(), gid, groups: [gid, ...process.getgroups().filter((g) => g !== gid)] });
  }
  const end = f.z ? '\0' : '\n';
  for (const u of users) {
    const named = (n, name) => {
      if (!f.n) return String(n);
      if (name === String(n)) {
        say(`cannot find name for ${f.g || f.G ? 'group' : 'user'} ID ${n}`);
        status = 1;
      }
      return name;
    };
    if (f.u) out(`${named(u.uid, userName(u.uid))}${end}`);
    else if (f.g) out(`${named(u.gid, groupName(u.gid))}${end}`);
    else if (f.G) out(`${u.groups.map((g) => named(g, groupName(g))).join(f.z ? '\0' : ' ')}${end}`);
    else {
      const withName = (n, name) => (name === String(n) ? `${n}` : `${n}(${name})`);
      out(
        `uid=${withName(u.uid, userName(u.uid))} gid=${withName(u.gid, groupName(u.gid))} groups=${u.groups
          .map((g) => withName(g, groupName(g)))
          .join(',')}\n`,
      );
    }
  }
  return status;
}

// true, false: arguments ignored, but for a lone --help or --version

function trueProgram(args) {
  if (args.length === 1 && args[0] === '--help') help('true');
  if (args.length === 1 && args[0] === '--version') version('true');
  return 0;
}
function falseProgram(args) {
  if (args.length === 1 && args[0] === '--help') help('false');
  if (args.length === 1 && args[0] === '--version') version('false');
  return 1;
}

// mkdir

// A chmod-style mode (octal, or symbolic as u+x,go-w) applied to `base`; undefined if invalid.
export function parseMode(text, base, umask = 0) {
  if (/^[0-7]+$/.test(text)) {
    const n = parseInt(text, 8);
    return n > 0o7777 ? undefined : n;
  }
  let mode = base;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    let who = 0;
    for (const c of m[1]) who |= { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 }[c];
    const masked = !m[1];
    if (!who) who = 0o7777;
    for (const op of m[2].match(/[-+=](?:[rwxXst]*|[ugo])/g)) {
      let bits = 0;
      const perms = op.slice(1);
      if (/^[ugo]$/.test(perms)) {
        const shift = { u: 6, g: 3, o: 0 }[perms];
        const v = (mode >> shift) & 7;
        bits = (v << 6) | (v << 3) | v;
      } else {
        for (const c of perms) {
          if (c === 'r') bits |= 0o444;
          else if (c === 'w') bits |= 0o222;
          else if (c === 'x') bits |= 0o111;
          else if (c === 'X') bits |= 0o111;
          else if (c === 's') bits |= 0o6000;
          else if (c === 't') bits |= 0o1000;
        }
      }
      bits &= who;
      if (masked) bits &= ~umask;
      if (op[0] === '+') mode |= bits;
      else if (op[0] === '-') mode &= ~bits;
      else mode = (mode & ~(who & (masked ? ~umask : 0o7777) & 0o7777)) | bits;
    }
  }
  return mode;
}

function mkdir(args) {
  const { opts, operands } = options('mkdir', args, 'pm:vZ', { 'mode=': 'm', parents: 'p', verbose: 'v', 'context?': 'Z' });
  let parents = false;
  let verbose = false;
  let modeText;
  for (const [k, v] of opts) {
    if (k === 'p') parents = true;
    else if (k === 'v') verbose = true;
    else if (k === 'm') modeText = v;
  }
  if (!operands.length) throw usageError('missing operand');
  const umask = process.umask();
  let mode;
  if (modeText !== undefined) {
    mode = parseMode(modeText, 0o777, umask);
    if (mode === undefined) {
      say(`invalid mode ${quote(modeText)}`);
      return 1;
    }
  }
  let status = 0;
  const created = (name) => verbose && out(Buffer.from(`${prog}: created directory ${quote(name)}\n`, 'utf8'));
  for (const name of operands) {
    try {
      if (parents) {
        // each missing ancestor, with u+wx so the next one can be made in it
        const parts = name.split('/');
        for (let i = 1; i < parts.length; i++) {
          const p = parts.slice(0, i).join('/');
          if (!p || parts[i - 1] === '' || parts[i - 1] === '.' || parts[i - 1] === '..') continue;
          try {
            fs.mkdirSync(p, 0o777 | 0o300);
            created(p);
          } catch (err) {
            if (err.code !== 'EEXIST') throw Object.assign(err, { at: p });
            if (!fs.statSync(p).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR', at: p });
          }
        }
        try {
          fs.mkdirSync(name, 0o777);
          created(name);
        } catch (err) {
          if (err.code !== 'EEXIST' || !fs.statSync(name).isDirectory()) throw err;
          continue;
        }
      } else {
        fs.mkdirSync(name, 0o777);
        created(name);
      }
      if (mode !== undefined) fs.chmodSync(name, mode);
    } catch (err) {
      say(`cannot create directory ${quote(err.at ?? name)}: ${strerror(err)}`);
      status = 1;
    }
  }
  return status;
}

// rm

async function rm(args) {
  const { opts, operands } = options('rm', args, 'dfirvIR', {
    force: 'f',
    'interactive?': 'interactive',
    recursive: 'r',
    dir: 'd',
    verbose: 'v',
    'preserve-root?': 'preserve-root',
    'no-preserve-root': 'no-preserve-root',
    'one-file-system': 'one-file-system',
    'presume-input-tty': 'presume-input-tty',
  });
  const o = { force: false, interactive: 'never', recursive: false, dir: false, verbose: false, preserveRoot: true };
  for (const [k, v] of opts) {
    if (k === 'f') {
      o.force = true;
      o.interactive = 'never';
    } else if (k === 'i') {
      o.interactive = 'always';
      o.force = false;
    } else if (k === 'I') {
      o.interactive = 'once';
      o.force = false;
    } else if (k === 'interactive') {
      if (v === undefined || v === 'always' || v === 'yes') o.interactive = 'always';
      else if (v === 'once') o.interactive = 'once';
      else if (v === 'never' || v === 'no' || v === 'none') o.interactive = 'never';
      else {
        say(
          `invalid argument ${quote(v)} for '--interactive'\nValid arguments are:\n  - 'never', 'no', 'none'\n  - 'once'\n  - 'always', 'yes'`,
        );
        throw usageError('');
      }
    } else if (k === 'r' || k === 'R') o.recursive = true;
    else if (k === 'd') o.dir = true;
    else if (k === 'v') o.verbose = true;
    else if (k === 'no-preserve-root') o.preserveRoot = false;
    else if (k === 'preserve-root') o.preserveRoot = true;
  }
  if (!operands.length) {
    if (o.force) return 0;
    throw usageError('missing operand');
  }
  if (o.interactive === 'once' && (o.recursive || operands.length > 3)) {
    const n = operands.length;
    const what = o.recursive ? `${n} argument${n === 1 ? '' : 's'} recursively` : `${n} arguments`;
    if (!(await ask(`remove ${what}? `))) return 0;
  }
  let status = 0;
  for (const name of operands) {
    const base = name.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      say(`refusing to remove '.' or '..' directory: skipping ${quote(name)}`);
      status = 1;
      continue;
    }
    if (o.recursive && o.preserveRoot && name.replace(/\/+/g, '/') === '/') {
      say(`it is dangerous to operate recursively on ${quote('/')}`);
      say('use --no-preserve-root to override this failsafe');
      status = 1;
      continue;
    }
    if (!(await remove(name, o))) status = 1;
  }
  return status;
}

// One line of stdin as a yes or no (rm -i).
async function ask(question) {
  flush();
  process.stderr.write(`${prog}: ${question}`);
  let line = '';
  for (;;) {
    const chunk = await readStdin();
    if (!chunk) break;
    line += chunk.toString('latin1');
    if (line.includes('\n')) break;
  }
  return /^[yY]/.test(line);
}

async function remove(name, o) {
  let st;
  try {
    st = fs.lstatSync(name);
  } catch (err) {
    if (o.force && err.code === 'ENOENT') return true;
    say(`cannot remove ${quote(name)}: ${strerror(err)}`);
    return false;
  }
  if (st.isDirectory()) {
    if (!o.recursive) {
      if (!o.dir) {
        say(`cannot remove ${quote(name)}: Is a directory`);
        return false;
      }
    } else {
      let names;
      try {
        names = fs.readdirSync(name);
      } catch (err) {
        say(`cannot remove ${quote(name)}: ${strerror(err)}`);
        return false;
      }
      if (o.interactive === 'always' && names.length && !(await ask(`descend into directory ${quote(name)}? `))) return true;
      let ok = true;
      for (const child of names) {
        if (!(await remove(name.endsWith('/') ? name + child : `${name}/${child}`, o))) ok = false;
      }
      if (!ok) return false;
    }
    if (o.interactive === 'always' && !(await ask(`remove directory ${quote(name)}? `))) return true;
    try {
      fs.rmdirSync(name);
    } catch (err) {
      say(`cannot remove ${quote(name)}: ${strerror(err)}`);
      return false;
    }
    if (o.verbose) out(Buffer.from(`removed directory ${quote(name)}\n`, 'utf8'));
    return true;
  }
  if (o.interactive === 'always') {
    const kind = st.isSymbolicLink() ? 'symbolic link' : st.isFile() ? (st.size ? 'regular file' : 'regular empty file') : 'file';
    if (!(await ask(`remove ${kind} ${quote(name)}? `))) return true;
  }
  try {
    fs.unlinkSync(name);
  } catch (err) {
    say(`cannot remove ${quote(name)}: ${strerror(err)}`);
    return false;
  }
  if (o.verbose) out(Buffer.from(`removed ${quote(name)}\n`, 'utf8'));
  return true;
}

// touch

function touch(args) {
  const { opts, operands } = options('touch', args, 'acd:fhmr:t:', {
    'time=': 'time',
    'no-create': 'c',
    'date=': 'd',
    'reference=': 'r',
    'no-dereference': 'h',
  });
  let which = 0;
  let create = true;
  let when;
  let reference;
  let follow = true;
  for (const [k, v] of opts) {
    if (k === 'a') which |= 1;
    else if (k === 'm') which |= 2;
    else if (k === 'c') create = false;
    else if (k === 'h') follow = false;
    else if (k === 'time') {
      if (/^(atime|access|use)$/.test(v)) which |= 1;
      else if (/^(mtime|modify)$/.test(v)) which |= 2;
      else {
        say(`invalid argument ${quote(v)} for '--time'\nValid arguments are:\n  - 'atime', 'access', 'use'\n  - 'mtime', 'modify'`);
        throw usageError('');
      }
    } else if (k === 'd' || k === 't') {
      const ms = k === 'd' ? parseDate(v) : parseStamp(v);
      if (ms === undefined) {
        say(`invalid date format ${quote(v)}`);
        return 1;
      }
      when = [ms, ms];
    } else if (k === 'r') reference = v;
  }
  if (!which) which = 3;
  if (!operands.length) throw usageError('missing file operand');
  if (reference !== undefined) {
    try {
      const st = fs.statSync(reference);
      when = [st.atimeMs, st.mtimeMs];
    } catch (err) {
      say(`failed to get attributes of ${quote(reference)}: ${strerror(err)}`);
      return 1;
    }
  }
  let status = 0;
  for (const name of operands) {
    if (name === '-') continue;
    let st;
    try {
      st = follow ? fs.statSync(name) : fs.lstatSync(name);
    } catch (err) {
      if (err.code !== 'ENOENT' || !create || !follow) {
        if (err.code === 'ENOENT' && (!create || !follow)) continue;
        say(`cannot touch ${quote(name)}: ${strerror(err)}`);
        status = 1;
        continue;
      }
      try {
        fs.closeSync(fs.openSync(name, 'a', 0o666));
      } catch (err2) {
        say(`cannot touch ${quote(name)}: ${strerror(err2)}`);
        status = 1;
        continue;
      }
      if (!when) continue;
      st = fs.statSync(name);
    }
    const now = Date.now();
    const [a, m] = when ?? [now, now];
    try {
      const at = new Date(which & 1 ? a : st.atimeMs);
      const mt = new Date(which & 2 ? m : st.mtimeMs);
      if (follow) fs.utimesSync(name, at, mt);
      else fs.lutimesSync(name, at, mt);
    } catch (err) {
      say(`setting times of ${quote(name)}: ${strerror(err)}`);
      status = 1;
    }
  }
  return status;
}

// touch -d: '@seconds', 'now', 'yesterday'/'tomorrow', what Date.parse reads (ISO 8601 and
// RFC 2822 forms). In milliseconds, undefined if unreadable.
// uname

function uname(args) {
  const { opts, operands } = options('uname', args, 'asnrvmpio', {
    all: 'a',
    'kernel-name': 's',
    sysname: 's',
    nodename: 'n',
    'kernel-release': 'r',
    release: 'r',
    'kernel-version': 'v',
    machine: 'm',
    processor: 'p',
    'hardware-platform': 'i',
    'operating-system': 'o',
  });
  if (operands.length) throw usageError(`extra operand ${quote(operands[0])}`);
  const want = new Set(opts.map(([k]) => k));
  const all = want.has('a');
  if (!want.size) want.add('s');
  const fields = [
    ['s', os.type()],
    ['n', os.hostname()],
    ['r', os.release()],
    ['v', os.version()],
    ['m', os.machine()],
    ['p', 'unknown'],
    ['i', 'unknown'],
    ['o', 'GNU/Linux'],
  ];
  const values = [];
  for (const [k, v] of fields) {
    // -a leaves out what is unknown
    if (all ? !(v === 'unknown' && (k === 'p' || k === 'i')) : want.has(k)) values.push(v);
    else if (all && want.has(k)) values.push(v);
  }
  out(Buffer.from(`${values.join(' ')}\n`, 'utf8'));
  return 0;
}

// basename, dirname

function basename(args) {
  const { opts, operands } = options('basename', args, 'as:z', { multiple: 'a', 'suffix=': 's', zero: 'z' }, 1, { stop: true });
  let multiple = false;
  let suffix = '';
  let end = '\n';
  for (const [k, v] of opts) {
    if (k === 'a') multiple = true;
    else if (k === 's') {
      multiple = true;
      suffix = v;
    } else if (k === 'z') end = '\0';
  }
  if (!operands.length) throw usageError('missing operand');
  let names = operands;
  if (!multiple) {
    if (operands.length > 2) throw usageError(`extra operand ${quote(operands[2])}`);
    suffix = operands[1] ?? '';
    names = [operands[0]];
  }
  for (const name of names) {
    let base = name.replace(/\/+$/, '');
    if (base === '' && name !== '') base = '/';
    else base = base.slice(base.lastIndexOf('/') + 1);
    if (suffix && base !== suffix && base.endsWith(suffix) && base !== '/') base = base.slice(0, -suffix.length);
    out(Buffer.from(base + end, 'utf8'));
  }
  return 0;
}

function dirname(args) {
  const { opts, operands } = options('dirname', args, 'z', { zero: 'z' });
  const end = opts.length ? '\0' : '\n';
  if (!operands.length) throw usageError('missing operand');
  for (const name of operands) {
    let d = name.replace(/\/+$/, '');
    if (d === '' && name.startsWith('/')) d = '/';
    else {
      const slash = d.lastIndexOf('/');
      d = slash < 0 ? '.' : d.slice(0, slash).replace(/\/+$/, '') || '/';
    }
    out(Buffer.from(d + end, 'utf8'));
  }
  return 0;
}
