'use strict';
const common = require('../common');
const assert = require('assert');
const { parseArgs } = require('util');
const r = parseArgs({
  args: ['-f', '--bar', 'b', 'pos', '--list', 'x', '--list', 'y'],
  options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' }, list: { type: 'string', multiple: true } },
  allowPositionals: true,
});
console.log(JSON.stringify(r));
assert.throws(() => parseArgs({ args: ['--nope'], options: {} }), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
console.log(JSON.stringify(parseArgs({ args: ['--a=1', '--', '--b'], options: { a: { type: 'string', default: '0' } }, allowPositionals: true, tokens: true }).tokens.map((t) => t.kind)));
