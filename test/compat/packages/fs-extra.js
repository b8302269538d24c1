'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const fse = require('fs-extra');
const path = require('path');
const { makeTree, listTree, show } = require('./_tree');

tmpdir.refresh();
const root = tmpdir.resolve('fse');

async function main() {
  // sync API
  fse.ensureDirSync(path.join(root, 'a/b/c'));
  fse.outputFileSync(path.join(root, 'a/b/c/file.txt'), 'deep');
  fse.outputJsonSync(path.join(root, 'a/conf.json'), { name: 'x', list: [1, 2] }, { spaces: 2 });
  show('readJsonSync', fse.readJsonSync(path.join(root, 'a/conf.json')));
  show('after outputs', listTree(root));
  fse.copySync(path.join(root, 'a'), path.join(root, 'copy'));
  show('copySync', listTree(path.join(root, 'copy')));
  fse.moveSync(path.join(root, 'copy'), path.join(root, 'moved'));
  show('moveSync', listTree(root));
  fse.removeSync(path.join(root, 'moved'));
  show('removeSync', fse.pathExistsSync(path.join(root, 'moved')));
  fse.emptyDirSync(path.join(root, 'a/b'));
  show('emptyDirSync', listTree(path.join(root, 'a')));

  // promise API
  makeTree(path.join(root, 'src'), {
    'index.js': 'module.exports = 1;\n',
    'README.md': '# src\n',
    lib: { 'one.js': '1', 'two.js': '2', nested: { 'deep.txt': 'deep' } },
    'skip.log': 'log',
  });
  await fse.copy(path.join(root, 'src'), path.join(root, 'dst'), { filter: (src) => !src.endsWith('.log') });
  show('copy with filter', listTree(path.join(root, 'dst')));
  await fse.copy(path.join(root, 'src/README.md'), path.join(root, 'dst/README.md'), { overwrite: false, errorOnExist: false });
  try {
    await fse.copy(path.join(root, 'src/README.md'), path.join(root, 'dst/README.md'), { overwrite: false, errorOnExist: true });
  } catch (e) {
    show('copy errorOnExist', e.message.replace(root, '<root>').replace(root, '<root>'));
  }
  await fse.move(path.join(root, 'dst/lib'), path.join(root, 'dst/library'));
  show('move', listTree(path.join(root, 'dst')));
  try {
    await fse.move(path.join(root, 'dst/index.js'), path.join(root, 'dst/README.md'));
  } catch (e) {
    show('move onto existing', e.message);
  }
  await fse.move(path.join(root, 'dst/index.js'), path.join(root, 'dst/README.md'), { overwrite: true });
  show('move overwrite', listTree(path.join(root, 'dst')));
  await fse.ensureFile(path.join(root, 'e/f/g.txt'));
  await fse.ensureSymlink(path.join(root, 'e/f/g.txt'), path.join(root, 'e/link.txt'));
  show('ensureSymlink', fse.readlinkSync(path.join(root, 'e/link.txt')) === path.join(root, 'e/f/g.txt'));
  await fse.outputJson(path.join(root, 'json/out.json'), { a: [1, { b: null }] });
  show('readJson', await fse.readJson(path.join(root, 'json/out.json')));
  show('readJson throws:false', await fse.readJson(path.join(root, 'src/README.md'), { throws: false }));
  show('pathExists', [await fse.pathExists(path.join(root, 'json')), await fse.pathExists(path.join(root, 'nope'))]);
  await fse.remove(path.join(root, 'src'));
  await fse.remove(path.join(root, 'does/not/exist'));
  await fse.emptyDir(path.join(root, 'json'));
  show('final', listTree(root));
  show('stat via fs-extra', (await fse.stat(path.join(root, 'dst/README.md'))).size);
}

// callback API, after the promise API (one thing at a time: the order of independent
// completions is the event loop's business)
function callbacks(done) {
  fse.mkdirs(tmpdir.resolve('cb/x/y'), common.mustSucceed(() => {
    fse.writeJson(tmpdir.resolve('cb/x/y/z.json'), { cb: true }, common.mustSucceed(() => {
      fse.readJson(tmpdir.resolve('cb/x/y/z.json'), common.mustSucceed((obj) => {
        show('callback readJson', obj);
        done();
      }));
    }));
  }));
}

main().then(() => callbacks(common.mustCall()));
