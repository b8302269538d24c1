// Named imports of builtins as ESM code writes them: Node's namespace of a builtin holds each
// enumerable own property of its CommonJS exports.
import { strictEqual, deepStrictEqual, AssertionError } from 'node:assert/strict';
import { join, sep, basename } from 'node:path/posix';
import { win32 as w } from 'node:path';
import { join as winJoin } from 'node:path/win32';
import { log, error as logError } from 'node:console';
import { captureRejectionSymbol, defaultMaxListeners, usingDomains } from 'node:events';
import { isDate, isRegExp } from 'node:util';

strictEqual(1, 1);
deepStrictEqual({ a: [1] }, { a: [1] });
log(typeof AssertionError, join('a', 'b'), sep, basename('/x/y.js'), winJoin('a', 'b') === w.join('a', 'b'));
log(typeof captureRejectionSymbol, defaultMaxListeners, usingDomains, typeof logError);
log(isDate(new Date()), isRegExp(/x/), isDate({}));
