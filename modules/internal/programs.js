// The programs a child process may run besides node, as a Debian 12 system has them in /bin
// (= /usr/bin): a shell (programs/sh.js) and the coreutils and text tools that shell lines and
// Node's tests call (programs/coreutils.js). Each runs in a child sandbox of its own, started
// like node (runProgram in qjsw:internal/sandbox), so it sees only what a node child sees: the
// shared file tree, its argv, env, cwd and stdio.
import { importBuiltin } from 'qjsw:binding/module';

const SHELLS = ['sh', 'dash', 'bash'];
export const COREUTILS = ['cat', 'echo', 'env', 'pwd', 'ls', 'sleep', 'id', 'wc', 'grep', 'sed', 'head', 'tail', 'true', 'false', 'mkdir', 'rm', 'touch', 'uname', 'basename', 'dirname', 'date'];
const NAMES = new Set([...SHELLS, ...COREUTILS]);

// The first words of a line that only the shell program runs (its builtins beyond the ones
// node:child_process runs itself for a one-command line, and its reserved words).
const SHELL_ONLY = new Set(['cd', 'export', 'unset', 'set', 'shift', 'test', '[', 'break', 'continue', 'return', 'local', 'printf', 'exec', 'ulimit', 'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!']);
export function needsShell(word) {
  return SHELL_ONLY.has(word);
}

// Whether `name` is a program here (as /bin/name and /usr/bin/name).
export function isProgram(name) {
  return NAMES.has(name);
}

// The program this process runs, or null for node: a program's argv0 is its own name, not node's.
let running = null;
export function runningProgram() {
  return running;
}

export function runProgram(name, args) {
  running = name;
  if (SHELLS.includes(name)) return importBuiltin('qjsw:internal/programs/sh').sh(name, args);
  return importBuiltin('qjsw:internal/programs/coreutils').run(name, args);
}
