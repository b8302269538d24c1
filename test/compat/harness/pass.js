// Passes in Node and in the sandbox: common helpers, tmpdir, fixtures.
'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
const fixtures = require('../common/fixtures');

tmpdir.refresh();
fs.writeFile(tmpdir.resolve('a.txt'), 'hello', common.mustSucceed(() => {
  fs.readFile(tmpdir.resolve('a.txt'), 'utf8', common.mustSucceed((text) => {
    console.log('read back', text);
  }));
}));
setTimeout(common.mustCall(), 1);
const tick = common.mustCallAtLeast(() => {}, 2);
tick(); tick(); tick();
console.log('fixture', JSON.stringify(fixtures.readSync('x.txt', 'utf8')));
console.log('platform', common.isLinux, common.isWindows, common.isMacOS, common.canCreateSymLink());
assert.throws(() => fs.readFileSync(123.5), { code: 'ERR_INVALID_ARG_TYPE' });
console.log('helper', common.invalidArgTypeHelper(123.5), common.invalidArgTypeHelper(null), common.invalidArgTypeHelper([]));
const frozen = common.mustNotMutateObjectDeep({ a: { b: 1 } });
assert.throws(() => { frozen.a.b = 2; }, /Expected no side effects/);
fs.access('/no/such/file', common.expectsError({ code: 'ENOENT' }));
console.log('tmpdir is inside the run:', tmpdir.path.endsWith('/test/.tmp.0'));
