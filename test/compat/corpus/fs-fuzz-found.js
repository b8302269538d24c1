'use strict';
// Linux corners the differential fs fuzzer found (test/fs-fuzz): each as Node on Linux answers.
require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
// joined, not resolved: the spelling (trailing slashes, "..") is what is tested
const p = (name) => `${tmpdir.path}/${name}`;
const rel = (s) => String(s).split(tmpdir.path).join('<tmp>').slice(0, 160);
const show = (label, fn) => {
  try {
    const r = fn();
    console.log(label, 'ok', rel(r));
  } catch (e) {
    console.log(label, e.code, e.errno, e.syscall, rel(e.path), rel(e.dest), rel(e.message));
  }
};

// mkdir -p through a dangling link: the sync form reports stat's ENOENT for the whole path,
// the callback and promise forms ENOTDIR about the link
fs.symlinkSync('../nowhere', p('dangling'));
show('mkdirSync -p dangling/c', () => fs.mkdirSync(p('dangling/c'), { recursive: true }));
fs.mkdir(p('dangling/c/d'), { recursive: true }, (e) => {
  console.log('mkdir cb', e.code, rel(e.path));
  fs.promises.mkdir(p('dangling/c'), { recursive: true }).catch((e) => console.log('mkdir promise', e.code, rel(e.path)));
});

// rename looks up the source's parent before the target's name
fs.writeFileSync(p('file'), 'x');
show('rename file/a -> ""', () => fs.renameSync(p('file/a'), ''));
show('rename "" -> file/a', () => fs.renameSync('', p('file/a')));

// a link whose target runs through itself, with long names on the way: ELOOP
fs.symlinkSync(p('self/b/' + 'n'.repeat(255)), p('self'));
show('realpath.native loop', () => fs.realpathSync.native(p('self')));
// a long path through ".." that resolves
fs.mkdirSync(p('dir'));
const long = 'dir/../'.repeat(700) + 'file';
show('realpath.native long', () => fs.realpathSync.native(p(long)));
show('realpath.native long missing', () => fs.realpathSync.native(p('dir/../'.repeat(700) + 'missing/../file')));

// fstat of an open file unlinked since: no links left
const fd = fs.openSync(p('gone'), 'w');
fs.unlinkSync(p('gone'));
console.log('nlink after unlink', fs.fstatSync(fd).nlink);
fs.closeSync(fd);

// copyFile truncates the destination, which moves its mtime even when nothing is written
fs.writeFileSync(p('empty'), '');
fs.writeFileSync(p('dest'), 'old');
fs.utimesSync(p('dest'), 946684800, 946684800);
fs.copyFileSync(p('empty'), p('dest'));
console.log('copyFile moved mtime', fs.statSync(p('dest')).mtimeMs > 946684800000);

// mkdtemp in a set-group-ID directory makes a set-group-ID directory
fs.mkdirSync(p('sgid'));
fs.chmodSync(p('sgid'), 0o2755);
console.log('mkdtemp mode', (fs.statSync(fs.mkdtempSync(p('sgid/t-'))).mode & 0o7777).toString(8));

// "file/" is ENOTDIR for access whatever the mode asked
show('access file// X_OK|W_OK', () => fs.accessSync(p('file//'), 3));

// cp: into its own parent spelled through the source, and paths joined as path.join does
fs.mkdirSync(p('a/b'), { recursive: true });
show('cp a -> a/..', () => fs.cpSync(p('a'), p('a/..'), { recursive: true }));
fs.writeFileSync(p('b'), 'file in the way');
show('cp a -> .', () => fs.cpSync(p('a'), p('.'), { recursive: true }));
// a link onto a link that names a subdirectory of the source's target
fs.mkdirSync(p('l/src/sub'), { recursive: true });
fs.symlinkSync(p('l/src'), p('l/link1'));
fs.symlinkSync(p('l/src/sub'), p('l/link2'));
show('cp link -> link into its subdir', () => fs.cpSync(p('l/link1'), p('l/link2')));
show('cp link -> link to its parent', () => fs.cpSync(p('l/link2'), p('l/link1')));
