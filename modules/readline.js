// node:readline: its Interface is callable without `new` (as Node's function constructor is)
// and keeps the underscore methods; the work is qjsw:internal/readline's.
import {
  Interface as InterfaceBase, clearLine, clearScreenDown, cursorTo, emitKeypressEvents, legacyMethods, moveCursor,
} from 'qjsw:internal/readline';
import * as promises from 'node:readline/promises';

export function Interface(input, output, completer, terminal) {
  if (!new.target) return new Interface(input, output, completer, terminal);
  return Reflect.construct(InterfaceBase, [input, output, completer, terminal], new.target);
}
Object.setPrototypeOf(Interface.prototype, InterfaceBase.prototype);
Object.setPrototypeOf(Interface, InterfaceBase);
for (const [name, symbol] of Object.entries(legacyMethods)) {
  Object.defineProperty(Interface.prototype, name, { value: InterfaceBase.prototype[symbol], writable: true, configurable: true });
}
// question with a callback, and the promise form util.promisify(rl.question) takes.
function question(query, options, cb) {
  return InterfaceBase.prototype.question.call(this, query, options, cb);
}
Object.defineProperty(question, Symbol.for('nodejs.util.promisify.custom'), {
  value: function question(query, options) {
    if (options === null || typeof options !== 'object') options = {};
    const signal = options.signal;
    const aborted = () => {
      const err = new Error('The operation was aborted');
      err.name = 'AbortError';
      err.code = 'ABORT_ERR';
      if (signal.reason !== undefined) err.cause = signal.reason;
      return err;
    };
    if (signal && signal.aborted) return Promise.reject(aborted());
    return new Promise((resolve, reject) => {
      let cb = resolve;
      if (signal) {
        const onAbort = () => reject(aborted());
        signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      this.question(query, options, cb);
    });
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(Interface.prototype, 'question', { value: question, writable: true, configurable: true });
Object.defineProperty(Interface.prototype, '_getCursorPos', { value: InterfaceBase.prototype.getCursorPos, writable: true, configurable: true });

export { clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor, promises };
export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

export default { Interface, clearLine, clearScreenDown, createInterface, cursorTo, emitKeypressEvents, moveCursor, promises };
