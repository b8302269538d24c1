// Shared by the builtin scripts in this directory; runs unchanged in real Node and in the
// sandbox. Each check prints one line "label => result", where result is a stable text form of
// what fn returned or threw, so the two transcripts can be compared line by line.
'use strict';

function describe(value, seen = new Set()) {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'string': return JSON.stringify(value);
    case 'boolean': return String(value);
    case 'symbol': return value.toString();
    case 'function': return `[function ${value.name}]`;
  }
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const extra = ['code', 'errno', 'syscall', 'path'].filter((k) => value[k] !== undefined).map((k) => ` ${k}=${describe(value[k])}`).join('');
      return `${value.name}(${JSON.stringify(value.message)}${extra})`;
    }
    if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
    if (value instanceof RegExp) return String(value);
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${Array.from(value).join(',')}]`;
    if (value instanceof Map) return `Map{${[...value].map(([k, v]) => `${describe(k, seen)}=>${describe(v, seen)}`).join(',')}}`;
    if (value instanceof Set) return `Set{${[...value].map((v) => describe(v, seen)).join(',')}}`;
    if (Array.isArray(value)) return `[${value.map((v) => describe(v, seen)).join(',')}]`;
    const proto = Object.getPrototypeOf(value);
    const name = proto === null ? 'null' : proto === Object.prototype ? '' : (proto.constructor && proto.constructor.name) || '?';
    const keys = Object.keys(value);
    return `${name}{${keys.map((k) => `${k}:${describe(value[k], seen)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

function line(label, text) {
  process.stdout.write(`${label} => ${text}\n`);
}

// check(label, fn): the value fn returns, or what it throws.
function check(label, fn) {
  try {
    line(label, describe(fn()));
  } catch (err) {
    line(label, `throws ${describe(err)}`);
  }
}

// await checkAsync(label, fn): what the promise fn returns settles to.
async function checkAsync(label, fn) {
  try {
    line(label, `resolves ${describe(await fn())}`);
  } catch (err) {
    line(label, `rejects ${describe(err)}`);
  }
}

// Runs body(log, done) and resolves with the event transcript once done() is called (or after
// `graceMs`, so a missing event shows as a short transcript instead of a hang).
function transcript(body, graceMs = 500) {
  return new Promise((resolve) => {
    const log = [];
    const timer = setTimeout(() => resolve([...log, 'TIMEOUT']), graceMs);
    const done = () => setTimeout(() => { clearTimeout(timer); resolve(log); }, 5);
    body(log, done);
  });
}

module.exports = { check, checkAsync, describe, transcript };
