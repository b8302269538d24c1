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
Object.defineProperty(Interface.prototype, '_getCursorPos', { value: InterfaceBase.prototype.getCursorPos, writable: true, configurable: true });

export { clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor, promises };
export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

export default { Interface, clearLine, clearScreenDown, createInterface, cursorTo, emitKeypressEvents, moveCursor, promises };
