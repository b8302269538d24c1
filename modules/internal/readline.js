// The Interface of node:readline and node:readline/promises: lines from any readable stream
// ('line' events, async iteration, question/prompt), without a terminal's line editing.
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { invalidArgType } from 'qjsw:internal/errors';

const kQuestion = Symbol('question');

export class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let options = input;
    if (!(input && typeof input === 'object' && 'input' in input)) options = { input, output, completer, terminal };
    this.input = options.input;
    this.output = options.output;
    this.terminal = !!(options.terminal ?? this.output?.isTTY);
    this.crlfDelay = Math.max(100, Number(options.crlfDelay ?? 100));
    this.line = '';
    this.cursor = 0;
    this.history = [];
    this.closed = false;
    this._prompt = options.prompt ?? '> ';
    this._buffer = '';
    this._sawReturn = false;
    this._paused = false;
    this[kQuestion] = null;
    this._decoder = new StringDecoder('utf8');
    if (!this.input || typeof this.input.on !== 'function') throw invalidArgType('input', 'stream', this.input);
    this._ondata = (chunk) => this._write(typeof chunk === 'string' ? chunk : this._decoder.write(chunk));
    this._onend = () => {
      if (this._buffer.length > 0) this._line(this._buffer);
      this._buffer = '';
      this.close();
    };
    this.input.on('data', this._ondata);
    this.input.on('end', this._onend);
    if (options.signal) {
      if (options.signal.aborted) process.nextTick(() => this.close());
      else options.signal.addEventListener('abort', () => this.close(), { once: true });
    }
    this.input.resume?.();
  }
  _write(text) {
    let s = this._buffer + text;
    this._buffer = '';
    for (;;) {
      const i = s.search(/\r\n|\n|\r/);
      if (i === -1) break;
      const sep = s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1;
      // a '\r' at a chunk's end may be the first half of '\r\n'
      if (s[i] === '\r' && i === s.length - 1) break;
      this._line(s.slice(0, i));
      s = s.slice(i + sep);
    }
    this._buffer = s;
  }
  _line(line) {
    if (this.closed) return;
    const question = this[kQuestion];
    if (question) {
      this[kQuestion] = null;
      question(line);
      return;
    }
    this.emit('line', line);
  }
  setPrompt(prompt) { this._prompt = prompt; }
  getPrompt() { return this._prompt; }
  prompt() {
    if (this.closed) throw Object.assign(new Error('readline was closed'), { code: 'ERR_USE_AFTER_CLOSE' });
    if (this._paused) this.resume();
    this.output?.write?.(this._prompt);
  }
  question(query, options, cb) {
    if (typeof options === 'function') cb = options;
    if (this.closed) throw Object.assign(new Error('readline was closed'), { code: 'ERR_USE_AFTER_CLOSE' });
    if (typeof cb !== 'function') return;
    if (this[kQuestion]) {
      this.prompt();
      return;
    }
    this[kQuestion] = cb;
    this.output?.write?.(query);
  }
  write(data) {
    if (this.closed) throw Object.assign(new Error('readline was closed'), { code: 'ERR_USE_AFTER_CLOSE' });
    if (typeof data === 'string') this._write(data);
  }
  pause() {
    if (this._paused) return this;
    this.input.pause?.();
    this._paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this._paused) return this;
    this.input.resume?.();
    this._paused = false;
    this.emit('resume');
    return this;
  }
  close() {
    if (this.closed) return;
    this.pause();
    this.input.removeListener('data', this._ondata);
    this.input.removeListener('end', this._onend);
    this.closed = true;
    this.emit('close');
  }
  getCursorPos() { return { rows: 0, cols: this.cursor }; }
  [Symbol.asyncIterator]() {
    const queue = [];
    const waiting = [];
    let done = false;
    const push = (line) => (waiting.length ? waiting.shift()({ value: line, done: false }) : queue.push(line));
    const finish = () => {
      done = true;
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    this.on('line', push);
    this.once('close', finish);
    if (this.closed) finish();
    const stop = () => {
      this.removeListener('line', push);
      finish();
    };
    return {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: () => {
        stop();
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}

const CSI = '\x1b[';
export function cursorTo(stream, x, y, cb) {
  if (typeof y === 'function') {
    cb = y;
    y = undefined;
  }
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return stream?.write ? stream.write(data, cb) : (cb?.(), true);
}
export function moveCursor(stream, dx, dy, cb) {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return stream?.write && data ? stream.write(data, cb) : (cb?.(), true);
}
export function clearLine(stream, dir, cb) {
  const data = dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`;
  return stream?.write ? stream.write(data, cb) : (cb?.(), true);
}
export function clearScreenDown(stream, cb) {
  return stream?.write ? stream.write(`${CSI}0J`, cb) : (cb?.(), true);
}
export function emitKeypressEvents() {}
