// node:console — the global console, which carries the Console class (as in Node).
import { console, Console } from 'qjsw:internal/console';

export { Console };
export default console;
// Node's namespace of a builtin: default and each enumerable own property (the global console's
// methods, bound to it), read at first import
export const {
  log, warn, dir, time, timeEnd, timeLog, trace, assert, clear, count, countReset, group, groupEnd, table, debug,
  info, dirxml, error, groupCollapsed, profile, profileEnd, timeStamp, context, createTask,
} = console;
