'use strict';
// rmdirSync/rmSync with recursive remove a directory's children and then the directory itself
// through the public fs.rmdirSync (Node's rimraf), with no options and the children's paths as
// Buffers: a replaced fs.rmdirSync sees those calls.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

process.on('warning', common.mustCall((w) => console.log('warning', w.name, w.code)));

function tree(name) {
  const root = tmpdir.resolve(name);
  fs.mkdirSync(`${root}/a/b`, { recursive: true });
  fs.mkdirSync(`${root}/c`);
  fs.writeFileSync(`${root}/a/b/f.txt`, 'x');
  fs.writeFileSync(`${root}/top.txt`, 'y');
  fs.symlinkSync('a', `${root}/link`);
  return root;
}

const original = fs.rmdirSync;
const calls = [];
fs.rmdirSync = function(path, options) {
  calls.push([Buffer.isBuffer(path) ? 'Buffer' : typeof path, String(path).replace(tmpdir.path, '<tmp>'),
              options === undefined ? 'no options' : JSON.stringify(options)]);
  return original.apply(this, arguments);
};
try {
  fs.rmdirSync(tree('one'), { recursive: true });
  console.log('rmdirSync', calls.splice(0));
  fs.rmSync(tree('two'), { recursive: true });
  console.log('rmSync', calls.splice(0));
  fs.rmSync(tree('three'), { recursive: true, maxRetries: 2 });
  console.log('rmSync maxRetries', calls.splice(0));
} finally {
  fs.rmdirSync = original;
}
console.log(fs.readdirSync(tmpdir.path));
