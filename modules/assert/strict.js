// node:assert/strict — assert in strict mode (equal is strictEqual, deepEqual deepStrictEqual).
import assert from 'node:assert';

export default assert.strict;
// Node's namespace of a builtin: default and each enumerable own property, read at first import
export const {
  ok, fail, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, strictEqual,
  notStrictEqual, throws, rejects, doesNotThrow, doesNotReject, ifError, match, doesNotMatch, AssertionError,
  CallTracker, strict,
} = assert.strict;
