// The Interface of node:readline and node:readline/promises over any readable stream: lines
// split as Node splits them (\n, \r\n, a lone \r, with crlfDelay for a \r\n cut between two
// chunks), question/prompt, pause/resume/close events, history, the async iterator with
// Node's watermarks, and the terminal basics (a line being edited, its cursor, Enter and
// Backspace). Full terminal line editing (key bindings, completion, kill ring) is not here.
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { invalidArgType, invalidArgValue, nodeError, outOfRange } from 'qjsw:internal/errors';

const kHistorySize = 30;
const kMincrlfDelay = 100;
const lineEnding = /\r?\n|\r(?!\n)/g;
const useAfterClose = () => nodeError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');

const kLineBuffer = Symbol('_line_buffer');
const kSawReturnAt = Symbol('_sawReturnAt');
const kDecoder = Symbol('_decoder');
const kPrompt = Symbol('_prompt');
const kOldPrompt = Symbol('_oldPrompt');
const kQuestionCallback = Symbol('_questionCallback');
const kLineObjectStream = Symbol('line object stream');
export const kQuestion = Symbol('_question');
export const kQuestionCancel = Symbol('_questionCancel');
const kOnLine = Symbol('_onLine');
const kNormalWrite = Symbol('_normalWrite');
const kTtyWrite = Symbol('_ttyWrite');
const kWriteToOutput = Symbol('_writeToOutput');
const kAddHistory = Symbol('_addHistory');

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

export class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    this[kSawReturnAt] = 0;
    this.isCompletionEnabled = true;
    this.escapeCodeTimeout = 500;
    this.tabSize = 8;
    let history;
    let historySize;
    let removeHistoryDuplicates = false;
    let crlfDelay;
    let prompt = '> ';
    let signal;
    if (input?.input) {
      output = input.output;
      completer = input.completer;
      terminal = input.terminal;
      history = input.history;
      historySize = input.historySize;
      signal = input.signal;
      if (input.tabSize !== undefined) {
        if (!Number.isInteger(input.tabSize)) throw invalidArgType('tabSize', 'number', input.tabSize);
        if (input.tabSize < 1 || input.tabSize > 2 ** 32 - 1) throw outOfRange('tabSize', '>= 1 && <= 4294967295', input.tabSize);
        this.tabSize = input.tabSize;
      }
      removeHistoryDuplicates = input.removeHistoryDuplicates;
      if (input.prompt !== undefined) prompt = input.prompt;
      if (input.escapeCodeTimeout !== undefined) {
        if (Number.isFinite(input.escapeCodeTimeout)) this.escapeCodeTimeout = input.escapeCodeTimeout;
        else throw invalidArgValue('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
      validateAbortSignal(signal, 'options.signal');
      crlfDelay = input.crlfDelay;
      input = input.input;
    }
    if (completer !== undefined && typeof completer !== 'function') throw invalidArgValue('completer', completer);
    if (history === undefined) history = [];
    else if (!Array.isArray(history)) throw invalidArgType('history', 'Array', history);
    if (historySize === undefined) historySize = kHistorySize;
    if (typeof historySize !== 'number') throw invalidArgType('historySize', 'number', historySize);
    if (historySize < 0 || Number.isNaN(historySize)) throw outOfRange('historySize', '>= 0', historySize);
    if (terminal === undefined && output != null) terminal = !!output.isTTY;

    this.line = '';
    this.output = output;
    this.input = input;
    this.history = history;
    this.historySize = historySize;
    this.removeHistoryDuplicates = !!removeHistoryDuplicates;
    this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
    this.completer = completer;
    this.setPrompt(prompt);
    this.terminal = !!terminal;
    this[kLineObjectStream] = undefined;

    const onerror = (err) => this.emit('error', err);
    input.on('error', onerror);
    if (!this.terminal) {
      const ondata = (data) => this[kNormalWrite](data);
      const onend = () => {
        if (typeof this[kLineBuffer] === 'string' && this[kLineBuffer].length > 0) this.emit('line', this[kLineBuffer]);
        this.close();
      };
      input.on('data', ondata);
      input.on('end', onend);
      this.once('close', () => {
        input.removeListener('data', ondata);
        input.removeListener('error', onerror);
        input.removeListener('end', onend);
      });
      this[kDecoder] = new StringDecoder('utf8');
    } else {
      const ondata = (data) => this[kTtyWrite](typeof data === 'string' ? data : this[kDecoder].write(data));
      const ontermend = () => {
        if (typeof this.line === 'string' && this.line.length > 0) this.emit('line', this.line);
        this.close();
      };
      this[kDecoder] = new StringDecoder('utf8');
      input.on('data', ondata);
      input.on('end', ontermend);
      input.setRawMode?.(true);
      this.cursor = 0;
      this.historyIndex = -1;
      this.once('close', () => {
        input.removeListener('data', ondata);
        input.removeListener('error', onerror);
        input.removeListener('end', ontermend);
      });
    }
    if (signal) {
      const onAborted = () => this.close();
      if (signal.aborted) process.nextTick(onAborted);
      else {
        signal.addEventListener('abort', onAborted, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAborted));
      }
    }
    this.line = '';
    input.resume();
  }
  get columns() {
    return this.output?.columns || Infinity;
  }
  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }
  getPrompt() {
    return this[kPrompt];
  }
  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kWriteToOutput](this[kPrompt] + this.line);
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }
  question(query, options, cb) {
    cb = typeof options === 'function' ? options : cb;
    if (options === null || typeof options !== 'object') options = {};
    if (options.signal) {
      validateAbortSignal(options.signal, 'options.signal');
      if (options.signal.aborted) return;
      const onAbort = () => this[kQuestionCancel]();
      options.signal.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => options.signal.removeEventListener('abort', onAbort);
      const originalCb = cb;
      cb = typeof cb === 'function' ? (answer) => {
        cleanup();
        return originalCb(answer);
      } : cleanup;
    }
    if (typeof cb === 'function') this[kQuestion](query, cb);
  }
  [kQuestion](query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }
  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }
  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }
  [kWriteToOutput](text) {
    if (typeof text !== 'string') throw invalidArgType('stringToWrite', 'string', text);
    if (this.output != null) this.output.write(text);
  }
  [kAddHistory]() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }
  clearLine() {
    this.line = '';
    this.cursor = 0;
  }
  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this.input.setRawMode?.(false);
    this.closed = true;
    this.emit('close');
  }
  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }
  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let found = lineEnding.exec(string);
    if (found !== null) {
      if (this[kLineBuffer]) {
        string = this[kLineBuffer] + string;
        this[kLineBuffer] = null;
        lineEnding.lastIndex = 0;
        found = lineEnding.exec(string);
      }
      this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
      const indexes = [0, found.index, lineEnding.lastIndex];
      let next;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      this[kLineBuffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) this[kOnLine](string.slice(indexes[i - 1], indexes[i]));
    } else if (string) {
      if (this[kLineBuffer]) this[kLineBuffer] += string;
      else this[kLineBuffer] = string;
    }
  }
  // The terminal basics: printable text is inserted at the cursor, Enter submits the line,
  // Backspace deletes before the cursor, Ctrl+C / Ctrl+D on an empty line close.
  [kTtyWrite](s, key) {
    if (key?.ctrl && key.name === 'u') {
      this.line = this.line.slice(this.cursor);
      this.cursor = 0;
      return;
    }
    if (typeof s !== 'string') return;
    for (const ch of s) {
      const sawReturn = this[kSawReturnAt];
      this[kSawReturnAt] = 0;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && sawReturn && Date.now() - sawReturn <= this.crlfDelay) continue;
        this[kSawReturnAt] = ch === '\r' ? Date.now() : 0;
        const line = this[kAddHistory]();
        this.clearLine();
        this[kWriteToOutput]('\r\n');
        this[kOnLine](line);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.cursor > 0) {
          this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
          this.cursor--;
        }
      } else if (ch === '\x03' || ch === '\x04') {
        if (ch === '\x03' && this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
        else if (ch === '\x04' && this.cursor === 0 && this.line.length === 0) this.close();
        else if (ch === '\x03') this.close();
      } else if (ch >= ' ' || ch === '\t') {
        this.line = this.line.slice(0, this.cursor) + ch + this.line.slice(this.cursor);
        this.cursor += ch.length;
        this[kWriteToOutput](ch);
      }
    }
  }
  getCursorPos() {
    const cols = this.columns;
    const text = this[kPrompt] + this.line.slice(0, this.cursor ?? 0);
    let width = 0;
    for (const ch of text) width += charWidth(ch.codePointAt(0));
    if (cols === Infinity) return { cols: width, rows: 0 };
    return { cols: width % cols, rows: Math.floor(width / cols) };
  }
  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) this[kLineObjectStream] = lineIterator(this, 1024, 1);
    return this[kLineObjectStream];
  }
}

// Display width of a code point: 0 for combining marks and format characters, 2 for wide
// East Asian ones, 1 otherwise.
function charWidth(cp) {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(String.fromCodePoint(cp))) return 0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x20000 && cp <= 0x3fffd)) return 2;
  return 1;
}

// Lines as an async iterator, as events.on(rl, 'line', { close: ['close'], highWatermark })
// makes it in Node: the interface is paused while more than `high` lines wait, resumed below
// `low`; an 'error' rejects the next read.
function lineIterator(rl, high, low) {
  const queue = [];
  const waiting = [];
  let error = null;
  let finished = false;
  let paused = false;
  const onLine = (line) => {
    if (waiting.length) {
      waiting.shift().resolve({ value: line, done: false });
      return;
    }
    queue.push(line);
    if (!paused && queue.length > high) {
      paused = true;
      rl.pause();
    }
  };
  const onError = (err) => {
    if (waiting.length) waiting.shift().reject(err);
    else error = err;
    closeHandler();
  };
  const closeHandler = () => {
    rl.removeListener('line', onLine);
    rl.removeListener('error', onError);
    rl.removeListener('close', closeHandler);
    finished = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  };
  rl.on('line', onLine);
  rl.on('error', onError);
  rl.on('close', closeHandler);
  if (rl.closed) closeHandler();
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  return Object.setPrototypeOf({
    next() {
      if (queue.length) {
        const value = queue.shift();
        if (paused && queue.length < low) {
          rl.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      // Leaving a for await loop closes the interface, as in Node.
      rl.close();
      return closeHandler();
    },
    throw(err) {
      if (!(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    [Symbol.for('nodejs.watermarkData')]: {
      get size() { return queue.length; },
      get low() { return low; },
      get high() { return high; },
      get isPaused() { return paused; },
    },
  }, AsyncIteratorPrototype);
}


const CSI = '\x1b[';
function validateCallback(cb) {
  if (cb !== undefined && typeof cb !== 'function') throw invalidArgType('callback', 'Function', cb);
}
export function cursorTo(stream, x, y, callback) {
  validateCallback(callback);
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw invalidArgValue('x', x);
  if (Number.isNaN(y)) throw invalidArgValue('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') throw nodeError(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}
export function moveCursor(stream, dx, dy, callback) {
  validateCallback(callback);
  if (stream == null || !(dx || dy)) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return stream.write(data, callback);
}
export function clearLine(stream, dir, callback) {
  validateCallback(callback);
  if (stream == null) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`, callback);
}
export function clearScreenDown(stream, callback) {
  validateCallback(callback);
  if (stream == null) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(`${CSI}0J`, callback);
}
// Keypress parsing is not provided: the terminal basics above read text directly.
export function emitKeypressEvents() {}
