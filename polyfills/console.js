// console: util.format-style formatting, written to process.stdout / process.stderr.
import process from 'node:process';
import { inspectValue } from 'qjsw:internal/errors';

function inspect(v) {
  if (v instanceof Error) return v.stack && v.stack.startsWith(v.name) ? v.stack.trimEnd() : `${v.name}: ${v.message}${v.stack ? `\n${v.stack.trimEnd()}` : ''}`;
  return inspectValue(v);
}

export function format(first, ...args) {
  if (typeof first !== 'string') return [first, ...args].map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  let i = 0;
  let out = first.replace(/%[sdifjoOc%]/g, (spec) => {
    if (spec === '%%') return '%';
    if (i >= args.length) return spec;
    const a = args[i++];
    switch (spec) {
      case '%s': return typeof a === 'string' ? a : typeof a === 'bigint' ? `${a}n` : typeof a === 'object' && a !== null ? inspect(a) : String(a);
      case '%d': return typeof a === 'bigint' ? `${a}n` : typeof a === 'symbol' ? 'NaN' : String(Number(a));
      case '%i': return typeof a === 'bigint' ? `${a}n` : String(parseInt(a));
      case '%f': return String(parseFloat(a));
      case '%j': try { return JSON.stringify(a); } catch { return '[Circular]'; }
      case '%o': case '%O': return inspect(a);
      case '%c': return '';
    }
    return spec;
  });
  for (; i < args.length; i++) out += ` ${typeof args[i] === 'string' ? args[i] : inspect(args[i])}`;
  return out;
}

const counts = new Map();
const timers = new Map();
let indent = '';

function writer(stream) {
  return (...args) => {
    const text = format(...args);
    stream.write(`${indent ? text.split('\n').map((l) => indent + l).join('\n') : text}\n`);
  };
}

export const console = {
  log: writer(process.stdout),
  info: writer(process.stdout),
  debug: writer(process.stdout),
  warn: writer(process.stderr),
  error: writer(process.stderr),
  trace: (...args) => writer(process.stderr)(`Trace${args.length ? ': ' + format(...args) : ''}`),
  dir: (obj) => writer(process.stdout)(inspect(obj)),
  assert: (value, ...args) => {
    if (!value) writer(process.stderr)(args.length ? `Assertion failed: ${format(...args)}` : 'Assertion failed');
  },
  count: (label = 'default') => {
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    writer(process.stdout)(`${label}: ${n}`);
  },
  countReset: (label = 'default') => counts.delete(label),
  time: (label = 'default') => timers.set(label, Date.now()),
  timeEnd: (label = 'default') => {
    if (!timers.has(label)) return;
    writer(process.stdout)(`${label}: ${Date.now() - timers.get(label)}ms`);
    timers.delete(label);
  },
  timeLog: (label = 'default', ...args) => {
    if (timers.has(label)) writer(process.stdout)(`${label}: ${Date.now() - timers.get(label)}ms`, ...args);
  },
  group: (...args) => {
    if (args.length) writer(process.stdout)(...args);
    indent += '  ';
  },
  groupEnd: () => {
    indent = indent.slice(2);
  },
  table: (data) => writer(process.stdout)(inspect(data)),
};
console.groupCollapsed = console.group;

export default console;
