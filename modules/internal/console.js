// The console global and node:console's Console, laid out as Node's: methods on
// Console.prototype (bound onto each instance), the global console a plain object with those
// methods bound to it and process.stdout/stderr read lazily through _stdout/_stderr, writes that
// swallow stream errors unless ignoreErrors is false, colors decided per stream.
import process from 'qjsw:internal/process_object';
import { isMap, isSet, isMapIterator, isSetIterator, isTypedArray } from 'qjsw:internal/util/types';
import { invalidArgType, invalidArgValue, nodeError, outOfRange } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';

// util.inspect is loaded by the first call that formats a value: a run that logs only text
// never reads the formatter, the largest module of a boot.
const util = () => importBuiltin('qjsw:internal/util/inspect');
const inspect = (value, options) => util().inspect(value, options);
const getStringWidth = (text) => util().getStringWidth(text);

// util.format's result when no argument needs the formatter: strings, numbers, booleans,
// bigints, undefined and null, the first string holding no format directive; undefined
// otherwise. Reads no prototype method a guest could have replaced.
function plainText(args) {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let text;
    switch (typeof arg) {
      case 'string':
        if (i === 0 && args.length > 1) {
          for (let j = 0; j < arg.length; j++) if (arg[j] === '%') return undefined;
        }
        text = arg;
        break;
      case 'number':
        text = arg === 0 && 1 / arg < 0 ? '-0' : `${arg}`;
        break;
      case 'bigint':
        text = `${arg}n`;
        break;
      case 'boolean':
      case 'undefined':
        text = `${arg}`;
        break;
      default:
        if (arg !== null) return undefined;
        text = 'null';
    }
    out = i === 0 ? text : `${out} ${text}`;
  }
  return out;
}

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;
const kMaxGroupIndentation = 1000;

const kCounts = Symbol('counts');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kFormatForStderr = Symbol('kFormatForStderr');
const kFormatForStdout = Symbol('kFormatForStdout');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kWriteToConsole = Symbol('kWriteToConsole');
const kBindProperties = Symbol('kBindProperties');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

function pad(value) {
  return `${value}`.padStart(2, '0');
}

export function formatTime(ms) {
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

// Node's internal/util/colors shouldColorize: FORCE_COLOR decides when set (its color depth
// above 2), otherwise a TTY stream that reports more than two colors (or cannot say).
function shouldColorize(stream) {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', 'true', '2', '3'].includes(force);
  return Boolean(stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

// --- console.table ------------------------------------------------------------------------


function renderRow(row, widths) {
  let out = '│ ';
  for (let i = 0; i < row.length; i++) {
    out += row[i] + ' '.repeat(widths[i] - getStringWidth(row[i]));
    if (i !== row.length - 1) out += ' │ ';
  }
  return `${out} │`;
}

function renderTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => getStringWidth(h));
  const longest = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '');
      widths[i] = Math.max(widths[i] || 0, getStringWidth(value));
    }
  }
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let result = `┌${divider.join('┬')}┐\n${renderRow(head, widths)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return `${result}└${divider.join('┴')}┘`;
}

const isArrayLike = (v) => Array.isArray(v) || isTypedArray(v);

// --- Console ----------------------------------------------------------------------------------

const optionsMap = new WeakMap();
const noop = () => {};
const hidden = { writable: true, enumerable: false, configurable: true };

export function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  if (new.target === undefined) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const { stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions, groupIndentation } = options;
  if (!stdout || typeof stdout.write !== 'function') throw writableStreamError('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw writableStreamError('stderr');
  if (colorMode !== 'auto' && colorMode !== true && colorMode !== false) {
    throw invalidArgValue('colorMode', colorMode, "must be one of: 'auto', true, false");
  }
  if (groupIndentation !== undefined) {
    if (typeof groupIndentation !== 'number') throw invalidArgType('groupIndentation', 'number', groupIndentation);
    if (!Number.isInteger(groupIndentation)) throw outOfRange('groupIndentation', 'an integer', groupIndentation);
    if (groupIndentation < 0 || groupIndentation > kMaxGroupIndentation) {
      throw outOfRange('groupIndentation', `>= 0 && <= ${kMaxGroupIndentation}`, groupIndentation);
    }
  }
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object' || Array.isArray(inspectOptions)) {
      throw invalidArgType('options.inspectOptions', 'object', inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR',
        'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
    optionsMap.set(this, inspectOptions);
  }
  // Bound from the instance, not the prototype, so a subclass's overrides are the ones bound.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }
  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}

function writableStreamError(name) {
  return nodeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', `Console expects a writable stream instance for ${name}`);
}

// The global console is no Console instance, yet `console instanceof Console` holds.
Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance[kIsConsole];
  },
});

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

Object.defineProperties(Console.prototype, {
  [kBindStreamsEager]: {
    ...hidden,
    value(stdout, stderr) {
      Object.defineProperties(this, {
        _stdout: { ...hidden, value: stdout },
        _stderr: { ...hidden, value: stderr },
      });
    },
  },
  // The global console's streams, read from process when first written to.
  [kBindStreamsLazy]: {
    ...hidden,
    value(object) {
      let stdout;
      let stderr;
      Object.defineProperties(this, {
        _stdout: {
          enumerable: false,
          configurable: true,
          get() {
            if (!stdout) stdout = object.stdout;
            return stdout;
          },
          set(value) {
            stdout = value;
          },
        },
        _stderr: {
          enumerable: false,
          configurable: true,
          get() {
            if (!stderr) stderr = object.stderr;
            return stderr;
          },
          set(value) {
            stderr = value;
          },
        },
      });
    },
  },
  [kBindProperties]: {
    ...hidden,
    value(ignoreErrors, colorMode, groupIndentation = 2) {
      Object.defineProperties(this, {
        _stdoutErrorHandler: { ...hidden, value: createWriteErrorHandler(this, kUseStdout) },
        _stderrErrorHandler: { ...hidden, value: createWriteErrorHandler(this, kUseStderr) },
        _ignoreErrors: { ...hidden, value: Boolean(ignoreErrors) },
        _times: { ...hidden, value: new Map() },
        [kCounts]: { ...hidden, value: new Map() },
        [kColorMode]: { ...hidden, value: colorMode },
        [kIsConsole]: { ...hidden, value: true },
        [kGroupIndent]: { ...hidden, value: '' },
        [kGroupIndentationWidth]: { ...hidden, value: groupIndentation },
        [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'console' },
      });
    },
  },
  [kWriteToConsole]: {
    ...hidden,
    value(streamSymbol, string) {
      const ignoreErrors = this._ignoreErrors;
      const groupIndent = this[kGroupIndent];
      const useStdout = streamSymbol === kUseStdout;
      const stream = useStdout ? this._stdout : this._stderr;
      const errorHandler = useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler;
      if (groupIndent.length !== 0) {
        if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
        string = groupIndent + string;
      }
      string += '\n';
      if (ignoreErrors === false) return stream.write(string);
      // A write may fail synchronously (files, TTYs) or later (pipes): a no-op 'error' listener
      // for the duration of the call, and the write callback's for a later failure.
      try {
        if (stream.listenerCount('error') === 0) stream.once('error', noop);
        stream.write(string, errorHandler);
      } catch (e) {
        if (e instanceof RangeError && /stack/i.test(e.message)) throw e;
      } finally {
        stream.removeListener('error', noop);
      }
    },
  },
  [kGetInspectOptions]: {
    ...hidden,
    value(stream) {
      let color = this[kColorMode];
      if (color === 'auto') color = shouldColorize(stream);
      const options = optionsMap.get(this);
      if (options) {
        if (options.colors === undefined) options.colors = color;
        return options;
      }
      return color ? kColorInspectOptions : kNoColorInspectOptions;
    },
  },
  [kFormatForStdout]: {
    ...hidden,
    value(args) {
      const options = this[kGetInspectOptions](this._stdout);
      return (options === kNoColorInspectOptions ? plainText(args) : undefined) ?? util().formatWithOptions(options, ...args);
    },
  },
  [kFormatForStderr]: {
    ...hidden,
    value(args) {
      const options = this[kGetInspectOptions](this._stderr);
      return (options === kNoColorInspectOptions ? plainText(args) : undefined) ?? util().formatWithOptions(options, ...args);
    },
  },
});

// The write callback: an error not emitted yet (the write fails later) gets a one-time no-op
// listener so it does not become an uncaught exception.
function createWriteErrorHandler(instance, streamSymbol) {
  return (err) => {
    const stream = streamSymbol === kUseStdout ? instance._stdout : instance._stderr;
    if (err !== null && err !== undefined && !stream._writableState?.errorEmitted) {
      if (stream.listenerCount('error') === 0) stream.once('error', noop);
    }
  };
}

function timeLogImpl(self, name, label, data) {
  const time = self._times.get(label);
  if (time === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const duration = process.hrtime(time);
  const formatted = formatTime(duration[0] * 1000 + duration[1] / 1e6);
  if (data === undefined) self.log('%s: %s', label, formatted);
  else self.log('%s: %s', label, formatted, ...data);
  return true;
}

// Entries a Map or Set iterator has yet to give. Node reads them without advancing the
// iterator (V8's previewEntries); QuickJS offers no such view, so this drains the iterator:
// after console.table(it), `it` is done, where in Node it is not.
function iteratorEntries(iterator) {
  return [...iterator];
}

const consoleMethods = {
  log(...args) {
    this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
  },

  warn(...args) {
    this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
  },

  dir(object, options) {
    this[kWriteToConsole](kUseStdout, inspect(object, {
      customInspect: false,
      ...this[kGetInspectOptions](this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, process.hrtime());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },

  trace: function trace(...args) {
    const err = { name: 'Trace', message: this[kFormatForStderr](args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },

  // Only a TTY is cleared: the cursor to the top left, then the screen below it.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      this._stdout.write('\x1b[1;1H');
      this._stdout.write('\x1b[0J');
    }
  },

  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    let count = counts.get(label);
    if (count === undefined) count = 1;
    else count++;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) throw invalidArgType('properties', 'Array', properties);
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const final = (k, v) => this.log(renderTable(k, v));
    const _inspect = (v) => {
      const depth = v !== null && typeof v === 'object' && !isArrayLike(v) && Object.keys(v).length > 2 ? -1 : 0;
      return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...this[kGetInspectOptions](this._stdout) });
    };
    const getIndexArray = (length) => Array.from({ length }, (_, i) => _inspect(i));

    const mapIter = isMapIterator(tabularData);
    let isKeyValue = false;
    if (mapIter) {
      tabularData = iteratorEntries(tabularData);
      isKeyValue = tabularData.length > 0 && givesEntries(tabularData);
    }
    if (isKeyValue || isMap(tabularData)) {
      const keys = [];
      const values = [];
      for (const { 0: k, 1: v } of tabularData) {
        keys.push(_inspect(k));
        values.push(_inspect(v));
      }
      return final(['(iteration index)', 'Key', 'Values'], [getIndexArray(keys.length), keys, values]);
    }
    const setIter = isSetIterator(tabularData);
    if (setIter) tabularData = iteratorEntries(tabularData);
    if (setIter || mapIter || isSet(tabularData)) {
      const values = [];
      for (const v of tabularData) values.push(_inspect(v));
      return final(['(iteration index)', 'Values'], [getIndexArray(values.length), values]);
    }

    const map = { __proto__: null };
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(tabularData);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = _inspect(item);
      } else {
        for (const key of properties || Object.keys(item)) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) map[key][i] = '';
          else map[key][i] = _inspect(item[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push('Values');
      values.push(valuesKeyArray);
    }
    keys.unshift('(index)');
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};

// Whether a Map iterator was made by entries() rather than keys() or values(): its
// toStringTag cannot tell, so the shape of what it gave does (keys that are all pairs pass).
function givesEntries(entries) {
  return entries.every((e) => Array.isArray(e) && e.length === 2);
}

for (const method of Reflect.ownKeys(consoleMethods)) Console.prototype[method] = consoleMethods[method];
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

// --- the global console -------------------------------------------------------------------------

function makeGlobalConsole() {
  const globalConsole = { __proto__: {} };
  for (const prop of Reflect.ownKeys(Console.prototype)) {
    if (prop === 'constructor') continue;
    const desc = Reflect.getOwnPropertyDescriptor(Console.prototype, prop);
    if (typeof desc.value === 'function') {
      // named by key (console.error.name is 'error'), as Node's inspector wrapping leaves them
      const name = typeof prop === 'string' ? prop : desc.value.name;
      desc.value = desc.value.bind(globalConsole);
      Reflect.defineProperty(desc.value, 'name', { value: name });
    }
    Reflect.defineProperty(globalConsole, prop, desc);
  }
  globalConsole[kBindProperties](true, 'auto');
  globalConsole.Console = Console;
  // V8's inspector methods, which Node's global console carries and which do nothing without
  // an inspector session.
  const inspectorMethods = {
    profile() {},
    profileEnd() {},
    timeStamp() {},
    context(name) {
      return makeContextConsole(name);
    },
    createTask(name) {
      if (name === undefined) throw new TypeError('First argument must be a string.');
      return { run: (fn) => fn() };
    },
  };
  for (const [name, fn] of Object.entries(inspectorMethods)) {
    Object.defineProperty(globalConsole, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  globalConsole[kBindStreamsLazy](process);
  return globalConsole;
}

function makeContextConsole() {
  const c = {};
  for (const key of Object.keys(console)) if (key !== 'Console' && key !== 'context') c[key] = console[key];
  return c;
}

export const console = makeGlobalConsole();
export default console;
