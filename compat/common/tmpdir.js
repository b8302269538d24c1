// A scratch directory for the test, as Node core's test/common/tmpdir: `path` is
// <run>/test/.tmp.<TEST_SERIAL_ID or 0>, `refresh()` empties it (creating it), `resolve(...p)`
// and `fileURL(...p)` name paths in it, `hasEnoughSpace(size)` checks free space.
'use strict';

const fs = require('fs');
const path = require('path');

const testRoot = path.resolve(__dirname, '..');
const tmpdirName = `.tmp.${process.env.TEST_SERIAL_ID || '0'}`;
const tmpPath = path.join(testRoot, tmpdirName);

function refresh() {
  fs.rmSync(tmpPath, { recursive: true, force: true, maxRetries: 3 });
  fs.mkdirSync(tmpPath, { recursive: true });
}

function resolve(...paths) {
  return path.resolve(tmpPath, ...paths);
}

function fileURL(...paths) {
  const { pathToFileURL } = require('url');
  const full = resolve(...paths);
  // a trailing separator is kept, as for a directory URL
  const last = paths.length ? String(paths[paths.length - 1]) : '/';
  return pathToFileURL(last.endsWith('/') && !full.endsWith('/') ? `${full}/` : full);
}

function hasEnoughSpace(size) {
  const { bavail, bsize } = fs.statfsSync(tmpPath);
  return bavail >= Math.ceil(size / bsize);
}

module.exports = {
  path: tmpPath,
  refresh,
  resolve,
  fileURL,
  hasEnoughSpace,
};
