'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const { rimraf, rimrafSync, native, manual, manualSync, moveRemove } = require('rimraf');
const path = require('path');
const fs = require('fs');
const { makeTree, listTree, show } = require('./_tree');

tmpdir.refresh();
const spec = { a: { b: { c: { 'f.txt': '1' }, 'g.txt': '2' }, 'h.log': '3' }, keep: { 'k.txt': 'k' } };
const fresh = (name) => {
  const root = tmpdir.resolve(name);
  makeTree(root, spec);
  fs.symlinkSync('../keep/k.txt', path.join(root, 'a/link'));
  return root;
};

let root = fresh('sync');
show('rimrafSync', rimrafSync(path.join(root, 'a')));
show('after sync', listTree(root));
show('missing', rimrafSync(path.join(root, 'nope')));
root = fresh('manualSync');
manualSync(path.join(root, 'a'));
show('after manualSync', listTree(root));

(async () => {
  root = fresh('async');
  show('rimraf', await rimraf(path.join(root, 'a')));
  show('after async', listTree(root));
  root = fresh('native');
  await native(path.join(root, 'a'));
  show('after native', listTree(root));
  root = fresh('manual');
  await manual(path.join(root, 'a'));
  show('after manual', listTree(root));
  root = fresh('filter');
  await rimraf(path.join(root, 'a'), { filter: (p) => !p.endsWith('.txt') });
  show('after filter', listTree(root));
  root = fresh('glob');
  await rimraf('**/*.{txt,log}', { glob: { cwd: root } });
  show('after glob', listTree(root));
  root = fresh('move');
  await moveRemove(path.join(root, 'a'), { tmp: tmpdir.path }).then(() => show('moveRemove', listTree(root)), (e) => show('moveRemove', e.code));
  await rimraf([path.join(root, 'keep'), path.join(root, 'gone')]);
  show('array of paths', listTree(root));
})().then(common.mustCall());
