'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const { mkdirp, mkdirpSync, mkdirpNative, mkdirpManual, mkdirpManualSync, useNative } = require('mkdirp');
const fs = require('fs');
const { listTree, show } = require('./_tree');

tmpdir.refresh();
const rel = (p) => (p === undefined ? 'undefined' : p.replace(tmpdir.path, '<tmp>'));

show('sync made', rel(mkdirpSync(tmpdir.resolve('a/b/c'))));
show('sync again', rel(mkdirpSync(tmpdir.resolve('a/b/c'))));
show('manualSync', rel(mkdirpManualSync(tmpdir.resolve('m/n/o'))));
show('useNative', typeof useNative());
fs.writeFileSync(tmpdir.resolve('file'), 'x');
try {
  mkdirpSync(tmpdir.resolve('file/sub'));
} catch (e) {
  show('under a file', e.code);
}
(async () => {
  show('async made', rel(await mkdirp(tmpdir.resolve('p/q/r'), 0o755)));
  show('native', rel(await mkdirpNative(tmpdir.resolve('n1/n2'))));
  show('manual', rel(await mkdirpManual(tmpdir.resolve('x/y/z'))));
  show('mode', (fs.statSync(tmpdir.resolve('p/q/r')).mode & 0o777).toString(8));
  await mkdirp(tmpdir.resolve('file/sub')).catch((e) => show('async under a file', e.code));
  show('tree', listTree(tmpdir.path));
})().then(common.mustCall());
