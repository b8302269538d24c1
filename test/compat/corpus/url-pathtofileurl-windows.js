'use strict';
// pathToFileURL(p, { windows: true }) resolves with path.win32 (the cwd is a POSIX one here).
require('../common');
const { pathToFileURL } = require('url');
const cwd = require('path').win32.resolve('.').replace(/\\/g, '/');
for (const p of ['C:\\', 'C:\\a\\b', 'C:\\a\\b\\', 'c:/x/../y', 'C:', 'C:foo', 'C:foo\\', 'D:..\\..\\z', '\\rooted', '/rooted/', 'rel', 'rel\\', '..\\..\\..\\..\\..\\..\\..\\x', 'a%b#c?d', 'C:\\a b\\ü', '\\\\server\\share\\f', '\\\\?\\UNC\\s\\h\\f', '.', '', 'C:\\..\\..']) {
  let out;
  try { out = pathToFileURL(p, { windows: true }).href; } catch (e) { out = e.code; }
  console.log(JSON.stringify(p), out.split(encodeURI(cwd)).join('<cwd>'));
}
