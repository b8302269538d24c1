// node:sys, the old name of node:util.
process.emitWarning('sys is deprecated. Use util instead.', 'DeprecationWarning', 'DEP0025');
export * from 'node:util';
import util from 'node:util';
export default util;
