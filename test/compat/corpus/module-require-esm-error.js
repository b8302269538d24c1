'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fs = require('fs');
fs.writeFileSync(tmpdir.resolve('e.mjs'), 'export default 1;');
try { require(tmpdir.resolve('e.mjs')); } catch (e) { console.log(e.code); }
fs.writeFileSync(tmpdir.resolve('syntax.js'), 'this is not js');
try { require(tmpdir.resolve('syntax.js')); } catch (e) { console.log(e.name); }
fs.writeFileSync(tmpdir.resolve('bad.json'), '{bad');
try { require(tmpdir.resolve('bad.json')); } catch (e) { console.log(e.name, e.message.includes('bad.json')); }
