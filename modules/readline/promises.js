// node:readline/promises: question() as a promise, and Readline's queued cursor commands.
import { Interface as Base, clearLine, clearScreenDown, cursorTo, moveCursor } from 'qjsw:internal/readline';

export class Interface extends Base {
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
        return;
      }
      super.question(query, resolve);
    });
  }
}
export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}
export class Readline {
  constructor(stream) {
    this.stream = stream;
    this.todo = [];
  }
  clearLine(dir) { this.todo.push((s) => clearLine(s, dir)); return this; }
  clearScreenDown() { this.todo.push((s) => clearScreenDown(s)); return this; }
  cursorTo(x, y) { this.todo.push((s) => cursorTo(s, x, y)); return this; }
  moveCursor(dx, dy) { this.todo.push((s) => moveCursor(s, dx, dy)); return this; }
  commit() {
    for (const fn of this.todo.splice(0)) fn(this.stream);
    return Promise.resolve();
  }
  rollback() { this.todo = []; return this; }
}

export default { Interface, Readline, createInterface };
