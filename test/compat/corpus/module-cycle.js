'use strict';
require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
fs.writeFileSync(tmpdir.resolve('a.js'), "exports.a1 = true; const b = require('./b'); exports.a2 = b.b; exports.seenB = b.seenA;");
fs.writeFileSync(tmpdir.resolve('b.js'), "const a = require('./a'); exports.seenA = { ...a }; exports.b = 'b';");
console.log(require(tmpdir.resolve('a.js')));
fs.mkdirSync(tmpdir.resolve('node_modules/pkg/lib'), { recursive: true });
fs.writeFileSync(tmpdir.resolve('node_modules/pkg/package.json'), JSON.stringify({ main: 'lib/main.js' }));
fs.writeFileSync(tmpdir.resolve('node_modules/pkg/lib/main.js'), "module.exports = 'pkg main';");
fs.writeFileSync(tmpdir.resolve('use.js'), "module.exports = require('pkg');");
console.log(require(tmpdir.resolve('use.js')));
try { require(tmpdir.resolve('nope')); } catch (e) { console.log(e.code); }
