// node:repl: there is no terminal to read a session from here, so start() fails when called.
import { builtinModules } from 'node:module';
import { inspect } from 'node:util';
import { unavailableClass, unavailableFunction } from 'qjsw:internal/unavailable';

export const start = unavailableFunction('start', 'repl.start');
export const writer = (obj) => inspect(obj, writer.options);
writer.options = { ...inspect.defaultOptions, showProxy: true };
export const REPLServer = unavailableClass('REPLServer', 'repl.REPLServer');
export const REPL_MODE_SLOPPY = Symbol('repl-sloppy');
export const REPL_MODE_STRICT = Symbol('repl-strict');
export class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}
export function isValidSyntax(input) {
  try {
    new Function(input);
    return true;
  } catch {
    return false;
  }
}
export { builtinModules };

export default { start, writer, REPLServer, REPL_MODE_SLOPPY, REPL_MODE_STRICT, Recoverable, isValidSyntax, builtinModules };
