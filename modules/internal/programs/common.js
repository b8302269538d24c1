// What the sandbox's coreutils programs (programs/coreutils.js, text_tools.js, sed.js) share:
// GNU's command-line parsing and messages (getopt_long's words, quotearg's quoting in the C
// locale, strerror's texts), stdin read chunk by chunk, and stdout written in large pieces.
import fs from 'node:fs';
import { Buffer } from 'node:buffer';

// The name messages start with: GNU's tools use argv[0] as they were invoked ('cat', or
// '/usr/bin/cat'), which process.argv0 is in a program's child.
export let prog = '';
export function setProgram(name) {
  prog = process.argv0 || name;
}

// (stdout first, as GNU's error() flushes it: the two keep their order where they meet)
export function say(text) {
  flush();
  process.stderr.write(`${prog}: ${text}\n`);
}

// A bad command line: `text` (if any), then GNU's pointer to --help, then `status`.
export class UsageError extends Error {
  constructor(text, status) {
    super(text);
    this.status = status;
  }
}

export function usageFail(err, status, helpName = prog) {
  if (err.message) say(err.message);
  process.stderr.write(`Try '${helpName} --help' for more information.\n`);
  process.exitCode = err.status ?? status;
}

// Ends a run with `status` (GNU's exit()), output written so far still flushed: a thrown
// Exit unwinds the program and run() sets process.exitCode.
export class Exit {
  constructor(status) {
    this.status = status;
  }
}

const STRERROR = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  EBADF: 'Bad file descriptor',
  EXDEV: 'Invalid cross-device link',
  EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long',
  EBUSY: 'Device or resource busy',
  EIO: 'Input/output error',
  ENOSYS: 'Function not implemented',
  ENOTSUP: 'Operation not supported',
  EPIPE: 'Broken pipe',
  EFBIG: 'File too large',
  ETXTBSY: 'Text file busy',
};

export function strerror(err) {
  if (err && STRERROR[err.code]) return STRERROR[err.code];
  return String(err && err.message ? err.message : err);
}

// quotearg's shell-escape quoting in the C locale: `always` as quote() (ls, rm, mkdir...),
// else only when the shell would need it, ':' included (quotef, for "cat: NAME: ...").
const SAFE = /^[A-Za-z0-9%+,\-./@\]_{}~#:]$/;
const SHELL_SPECIAL = /[\s!"$&'()*;<=>?[\\^`|]/;
export function quote(name, always = true) {
  const bytes = Buffer.from(String(name), 'utf8');
  const text = bytes.toString('latin1');
  if (text === '') return "''";
  let printable = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x20 || bytes[i] >= 0x7f) printable = false;
  const needs = always || !printable || SHELL_SPECIAL.test(text) || text.includes(':') || text[0] === '#' || text[0] === '~';
  if (!needs) return text;
  if (printable && text.includes("'") && [...text].every((c) => c === "'" || c === ' ' || SAFE.test(c))) return `"${text}"`;
  let outText = "'";
  let dollar = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 || b >= 0x7f) {
      if (!dollar) outText += "'$'";
      dollar = true;
      const esc = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' }[b];
      outText += esc ? `\\${esc}` : `\\${b.toString(8).padStart(3, '0')}`;
      continue;
    }
    if (dollar) outText += "''";
    dollar = false;
    outText += b === 0x27 ? "'\\''" : String.fromCharCode(b);
  }
  return outText + "'";
}
export function quotef(name) {
  return quote(name, false);
}

// GNU getopt_long, permuting (operands and options in any order, up to `--`) unless `stop`
// (env's '+') or POSIXLY_CORRECT. `shorts` as getopt's optstring ('n:' takes an argument,
// 'x::' an attached optional one); `longs` maps a long name ('lines=' takes an argument,
// 'color?' an optional '=value', else none) to the key reported (a short letter or a name).
// With `numbers`, digits make an option '#' (grep -3), given to onNumber as soon as read.
// Returns { opts: [[key, value]...], operands }; throws UsageError with getopt's words.
export function getopt(args, shorts, longs = {}, { stop = false, numbers = false, onNumber } = {}) {
  const permute = !stop && process.env.POSIXLY_CORRECT === undefined;
  const longNames = Object.keys(longs).map((spec) => {
    const m = /^(.*?)([=?]?)$/.exec(spec);
    return { name: m[1], arg: m[2] === '=' ? 1 : m[2] === '?' ? 2 : 0, key: longs[spec] };
  });
  const opts = [];
  const operands = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      let matches = longNames.filter((l) => l.name === name);
      if (!matches.length) matches = longNames.filter((l) => l.name.startsWith(name));
      // abbreviations that all mean the same option are not ambiguous
      if (matches.length > 1 && matches.every((l) => l.key === matches[0].key && l.arg === matches[0].arg)) matches = [matches[0]];
      if (!matches.length) throw new UsageError(`unrecognized option '${arg}'`);
      if (matches.length > 1) {
        throw new UsageError(
          `option '${arg.slice(0, eq < 0 ? arg.length : eq)}' is ambiguous; possibilities:${matches.map((l) => ` '--${l.name}'`).join('')}`,
        );
      }
      const l = matches[0];
      if (l.arg === 0 && eq >= 0) throw new UsageError(`option '--${l.name}' doesn't allow an argument`);
      if (l.arg === 1 && eq < 0) {
        if (i + 1 >= args.length) throw new UsageError(`option '--${l.name}' requires an argument`);
        opts.push([l.key, args[++i]]);
      } else {
        opts.push([l.key, eq < 0 ? undefined : arg.slice(eq + 1)]);
      }
      continue;
    }
    if (arg.length < 2 || arg[0] !== '-') {
      if (!permute) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      // head -5, grep -3: the digits of one argument make one number option
      if (numbers && c >= '0' && c <= '9') {
        let k = j;
        while (k < arg.length && arg[k] >= '0' && arg[k] <= '9') k++;
        onNumber?.(arg.slice(j, k));
        opts.push(['#', arg.slice(j, k)]);
        j = k - 1;
        continue;
      }
      const at = c === ':' ? -1 : shorts.indexOf(c);
      if (at < 0) throw new UsageError(`invalid option -- '${c}'`);
      if (shorts[at + 1] === ':' && shorts[at + 2] === ':') {
        opts.push([c, j + 1 < arg.length ? arg.slice(j + 1) : undefined]);
        break;
      }
      if (shorts[at + 1] === ':') {
        if (j + 1 < arg.length) opts.push([c, arg.slice(j + 1)]);
        else if (i + 1 < args.length) opts.push([c, args[++i]]);
        else throw new UsageError(`option requires an argument -- '${c}'`);
        break;
      }
      opts.push([c, undefined]);
    }
  }
  return { opts, operands };
}

// The --version text of a GNU program.
export function versionText(first, authors) {
  return (
    `${first}\nCopyright (C) 2022 Free Software Foundation, Inc.\n` +
    'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
    'This is free software: you are free to change and redistribute it.\n' +
    'There is NO WARRANTY, to the extent permitted by law.\n\n' +
    `${authors}\n`
  );
}

// The coreutils' --help (its first lines) and --version

const AUTHORS = {
  cat: 'Written by Torbjorn Granlund and Richard M. Stallman.',
  echo: 'Written by Brian Fox and Chet Ramey.',
  env: 'Written by Richard Mlynarik, David MacKenzie, and Assaf Gordon.',
  pwd: 'Written by Jim Meyering.',
  ls: 'Written by Richard M. Stallman and David MacKenzie.',
  sleep: 'Written by Jim Meyering and Paul Eggert.',
  id: 'Written by Arnold Robbins and David MacKenzie.',
  wc: 'Written by Paul Rubin and David MacKenzie.',
  head: 'Written by David MacKenzie and Jim Meyering.',
  tail: 'Written by Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering.',
  true: 'Written by Jim Meyering.',
  false: 'Written by Jim Meyering.',
  mkdir: 'Written by David MacKenzie.',
  rm: 'Written by Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering.',
  touch: 'Written by Paul Rubin, Arnold Robbins, Jim Kingdon,\nDavid MacKenzie, and Randy Smith.',
  uname: 'Written by David MacKenzie.',
  basename: 'Written by David MacKenzie.',
  dirname: 'Written by David MacKenzie and Jim Meyering.',
  date: 'Written by David MacKenzie.',
};

// The first lines of each program's --help (GNU's full texts are left out).
const USAGE = {
  cat: ['[OPTION]... [FILE]...', 'Concatenate FILE(s) to standard output.'],
  echo: ['[SHORT-OPTION]... [STRING]...\n  or:  %s LONG-OPTION', 'Echo the STRING(s) to standard output.'],
  env: ['[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]', 'Set each NAME to VALUE in the environment and run COMMAND.'],
  pwd: ['[OPTION]...', 'Print the full filename of the current working directory.'],
  ls: ['[OPTION]... [FILE]...', 'List information about the FILEs (the current directory by default).'],
  sleep: ['NUMBER[SUFFIX]...\n  or:  %s OPTION', 'Pause for NUMBER seconds.'],
  id: [
    '[OPTION]... [USER]...',
    'Print user and group information for each specified USER,\nor (when USER omitted) for the current process.',
  ],
  wc: [
    '[OPTION]... [FILE]...\n  or:  %s [OPTION]... --files0-from=F',
    'Print newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified.',
  ],
  head: [
    '[OPTION]... [FILE]...',
    'Print the first 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.',
  ],
  tail: [
    '[OPTION]... [FILE]...',
    'Print the last 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.',
  ],
  true: ['[ignored command line arguments]\n  or:  %s OPTION', 'Exit with a status code indicating success.'],
  false: ['[ignored command line arguments]\n  or:  %s OPTION', 'Exit with a status code indicating failure.'],
  mkdir: ['[OPTION]... DIRECTORY...', 'Create the DIRECTORY(ies), if they do not already exist.'],
  rm: ['[OPTION]... [FILE]...', 'Remove (unlink) the FILE(s).'],
  touch: ['[OPTION]... FILE...', 'Update the access and modification times of each FILE to the current time.'],
  uname: ['[OPTION]...', 'Print certain system information.  With no OPTION, same as -s.'],
  basename: ['NAME [SUFFIX]\n  or:  %s OPTION... NAME...', 'Print NAME with any leading directory components removed.'],
  dirname: [
    '[OPTION] NAME...',
    "Output each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /'s, output '.'.",
  ],
  date: ['[OPTION]... [+FORMAT]\n  or:  %s [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]', 'Display date and time in the given FORMAT.\nWith -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.'],
};

export function help(name) {
  const [usage, text] = USAGE[name];
  out(`Usage: ${prog} ${usage.replace('%s', prog)}\n${text}\n`);
}
export function version(name) {
  out(versionText(`${name} (GNU coreutils) 9.1`, AUTHORS[name]));
}

// Parses a coreutils command line, GNU's way: --help and --version handled, a bad option reported with
// GNU's words and `status`.
export function options(name, args, shorts, longs, status = 1, extra) {
  try {
    const parsed = getopt(args, shorts, { help: 'help', version: 'version', ...longs }, extra);
    for (const [key] of parsed.opts) {
      if (key === 'help') {
        help(name);
        throw new Exit(0);
      }
      if (key === 'version') {
        version(name);
        throw new Exit(0);
      }
    }
    return parsed;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    usageFail(err, status);
    throw new Exit(status);
  }
}

export function usageError(text, status = 1) {
  usageFail(new UsageError(text), status);
  return new Exit(status);
}

// Standard output, gathered into large writes: a program writes many small pieces (a line, a
// count), and each process.stdout.write is a trip to the host. Strings are bytes (latin1).
const pending = [];
let pendingSize = 0;
let text = '';
let broken = false;
export function out(data) {
  if (broken) return;
  if (typeof data === 'string') {
    text += data;
    if (text.length >= 65536) flush();
    return;
  }
  if (!data.length) return;
  if (text) {
    pending.push(Buffer.from(text, 'latin1'));
    pendingSize += text.length;
    text = '';
  }
  pending.push(data);
  pendingSize += data.length;
  if (pendingSize >= 65536) flush();
}
export function flush() {
  if (text) {
    pending.push(Buffer.from(text, 'latin1'));
    pendingSize += text.length;
    text = '';
  }
  if (!pending.length) return;
  const b = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingSize);
  pending.length = 0;
  pendingSize = 0;
  if (!broken) process.stdout.write(b);
}
// Whether the reader of stdout is behind (time to drain()).
export function behind() {
  return !broken && process.stdout.writableNeedDrain;
}
// Flushes and waits while the reader is behind, so a long output (cat of a large file) does
// not sit whole in memory.
export async function drain() {
  flush();
  if (!broken && process.stdout.writableNeedDrain) {
    await new Promise((resolve) => {
      const done = () => {
        process.stdout.off('drain', done);
        process.stdout.off('close', done);
        resolve();
      };
      process.stdout.on('drain', done);
      process.stdout.on('close', done);
    });
  }
}

// A write to a pipe nobody reads: as GNU's tools, killed by SIGPIPE.
export function watchStdout() {
  process.stdout.on('error', (err) => {
    broken = true;
    if (err && err.code === 'EPIPE') process.kill(process.pid, 'SIGPIPE');
    else {
      say(`write error: ${strerror(err)}`);
      process.exitCode = 1;
    }
  });
}

// Standard input as chunks, read on demand: readStdin() is the next Buffer (or a promise of
// it), null at its end and at every later call (as a second `cat - -` finds).
const stdin = { started: false, queue: [], ended: false, error: null, wake: null, closed: false };
function startStdin() {
  stdin.started = true;
  const s = process.stdin;
  s.on('data', (chunk) => {
    stdin.queue.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
    if (stdin.queue.length > 16) s.pause();
    wakeStdin();
  });
  s.on('end', () => {
    stdin.ended = true;
    wakeStdin();
  });
  s.on('error', (err) => {
    stdin.error = err;
    stdin.ended = true;
    wakeStdin();
  });
}
function wakeStdin() {
  const w = stdin.wake;
  stdin.wake = null;
  if (w) w();
}
export function readStdin() {
  if (stdin.closed) return null;
  if (!stdin.started) startStdin();
  if (stdin.queue.length) {
    if (stdin.queue.length <= 16 && process.stdin.isPaused()) process.stdin.resume();
    return stdin.queue.shift();
  }
  if (stdin.error) {
    const err = stdin.error;
    stdin.error = null;
    throw err;
  }
  if (stdin.ended) return null;
  return new Promise((resolve, reject) => {
    stdin.wake = () => {
      try {
        resolve(readStdin());
      } catch (err) {
        reject(err);
      }
    };
  });
}
// Done with stdin before its end (head, grep -q): let it go, so it holds the process no longer.
export function closeStdin() {
  if (stdin.started && !stdin.ended) process.stdin.destroy();
  stdin.closed = true;
}

// An input file (or '-', stdin) read chunk by chunk: open() throws the open error (ENOENT),
// next() a read error (EISDIR) or returns the next Buffer, null at the end.
export class Input {
  constructor(name, { stdinName = '-' } = {}) {
    this.name = name;
    this.isStdin = name === stdinName;
    this.fd = -1;
    this.done = false;
  }
  open() {
    if (!this.isStdin) this.fd = fs.openSync(this.name, 'r');
    return this;
  }
  next() {
    if (this.done) return null;
    if (this.isStdin) return readStdin();
    const buf = Buffer.allocUnsafe(65536);
    const n = fs.readSync(this.fd, buf, 0, buf.length, null);
    if (n === 0) {
      this.close();
      return null;
    }
    return buf.subarray(0, n);
  }
  close() {
    this.done = true;
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

// A whole input as one Buffer (read errors thrown).
export async function readAll(input) {
  const chunks = [];
  for (let c = await input.next(); c; c = await input.next()) chunks.push(c);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

// GNU's xstrtoumax-style sizes: a count with an optional multiplier suffix (b 512, K/KiB 1024,
// KB 1000, M, G, ... as head and tail take them). undefined if invalid.
const POWERS = 'KMGTPEZYRQ';
export function parseSize(text) {
  const m = /^\s*\+?(\d+)([A-Za-z]*)$/.exec(text);
  if (!m) return undefined;
  let n = Number(m[1]);
  const suffix = m[2];
  if (!suffix) return n;
  if (suffix === 'b') return n * 512;
  const s = /^([KkMmGTPEZYRQ])(B|iB)?$/.exec(suffix);
  if (!s) return undefined;
  const power = POWERS.indexOf(s[1].toUpperCase()) + 1;
  const base = s[2] === 'B' ? 1000 : 1024;
  for (let i = 0; i < power; i++) n *= base;
  return n;
}
