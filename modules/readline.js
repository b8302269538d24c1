// node:readline (see qjsw:internal/readline).
import { Interface, clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor } from 'qjsw:internal/readline';
import * as promises from 'node:readline/promises';

export { Interface, clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor, promises };
export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

export default { Interface, clearLine, clearScreenDown, createInterface, cursorTo, emitKeypressEvents, moveCursor, promises };
