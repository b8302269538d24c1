'use strict';
const common = require('../common');
const assert = require('assert');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const fs = require('fs');
const path = require('path');
const pkg = tmpdir.resolve('node_modules/dual');
fs.mkdirSync(path.join(pkg, 'lib'), { recursive: true });
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({
  name: 'dual', exports: { '.': { require: './lib/main.cjs', import: './lib/main.mjs' }, './feature': './lib/feature.js', './package.json': './package.json' },
  imports: { '#internal': './lib/internal.js' },
}));
fs.writeFileSync(path.join(pkg, 'lib/main.cjs'), "module.exports = 'cjs ' + require('#internal');");
fs.writeFileSync(path.join(pkg, 'lib/main.mjs'), "export default 'esm';");
fs.writeFileSync(path.join(pkg, 'lib/feature.js'), "module.exports = 'feature';");
fs.writeFileSync(path.join(pkg, 'lib/internal.js'), "module.exports = 'internal';");
fs.writeFileSync(tmpdir.resolve('main.js'), "module.exports = [require('dual'), require('dual/feature'), require('dual/package.json').name];");
console.log(require(tmpdir.resolve('main.js')));
fs.writeFileSync(tmpdir.resolve('bad.js'), "require('dual/lib/internal.js');");
try { require(tmpdir.resolve('bad.js')); } catch (e) { console.log(e.code); }
fs.writeFileSync(tmpdir.resolve('esm.mjs'), "import d from 'dual'; console.log('import gives', d);");
import(tmpdir.resolve('esm.mjs')).then(common.mustCall());
