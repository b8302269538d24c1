// The console global and node:console's Console: util.format/inspect output to a stdout and a
// stderr stream, with Node's groups, counters, timers, assert, trace and table.
import process from 'node:process';
import { formatWithOptions, inspect, isMap, isSet } from 'qjsw:internal/util/inspect';
import { invalidArgType } from 'qjsw:internal/errors';

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

function pad(value) {
  return `${value}`.padStart(2, '0');
}

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms %= kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms %= kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(s)}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

const now = () => (globalThis.performance?.now ? globalThis.performance.now() : Date.now());

// --- console.table ------------------------------------------------------------------------

const stringWidth = (s) => s.replace(/\u001b\[[0-9;]*m/g, '').length;

function renderRow(row, widths) {
  let out = '│ ';
  for (let i = 0; i < row.length; i++) {
    out += row[i] + ' '.repeat(widths[i] - stringWidth(row[i]));
    if (i !== row.length - 1) out += ' │ ';
  }
  return `${out} │`;
}

function renderTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => stringWidth(h));
  const longest = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '');
      widths[i] = Math.max(widths[i] || 0, stringWidth(value));
    }
  }
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let result = `┌${divider.join('┬')}┐\n${renderRow(head, widths)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return `${result}└${divider.join('┴')}┘`;
}

// --- Console ----------------------------------------------------------------------------------

export function Console(options, stderrArg, ignoreErrorsArg) {
  if (!new.target) return new Console(options, stderrArg, ignoreErrorsArg);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: stderrArg, ignoreErrors: ignoreErrorsArg };
  }
  const { stdout, stderr = stdout, inspectOptions, groupIndentation = 2 } = options;
  if (!stdout || typeof stdout.write !== 'function') throw invalidArgType('stdout', 'Writable', stdout);
  if (!stderr || typeof stderr.write !== 'function') throw invalidArgType('stderr', 'Writable', stderr);
  const counts = new Map();
  const timers = new Map();
  let indent = '';
  const opts = inspectOptions ?? {};
  const write = (stream, text) => {
    if (indent.length !== 0) {
      if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
      text = indent + text;
    }
    stream.write(`${text}\n`);
  };
  const self = this;
  const methods = {
    log(...args) {
      write(stdout, formatWithOptions(opts, ...args));
    },
    warn(...args) {
      write(stderr, formatWithOptions(opts, ...args));
    },
    dir(object, options) {
      write(stdout, inspect(object, { customInspect: false, ...opts, ...options }));
    },
    time(label = 'default') {
      label = `${label}`;
      if (timers.has(label)) {
        process.emitWarning(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, now());
    },
    timeEnd(label = 'default') {
      label = `${label}`;
      if (!timers.has(label)) {
        process.emitWarning(`No such label '${label}' for console.timeEnd()`);
        return;
      }
      self.log('%s: %s', label, formatTime(now() - timers.get(label)));
      timers.delete(label);
    },
    timeLog(label = 'default', ...data) {
      label = `${label}`;
      if (!timers.has(label)) {
        process.emitWarning(`No such label '${label}' for console.timeLog()`);
        return;
      }
      self.log('%s: %s', label, formatTime(now() - timers.get(label)), ...data);
    },
    trace(...args) {
      const stack = new Error().stack ?? '';
      const frames = stack.split('\n').slice(1).join('\n').trimEnd();
      const message = formatWithOptions(opts, ...args);
      self.error(`Trace${message ? `: ${message}` : ''}${frames ? `\n${frames}` : ''}`);
    },
    assert(expression, ...args) {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
        self.warn(...args);
      }
    },
    clear() {},
    count(label = 'default') {
      label = `${label}`;
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      self.log(`${label}: ${count}`);
    },
    countReset(label = 'default') {
      label = `${label}`;
      if (!counts.has(label)) {
        process.emitWarning(`Count for '${label}' does not exist`);
        return;
      }
      counts.delete(label);
    },
    group(...data) {
      if (data.length > 0) self.log(...data);
      indent += ' '.repeat(groupIndentation);
    },
    groupEnd() {
      indent = indent.slice(0, indent.length - groupIndentation);
    },
    table(tabularData, properties) {
      if (properties !== undefined && !Array.isArray(properties)) throw invalidArgType('properties', 'Array', properties);
      if (tabularData === null || typeof tabularData !== 'object') return self.log(tabularData);
      const cell = (v) => {
        const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
        return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...opts });
      };
      const indexes = (length) => Array.from({ length }, (_, i) => cell(i));
      if (isMap(tabularData)) {
        const keys = [];
        const values = [];
        for (const [k, v] of tabularData) {
          keys.push(cell(k));
          values.push(cell(v));
        }
        return self.log(renderTable(['(iteration index)', 'Key', 'Values'], [indexes(keys.length), keys, values]));
      }
      if (isSet(tabularData)) {
        const values = [...tabularData].map(cell);
        return self.log(renderTable(['(iteration index)', 'Values'], [indexes(values.length), values]));
      }
      const map = Object.create(null);
      let hasPrimitives = false;
      const valuesColumn = [];
      const indexColumn = Object.keys(tabularData);
      for (let i = 0; i < indexColumn.length; i++) {
        const item = tabularData[indexColumn[i]];
        const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
        if (properties === undefined && primitive) {
          hasPrimitives = true;
          valuesColumn[i] = cell(item);
        } else {
          for (const key of properties || Object.keys(item)) {
            map[key] ??= [];
            map[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key]);
          }
        }
      }
      const head = Object.keys(map);
      const columns = Object.values(map);
      if (hasPrimitives) {
        head.push('Values');
        columns.push(valuesColumn);
      }
      head.unshift('(index)');
      columns.unshift(indexColumn);
      return self.log(renderTable(head, columns));
    },
  };
  // Inspector hooks in Node; nothing to attach to here.
  methods.profile = () => {};
  methods.profileEnd = () => {};
  methods.timeStamp = () => {};
  methods.context = () => new Console(options);
  methods.createTask = (name) => ({ run: (fn) => fn(), name: `${name}` });
  methods.info = methods.log;
  methods.debug = methods.log;
  methods.dirxml = methods.log;
  methods.error = methods.warn;
  methods.groupCollapsed = methods.group;
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(this, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
}

export const console = new Console(process.stdout, process.stderr);
Object.defineProperty(console, 'Console', { value: Console, writable: true, enumerable: true, configurable: true });
export default console;
