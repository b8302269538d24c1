'use strict';
// fs-extra's hard-link helpers (ensureLink, copy of a tree keeping hard links out of it).
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const fse = require('fs-extra');
const { listTree, show } = require('./_tree');

tmpdir.refresh();
(async () => {
  await fse.outputFile(tmpdir.resolve('src/file.txt'), 'content');
  await fse.ensureLink(tmpdir.resolve('src/file.txt'), tmpdir.resolve('links/hard.txt'));
  show('ensureLink', listTree(tmpdir.path));
  show('nlink', (await fse.stat(tmpdir.resolve('src/file.txt'))).nlink);
  fse.ensureLinkSync(tmpdir.resolve('src/file.txt'), tmpdir.resolve('links/hard2.txt'));
  show('ensureLinkSync', fse.readFileSync(tmpdir.resolve('links/hard2.txt'), 'utf8'));
})().then(common.mustCall());
