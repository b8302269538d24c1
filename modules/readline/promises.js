// node:readline/promises: question() as a promise (with AbortSignal), and Readline, which
// queues cursor commands for one write on commit().
import { Interface as Base, kQuestion, kQuestionCancel, kTabComplete, kTabCompleter, kWriteToOutput } from 'qjsw:internal/readline';
import { abortError, invalidArgType, outOfRange } from 'qjsw:internal/errors';
import { inspect } from 'node:util';


export class Interface extends Base {
  // The promises interface awaits its completer whatever it returns, as Node's: a completion
  // is written in a later microtask, never before the keypress's write() returns.
  async [kTabComplete](lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    let value;
    try {
      value = await this.completer(string);
    } catch (err) {
      this[kWriteToOutput](`Tab completion error: ${inspect(err)}`);
      return;
    } finally {
      this.resume();
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  }

  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      const signal = options?.signal;
      if (signal) {
        if (typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('options.signal', 'AbortSignal', signal);
        if (signal.aborted) {
          reject(abortError(signal));
          return;
        }
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      this[kQuestion](query, cb);
    });
  }
}
export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}
const CSI = '\x1b[';

export class Readline {
  #autoCommit = false;
  #stream;
  #todo = [];
  constructor(stream, options = undefined) {
    if (stream == null || typeof stream.write !== 'function' || typeof stream.on !== 'function') {
      throw invalidArgType('stream', 'Writable', stream);
    }
    this.#stream = stream;
    if (options?.autoCommit != null) {
      if (typeof options.autoCommit !== 'boolean') throw invalidArgType('options.autoCommit', 'boolean', options.autoCommit);
      this.#autoCommit = options.autoCommit;
    }
  }
  #push(data) {
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
    return this;
  }
  cursorTo(x, y = undefined) {
    validateInteger(x, 'x');
    if (y != null) validateInteger(y, 'y');
    return this.#push(y == null ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`);
  }
  moveCursor(dx, dy) {
    if (dx || dy) {
      validateInteger(dx, 'dx');
      validateInteger(dy, 'dy');
      let data = '';
      if (dx < 0) data += `${CSI}${-dx}D`;
      else if (dx > 0) data += `${CSI}${dx}C`;
      if (dy < 0) data += `${CSI}${-dy}A`;
      else if (dy > 0) data += `${CSI}${dy}B`;
      this.#push(data);
    }
    return this;
  }
  clearLine(dir) {
    validateInteger(dir, 'dir', -1, 1);
    return this.#push(dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`);
  }
  clearScreenDown() {
    return this.#push(`${CSI}0J`);
  }
  commit() {
    return new Promise((resolve) => {
      this.#stream.write(this.#todo.join(''), resolve);
      this.#todo = [];
    });
  }
  rollback() {
    this.#todo = [];
    return this;
  }
}

export default { Interface, Readline, createInterface };
