// node:assert/strict — assert in strict mode (equal is strictEqual, deepEqual deepStrictEqual).
import assert from 'node:assert';

export default assert.strict;
