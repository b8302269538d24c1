// node:test's TAP reporter (Node's default when stdout is not a terminal, which it never is in
// the sandbox): one line per event, failures with their error as YAML, as Node 20 writes them.
import { inspect } from 'node:util';

const inspectOptions = { colors: false, breakLength: Infinity };
const indent = (nesting) => '    '.repeat(nesting);

function tapEscape(input) {
  return input.replaceAll('\b', '\\b').replaceAll('\f', '\\f').replaceAll('\t', '\\t').replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r').replaceAll('\v', '\\v').replaceAll('\\', '\\\\').replaceAll('#', '\\#');
}

// The failure kinds whose wrapped error (`cause`) is what a reader wants to see.
const unwrapped = new Set(['testCodeFailure', 'hookFailed', 'uncaughtException', 'unhandledRejection']);
const isAssertionLike = (v) => v && typeof v === 'object' && 'expected' in v && 'actual' in v;

function yaml(pad, name, value, seen) {
  if (value === undefined) return '';
  const prefix = `${pad}  ${name}:`;
  if (value === null) return `${prefix} ~\n`;
  if (typeof value !== 'object') {
    const lines = typeof value === 'string' ? value.split(/\n|\r\n/) : [];
    if (lines.length <= 1) return `${prefix} ${inspect(value, inspectOptions)}\n`;
    return `${prefix} |-\n${lines.map((l) => `${pad}    ${l}\n`).join('')}`;
  }
  seen.add(value);
  const isError = value instanceof Error;
  let props = pad;
  let out = '';
  if (name != null) {
    out += prefix;
    if (value instanceof Date) out += ` ${value.toISOString()}`;
    out += '\n';
    props += '  ';
  }
  for (const [key, v] of Object.entries(value)) {
    if (isError && (key === 'cause' || key === 'code')) continue;
    out += seen.has(v) ? `${props}  ${key}: <Circular>\n` : yaml(props, key, v, seen);
  }
  if (isError) {
    let { message = '<unknown error>', name: errName, stack, code, expected, actual, operator } = value;
    let assertion = isAssertionLike(value);
    const { cause } = value;
    if (code === 'ERR_TEST_FAILURE' && unwrapped.has(value.failureType)) {
      stack = cause?.stack ?? stack;
      code = cause?.code ?? code;
      errName = cause?.name ?? errName;
      message = cause?.message ?? message;
      if (isAssertionLike(cause)) {
        ({ expected, actual } = cause);
        operator = cause.operator ?? operator;
        assertion = true;
      }
    }
    out += yaml(pad, 'error', message, seen);
    if (code) out += yaml(pad, 'code', code, seen);
    if (errName && errName !== 'Error') out += yaml(pad, 'name', errName, seen);
    if (assertion) {
      out += yaml(pad, 'expected', expected, new Set(seen));
      out += yaml(pad, 'actual', actual, new Set(seen));
      if (operator) out += yaml(pad, 'operator', operator, seen);
    }
    if (typeof stack === 'string') {
      const frames = stack.split(/\n|\r\n/).filter((f) => /^ {4}at /.test(f)).map((f) => f.slice(7)).filter(Boolean);
      if (frames.length) out += `${pad}  stack: |-\n${frames.map((f) => `${pad}    ${f}`).join('\n')}\n`;
    }
  }
  return out;
}

function testLine(nesting, testNumber, status, name, skip, todo) {
  let line = `${indent(nesting)}${status} ${testNumber}`;
  if (name) line += ` ${tapEscape(`- ${name}`)}`;
  if (skip !== undefined) line += ` # SKIP${typeof skip === 'string' && skip.length ? ` ${tapEscape(skip)}` : ''}`;
  else if (todo !== undefined) line += ` # TODO${typeof todo === 'string' && todo.length ? ` ${tapEscape(todo)}` : ''}`;
  return `${line}\n`;
}

function details(nesting, data, location) {
  const pad = indent(nesting);
  let out = `${pad}  ---\n`;
  out += yaml(pad, 'duration_ms', data.duration_ms);
  out += yaml(pad, 'type', data.type);
  if (location) out += yaml(pad, 'location', location);
  out += yaml(pad, null, data.error, new Set());
  return `${out}${pad}  ...\n`;
}

/** One reporter event as TAP text. */
export function tap(type, data) {
  switch (type) {
    case 'test:fail': {
      const location = data.file ? `${data.file}:${data.line}:${data.column}` : null;
      return testLine(data.nesting, data.testNumber, 'not ok', data.name, data.skip, data.todo) + details(data.nesting, data.details, location);
    }
    case 'test:pass':
      return testLine(data.nesting, data.testNumber, 'ok', data.name, data.skip, data.todo) + details(data.nesting, data.details, null);
    case 'test:plan':
      return `${indent(data.nesting)}1..${data.count}\n`;
    case 'test:start':
      return `${indent(data.nesting)}# Subtest: ${tapEscape(data.name)}\n`;
    case 'test:diagnostic':
      return `${indent(data.nesting)}# ${tapEscape(data.message)}\n`;
    default:
      return '';
  }
}

export const header = 'TAP version 13\n';
