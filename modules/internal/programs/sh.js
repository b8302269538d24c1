// The sandbox's /bin/sh (and dash, bash by name): runs what qjsw:internal/programs/sh_parse reads,
// as dash does: pipelines of commands whose stdio are joined by pipes, `&&`/`||`/`;` lists,
// subshells and groups, redirections to files, parameter and command substitution, globs. A
// command is a builtin of the shell's own or a program started with node:child_process in this
// child sandbox (node, or one of qjsw:internal/programs), so a pipeline's stages run as
// processes side by side. Messages are dash's ("sh: 1: x: not found", status 127), or bash's
// for bash.
import fs from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { importBuiltin } from 'qjsw:binding/module';
import { parseScript, ShellSyntaxError } from 'qjsw:internal/programs/sh_parse';
import { echoBytes } from 'qjsw:internal/programs/shell_echo';

class Exit {
  constructor(status) {
    this.status = status;
  }
}
// break, continue (levels: how many loops) and return (levels: the status)
class Jump {
  constructor(kind, levels) {
    this.kind = kind;
    this.levels = levels;
  }
}

// Where a command's stdin comes from and its stdout/stderr go: 'inherit' (the shell's own), a
// Readable (stdin) or a Writable (out), which the command must not end.
const INHERIT = 'inherit';

export async function sh(name, args) {
  const kind = name === 'bash' ? 'bash' : 'dash';
  let source;
  let params;
  let arg0 = process.argv0 || name;
  let i = 0;
  for (; i < args.length && /^[-+][eux]+$/.test(args[i]); i++);
  if (args[i] === '-c') {
    if (i + 1 >= args.length) {
      process.stderr.write(`${name}: 0: -c requires an argument\n`);
      process.exitCode = 2;
      return;
    }
    source = args[i + 1];
    arg0 = args[i + 2] ?? arg0;
    params = args.slice(i + 3);
  } else if (i < args.length) {
    arg0 = args[i];
    params = args.slice(i + 1);
    try {
      source = fs.readFileSync(arg0, 'utf8');
    } catch {
      process.stderr.write(`${name}: 0: cannot open ${arg0}: No such file\n`);
      process.exitCode = 2;
      return;
    }
  } else {
    source = fs.readFileSync(0, 'utf8');
    params = [];
  }
  const shell = new Shell(kind, arg0, params);
  process.exitCode = await shell.script(source);
}

class Shell {
  constructor(kind, arg0, params) {
    this.kind = kind;
    this.arg0 = arg0;
    this.params = params;
    this.status = 0;
    // the shell's variables: its environment, exported or not
    this.vars = { __proto__: null, ...process.env };
    this.exported = new Set(Object.keys(process.env));
    this.functions = { __proto__: null };
  }

  async script(source) {
    let tree;
    try {
      tree = parseScript(source);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.error(e.line, e.message);
      return 2;
    }
    try {
      return await this.list(tree, { stdin: INHERIT, stdout: INHERIT, stderr: INHERIT });
    } catch (e) {
      if (e instanceof Exit) return e.status;
      throw e;
    }
  }

  error(line, message) {
    const where = this.kind === 'bash' ? `${this.arg0}: line ${line}` : `${this.arg0}: ${line}`;
    process.stderr.write(`${where}: ${message}\n`);
  }

  async list(tree, io) {
    const background = [];
    for (const item of tree.list) {
      if (item.background) {
        background.push(this.andOr(item, io).catch(() => {}));
        this.status = 0;
      } else this.status = await this.andOr(item, io);
    }
    await Promise.all(background);
    return this.status;
  }

  async andOr(item, io) {
    let status = await this.pipeline(item.first, io);
    for (const { op, pipeline } of item.rest) {
      if ((op === '&&') === (status === 0)) status = await this.pipeline(pipeline, io);
      this.status = status;
    }
    return status;
  }

  // The stages run side by side, each one's stdout piped into the next one's stdin; the status
  // is the last one's.
  async pipeline(pipe, io) {
    const n = pipe.commands.length;
    if (n === 1) {
      const status = await this.command(pipe.commands[0], io);
      return pipe.negate ? Number(status === 0) : status;
    }
    const { PassThrough } = importBuiltin('node:stream');
    const pipes = [];
    for (let k = 0; k < n - 1; k++) pipes.push(new PassThrough());
    const runs = pipe.commands.map(async (command, k) => {
      const stageIo = { stdin: k === 0 ? io.stdin : pipes[k - 1], stdout: k === n - 1 ? io.stdout : pipes[k], stderr: io.stderr };
      // a stage's commands are a subshell's: its assignments and `cd` stay there
      const stage = this.subshell();
      let status;
      try {
        status = await stage.command(command, stageIo);
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        status = e.status;
      }
      if (k < n - 1) pipes[k].end();
      // what the stage did not read is dropped, as a closed pipe's is
      if (k > 0) pipes[k - 1].resume();
      return status;
    });
    const statuses = await Promise.all(runs);
    const status = statuses[n - 1];
    return pipe.negate ? Number(status === 0) : status;
  }

  subshell() {
    const copy = new Shell(this.kind, this.arg0, this.params);
    copy.vars = { __proto__: null, ...this.vars };
    copy.exported = new Set(this.exported);
    copy.functions = { __proto__: null, ...this.functions };
    copy.status = this.status;
    copy.cwd = this.cwd;
    return copy;
  }

  get cwd() {
    return this._cwd ?? process.cwd();
  }
  set cwd(dir) {
    this._cwd = dir;
  }

  async command(command, io) {
    this.line = command.line;
    if (command.define !== undefined) {
      this.functions[command.define] = command.body;
      return 0;
    }
    if (command.if || command.loop || command.for !== undefined || command.case) {
      const redirected = await this.redirect(command.redirs, io);
      if (typeof redirected === 'number') return redirected;
      try {
        return await this.compound(command, redirected.io);
      } finally {
        await redirected.close();
      }
    }
    if (command.subshell || command.group) {
      const redirected = await this.redirect(command.redirs, io);
      if (typeof redirected === 'number') return redirected;
      const body = command.subshell ?? command.group;
      try {
        if (!command.subshell) return await this.list(body, redirected.io);
        try {
          return await this.subshell().list(body, redirected.io);
        } catch (e) {
          if (e instanceof Exit) return e.status;
          throw e;
        }
      } finally {
        await redirected.close();
      }
    }
    const words = [];
    for (const word of command.words) words.push(...(await this.expand(word, true)));
    const assigns = [];
    for (const { name, value } of command.assigns) assigns.push([name, (await this.expand(value, false)).join('')]);
    if (words.length === 0) {
      for (const [name, value] of assigns) this.vars[name] = value;
      const redirected = await this.redirect(command.redirs, io);
      if (typeof redirected === 'number') return redirected;
      await redirected.close();
      return this.status;
    }
    const redirected = await this.redirect(command.redirs, io);
    if (typeof redirected === 'number') return redirected;
    try {
      const fn = this.functions[words[0]];
      if (fn) return await this.call(fn, words.slice(1), redirected.io);
      const builtin = BUILTINS[words[0]];
      if (builtin) return await builtin.call(this, words.slice(1), redirected.io, assigns);
      return await this.run(words, assigns, redirected.io);
    } finally {
      await redirected.close();
    }
  }

  async compound(command, io) {
    if (command.if) {
      for (const branch of command.if) {
        if ((await this.list(branch.cond, io)) === 0) return this.list(branch.then, io);
      }
      return command.otherwise ? this.list(command.otherwise, io) : 0;
    }
    if (command.case) {
      const subject = (await this.expand(command.case, false)).join('');
      for (const item of command.items) {
        for (const pattern of item.patterns) {
          const re = globRegExp(await this.expand(pattern, false, true));
          if (re.test(subject)) return item.body.list.length ? this.list(item.body, io) : 0;
        }
      }
      return 0;
    }
    let status = 0;
    const values = command.loop ? undefined : command.words ? [] : [...this.params];
    if (command.words) for (const word of command.words) values.push(...(await this.expand(word, true)));
    for (let k = 0; ; k++) {
      if (values) {
        if (k >= values.length) break;
        this.vars[command.for] = values[k];
      } else if (((await this.list(command.loop, io)) === 0) === command.until) break;
      try {
        status = await this.list(command.body, io);
      } catch (e) {
        if (!(e instanceof Jump) || e.kind === 'return') throw e;
        status = 0;
        if (e.levels > 1) throw new Jump(e.kind, e.levels - 1);
        if (e.kind === 'break') break;
      }
    }
    return status;
  }

  // A function's body run with `args` as its parameters.
  async call(body, args, io) {
    const saved = this.params;
    this.params = args;
    try {
      return await this.command(body, io);
    } catch (e) {
      if (e instanceof Jump && e.kind === 'return') return e.levels;
      throw e;
    } finally {
      this.params = saved;
    }
  }

  // ---- expansion ----

  // A word's fields: parameters and substitutions in it (split where unquoted, when `split`),
  // then globs matched against files.
  async expand(parts, split, asPattern = false) {
    // each field: its text and, for glob matching, the same with quoted characters escaped
    const fields = [];
    let text = null;
    let pattern = '';
    let globbed = false;
    const add = (s, quoted) => {
      text ??= '';
      text += s;
      pattern += quoted ? s.replace(/[*?[\]\\]/g, '\\$&') : s;
      if (!quoted && /[*?[]/.test(s)) globbed = true;
    };
    const end = () => {
      if (text !== null) fields.push({ text, pattern, globbed });
      text = null;
      pattern = '';
      globbed = false;
    };
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      if (part.lit !== undefined) {
        let s = part.lit;
        if (k === 0 && !part.q && split && s[0] === '~' && (s.length === 1 || s[1] === '/')) s = (this.vars.HOME ?? '') + s.slice(1);
        add(s, part.q);
        continue;
      }
      if (part.param === '@' && part.q) {
        // "$@": one field per parameter
        this.params.forEach((p, n) => {
          if (n > 0) end();
          add(p, true);
        });
        continue;
      }
      const value = part.param !== undefined ? await this.parameter(part) : (await this.capture(part.sub)).replace(/\n+$/, '');
      if (part.q || !split) {
        add(value, true);
        continue;
      }
      value.split(/[ \t\n]+/).forEach((field, n) => {
        if (n > 0) end();
        if (field !== '') add(field, false);
      });
    }
    end();
    if (asPattern) return fields.map((f) => f.pattern).join('');
    const out = [];
    for (const field of fields) {
      const matches = split && field.globbed ? glob(field.pattern, this.cwd) : [];
      if (matches.length) out.push(...matches);
      else out.push(field.text);
    }
    return out;
  }

  async parameter(part) {
    let value;
    const name = part.param;
    if (name === '?') value = String(this.status);
    else if (name === '$') value = String(process.pid);
    else if (name === '#') value = String(this.params.length);
    else if (name === '@' || name === '*') value = this.params.join(' ');
    else if (name === '0') value = this.arg0;
    else if (/^[1-9]$/.test(name)) value = this.params[Number(name) - 1];
    else if (name === '!' || name === '-') value = '';
    else value = this.vars[name];
    if (part.op) {
      const empty = value === undefined || (part.op[0] === ':' && value === '');
      const op = part.op.slice(-1);
      const word = async () => (await this.expand([{ lit: '', q: false }, ...lexWord(part.word)], false)).join('');
      if (op === '-' && empty) value = await word();
      else if (op === '=' && empty) value = this.vars[name] = await word();
      else if (op === '+') value = empty ? '' : await word();
      else if (op === '?' && empty) {
        this.error(this.line, `${name}: ${part.word || 'parameter not set'}`);
        throw new Exit(2);
      }
    }
    return value ?? '';
  }

  // $(...): the commands' output, run in a subshell.
  async capture(source) {
    const { PassThrough } = importBuiltin('node:stream');
    const out = new PassThrough();
    const chunks = [];
    out.on('data', (c) => chunks.push(c));
    const child = this.subshell();
    let status;
    try {
      status = await child.list(parseScript(source), { stdin: INHERIT, stdout: out, stderr: INHERIT });
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.error(this.line, e.message);
        status = 2;
      } else if (e instanceof Exit) status = e.status;
      else throw e;
    }
    this.status = status;
    return Buffer.concat(chunks).toString();
  }

  // ---- redirections ----

  // The command's io with its redirections applied, and what to close after it; or a status
  // when one fails (as dash: the command does not run).
  async redirect(redirs, io) {
    if (redirs.length === 0) return { io, close: async () => {} };
    io = { ...io };
    const opened = [];
    const close = () =>
      Promise.all(
        opened.map(
          (stream) =>
            new Promise((resolve) => {
              if (typeof stream.end !== 'function') {
                stream.destroy();
                resolve();
              } else stream.end(resolve);
            }),
        ),
      );
    for (const r of redirs) {
      const target = (await this.expand(r.target, false)).join('');
      const fd = r.fd ?? (r.op[0] === '<' ? 0 : 1);
      const slot = fd === 0 ? 'stdin' : fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined;
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          if (slot) io[slot] = fd === 0 ? new (importBuiltin('node:stream').Readable)({ read() { this.push(null); } }) : new (importBuiltin('node:stream').Writable)({ write: (c, e, cb) => cb() });
          continue;
        }
        if (!/^[012]$/.test(target)) {
          this.error(this.line, `${target}: Bad fd number`);
          await close();
          return 2;
        }
        const from = target === '0' ? 'stdin' : target === '1' ? 'stdout' : 'stderr';
        if (slot) io[slot] = io[from] === INHERIT ? inheritOf(from) : io[from];
        continue;
      }
      if (r.op === '&>') {
        const stream = await this.openFile(target, 'w');
        if (typeof stream === 'number') return (await close(), stream);
        opened.push(stream);
        io.stdout = io.stderr = stream;
        continue;
      }
      const flags = r.op === '<' ? 'r' : r.op === '>>' ? 'a' : r.op === '<>' ? 'r+' : 'w';
      const stream = await this.openFile(target, flags);
      if (typeof stream === 'number') return (await close(), stream);
      opened.push(stream);
      if (slot) io[slot] = stream;
    }
    return { io, close };
  }

  async openFile(target, flags) {
    const file = path.resolve(this.cwd, target);
    let fd;
    try {
      fd = fs.openSync(file, flags);
    } catch (e) {
      const why = e.code === 'ENOENT' ? (flags === 'r' ? 'No such file' : 'Directory nonexistent') : e.code === 'EISDIR' ? 'Is a directory' : 'Permission denied';
      this.error(this.line, `cannot ${flags === 'r' ? 'open' : 'create'} ${target}: ${why}`);
      return flags === 'r' ? 2 : 2;
    }
    return flags === 'r' ? fs.createReadStream(null, { fd }) : fs.createWriteStream(null, { fd });
  }

  // ---- running a program ----

  async run(words, assigns, io) {
    const env = { __proto__: null };
    for (const name of this.exported) if (this.vars[name] !== undefined) env[name] = this.vars[name];
    for (const [name, value] of assigns) env[name] = value;
    const stdio = [io.stdin === INHERIT ? 'inherit' : 'pipe', io.stdout === INHERIT ? 'inherit' : 'pipe', io.stderr === INHERIT ? 'inherit' : 'pipe'];
    const { spawn } = importBuiltin('node:child_process');
    return new Promise((resolve) => {
      let child;
      try {
        child = spawn(words[0], words.slice(1), { env, cwd: this.cwd, stdio, argv0: words[0] });
      } catch (e) {
        this.error(this.line, `${words[0]}: ${e.message}`);
        resolve(2);
        return;
      }
      child.on('error', (e) => {
        if (e.code === 'EAGAIN') {
          // no more processes (the sandbox's limit on live children)
          this.error(this.line, 'Cannot fork');
          resolve(2);
          return;
        }
        const denied = e.code === 'EACCES';
        if (this.kind === 'bash') this.error(this.line, `${words[0]}: ${denied ? 'Permission denied' : e.code === 'ENOENT' && words[0].includes('/') ? 'No such file or directory' : 'command not found'}`);
        else this.error(this.line, `${words[0]}: ${denied ? 'Permission denied' : 'not found'}`);
        resolve(denied ? 126 : 127);
      });
      if (child.stdin) {
        child.stdin.on('error', () => {});
        io.stdin.pipe(child.stdin);
      }
      if (child.stdout) child.stdout.pipe(io.stdout, { end: false });
      if (child.stderr) child.stderr.pipe(io.stderr, { end: false });
      child.on('close', (code, signal) => {
        if (child.stdin) io.stdin.unpipe(child.stdin);
        resolve(signal ? 128 + (importBuiltin('node:os').constants.signals[signal] ?? 0) : code);
      });
    });
  }
}

// The shell's own fd as a stream, for `2>&1` when it is the shell's.
function inheritOf(slot) {
  return slot === 'stdout' ? process.stdout : slot === 'stderr' ? process.stderr : process.stdin;
}

// A word of ${name:-word}, as lex would read it (quotes in it are the word's).
function lexWord(src) {
  if (src === undefined || src === '') return [];
  const tree = parseScript(`: ${src}`);
  return tree.list[0]?.first.commands[0].words[1] ?? [];
}

// The paths `pattern` matches below `cwd` (sorted, hidden names only for a pattern starting
// with '.'), or none.
function glob(pattern, cwd) {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, k) => s !== '' || k === 0);
  let paths = [absolute ? '/' : ''];
  for (const segment of absolute ? segments.slice(1) : segments) {
    const next = [];
    if (!/(^|[^\\])[*?[]/.test(segment)) {
      const name = segment.replace(/\\(.)/g, '$1');
      for (const p of paths) {
        const candidate = p === '' ? name : p.endsWith('/') ? p + name : `${p}/${name}`;
        if (fs.existsSync(path.resolve(cwd, candidate))) next.push(candidate);
      }
    } else {
      const re = globRegExp(segment);
      for (const p of paths) {
        let names;
        try {
          names = fs.readdirSync(path.resolve(cwd, p || '.'));
        } catch {
          continue;
        }
        for (const name of names.sort()) {
          if (name.startsWith('.') && !segment.startsWith('.')) continue;
          if (re.test(name)) next.push(p === '' ? name : p.endsWith('/') ? p + name : `${p}/${name}`);
        }
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  return paths;
}

function globRegExp(segment) {
  let re = '';
  for (let k = 0; k < segment.length; k++) {
    const c = segment[k];
    if (c === '\\' && k + 1 < segment.length) re += `\\${segment[++k]}`.replace(/^\\([A-Za-z0-9])$/, '$1');
    else if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      const close = segment.indexOf(']', k + 2);
      if (close < 0) re += '\\[';
      else {
        let body = segment.slice(k + 1, close);
        if (body[0] === '!') body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        k = close;
      }
    } else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

// ---- builtins ----

function write(io, slot, data) {
  const out = io[slot] === INHERIT ? inheritOf(slot) : io[slot];
  out.write(typeof data === 'string' ? Buffer.from(data) : data);
}

const BUILTINS = {
  __proto__: null,
  ':': async () => 0,
  true: async () => 0,
  false: async () => 1,
  async echo(args, io) {
    write(io, 'stdout', echoBytes(this.kind, args));
    return 0;
  },
  async pwd(args, io) {
    write(io, 'stdout', `${this.cwd}\n`);
    return 0;
  },
  async cd(args, io) {
    const target = args[0] === undefined ? this.vars.HOME : args[0] === '-' ? this.vars.OLDPWD : args[0];
    const dir = path.resolve(this.cwd, target ?? '/');
    let stat;
    try {
      stat = fs.statSync(dir);
    } catch {
      stat = undefined;
    }
    if (!stat?.isDirectory()) {
      this.error(this.line, this.kind === 'bash' ? `cd: ${target}: ${stat ? 'Not a directory' : 'No such file or directory'}` : `cd: can't cd to ${target}`);
      return this.kind === 'bash' ? 1 : 2;
    }
    this.vars.OLDPWD = this.cwd;
    this.cwd = dir;
    this.vars.PWD = dir;
    if (args[0] === '-') write(io, 'stdout', `${dir}\n`);
    return 0;
  },
  async exit(args) {
    if (args.length === 0) throw new Exit(this.status);
    if (!/^[0-9]+$/.test(args[0])) {
      this.error(this.line, this.kind === 'bash' ? `exit: ${args[0]}: numeric argument required` : `exit: Illegal number: ${args[0]}`);
      throw new Exit(2);
    }
    throw new Exit(Number(args[0]) & 255);
  },
  async export(args) {
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (eq >= 0) this.vars[name] = arg.slice(eq + 1);
      this.exported.add(name);
    }
    return 0;
  },
  async unset(args) {
    for (const name of args) {
      delete this.vars[name];
      this.exported.delete(name);
    }
    return 0;
  },
  async break(args) {
    throw new Jump('break', Math.max(1, Number(args[0] ?? 1) || 1));
  },
  async continue(args) {
    throw new Jump('continue', Math.max(1, Number(args[0] ?? 1) || 1));
  },
  async return(args) {
    throw new Jump('return', args.length ? Number(args[0]) & 255 : this.status);
  },
  async local(args) {
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq >= 0) this.vars[arg.slice(0, eq)] = arg.slice(eq + 1);
    }
    return 0;
  },
  async printf(args, io) {
    if (args.length === 0) {
      this.error(this.line, 'printf: usage: printf format [arg ...]');
      return 2;
    }
    write(io, 'stdout', printf(args[0], args.slice(1)));
    return 0;
  },
  async exec(args, io) {
    // the command replaces the shell: its status is the shell's
    if (args.length === 0) return 0;
    throw new Exit(await this.run(args, [], io));
  },
  async ulimit(args, io) {
    // core files (-c) are the one limit here: a sandbox never writes one, so any size is kept;
    // other limits the sandbox cannot enforce are refused rather than pretended
    const flags = args.filter((a) => a.startsWith('-')).join('');
    const values = args.filter((a) => !a.startsWith('-'));
    const resource = flags.replace(/[-SH]/g, '') || 'f';
    if (values.length === 0) {
      write(io, 'stdout', 'unlimited\n');
      return 0;
    }
    if (resource === 'c') return 0;
    this.error(this.line, 'ulimit: error setting limit (Operation not permitted)');
    return 2;
  },
  async set(args) {
    // options (-e, -x, ...) are accepted and not acted on; `set -- a b` sets the parameters
    const at = args.indexOf('--');
    if (at >= 0) this.params = args.slice(at + 1);
    return 0;
  },
  async shift(args) {
    const n = args.length ? Number(args[0]) : 1;
    if (!(n <= this.params.length)) {
      this.error(this.line, `shift: can't shift that many`);
      return 2;
    }
    this.params = this.params.slice(n);
    return 0;
  },
  async test(args) {
    return testStatus(args, this.cwd);
  },
  async '['(args) {
    if (args[args.length - 1] !== ']') {
      this.error(this.line, '[: missing ]');
      return 2;
    }
    return testStatus(args.slice(0, -1), this.cwd);
  },
};

// printf's output: the format is reused while arguments are left; %s %b %c %d %i %u %x %X %o
// and %%, with flags, width and precision; backslash escapes in the format.
function printf(format, args) {
  let out = '';
  let k = 0;
  const escape = (text) =>
    text.replace(/\\(0[0-7]{0,3}|[0-7]{1,3}|.)/g, (m, e) => {
      const simple = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" }[e];
      if (simple !== undefined) return simple;
      if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 255);
      return m;
    });
  do {
    out += format.replace(/%([-+ #0]*)(\d*|\*)(?:\.(\d*))?([sbcdiuxXo%])|\\(0[0-7]{0,3}|[0-7]{1,3}|.)/g, (m, flags, width, precision, conv, esc) => {
      if (esc !== undefined) return escape(m);
      if (conv === '%') return '%';
      if (width === '*') width = args[k++] ?? '0';
      const arg = args[k++] ?? '';
      let text;
      if (conv === 's') text = precision !== undefined ? arg.slice(0, Number(precision)) : arg;
      else if (conv === 'b') text = escape(arg);
      else if (conv === 'c') text = arg.slice(0, 1);
      else {
        const n = arg === '' ? 0 : /^['"]/.test(arg) ? arg.codePointAt(1) ?? 0 : Math.trunc(Number(arg)) || 0;
        const base = { x: 16, X: 16, o: 8 }[conv] ?? 10;
        text = Math.abs(n).toString(base);
        if (conv === 'X') text = text.toUpperCase();
        if (precision !== undefined) text = text.padStart(Number(precision), '0');
        const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        if (flags.includes('0') && !flags.includes('-') && width) text = text.padStart(Number(width) - sign.length, '0');
        text = sign + text;
      }
      const w = Number(width || 0);
      return flags.includes('-') ? text.padEnd(w) : text.padStart(w);
    });
  } while (k > 0 && k < args.length);
  return out;
}

// test's answer for the forms scripts use: ! EXPR, -e/-f/-d/-s/-r/-w/-x/-L FILE, -n/-z STRING,
// STRING = and != STRING, INTEGER -eq/-ne/-lt/-le/-gt/-ge INTEGER, a lone STRING.
function testStatus(args, cwd) {
  if (args[0] === '!' && args.length > 1) {
    const inner = testStatus(args.slice(1), cwd);
    return inner === 2 ? 2 : Number(inner === 0);
  }
  if (args.length === 0) return 1;
  if (args.length === 1) return Number(args[0] === '');
  if (args.length === 2) {
    const [op, value] = args;
    if (op === '-n') return Number(value === '');
    if (op === '-z') return Number(value !== '');
    const file = path.resolve(cwd, value);
    let stat;
    try {
      stat = op === '-L' || op === '-h' ? fs.lstatSync(file) : fs.statSync(file);
    } catch {
      return 1;
    }
    switch (op) {
      case '-e':
      case '-r':
      case '-w':
        return 0;
      case '-f':
        return Number(!stat.isFile());
      case '-d':
        return Number(!stat.isDirectory());
      case '-s':
        return Number(!(stat.size > 0));
      case '-x':
        return Number(!(stat.mode & 0o111));
      case '-L':
      case '-h':
        return Number(!stat.isSymbolicLink());
      default:
        return 2;
    }
  }
  if (args.length === 3) {
    const [a, op, b] = args;
    if (op === '=' || op === '==') return Number(a !== b);
    if (op === '!=') return Number(a === b);
    const compare = { '-eq': (x, y) => x === y, '-ne': (x, y) => x !== y, '-lt': (x, y) => x < y, '-le': (x, y) => x <= y, '-gt': (x, y) => x > y, '-ge': (x, y) => x >= y }[op];
    if (compare) return Number(!compare(Number(a), Number(b)));
  }
  return 2;
}
