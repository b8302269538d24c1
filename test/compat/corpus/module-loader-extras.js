'use strict';
// Module statics and loader behaviours Node's tests use: circular-require warnings, DEP0128,
// Module._stat, _resolveLookupPaths, multi-dot extensions, a patched wrapper, module.parent,
// no reads from Object.prototype while reading package.json, a native addon that cannot load.
require('../common');
const fs = require('fs');
const path = require('path');
const Module = require('module');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const dir = tmpdir.path;
const rel = (p) => (typeof p === 'string' ? path.relative(dir, p) : p);

process.on('warning', (w) => console.log('warning', w.name, w.code, w.message.replace(dir, '<tmp>')));

// a cycle: reading a missing property of half-made exports warns; __esModule does not
fs.writeFileSync(path.join(dir, 'ca.js'), "exports.early = 1; require('./cb'); exports.late = 2;");
fs.writeFileSync(path.join(dir, 'cb.js'), "const a = require('./ca'); module.exports = { early: a.early, late: a.late, esm: a.__esModule, has: 'late' in a };");
console.log(require(path.join(dir, 'ca.js')), require(path.join(dir, 'cb.js')));
console.log(Object.getPrototypeOf(require(path.join(dir, 'ca.js'))) === Object.prototype);

// DEP0128: "main" names no file, index.js is used
fs.mkdirSync(path.join(dir, 'badmain'));
fs.writeFileSync(path.join(dir, 'badmain/package.json'), JSON.stringify({ main: 'missing.js' }));
fs.writeFileSync(path.join(dir, 'badmain/index.js'), "module.exports = 'index';");
console.log(require(path.join(dir, 'badmain')));
console.log(require(path.join(dir, 'badmain')));

// Module._stat and _resolveLookupPaths
fs.writeFileSync(path.join(dir, 'file.js'), '');
console.log(Module._stat(dir), Module._stat(path.join(dir, 'file.js')), Module._stat(path.join(dir, 'nope')) < 0);
console.log(Module._resolveLookupPaths('./x'), Module._resolveLookupPaths('./x', null), Module._resolveLookupPaths('fs'));
console.log(Module._resolveLookupPaths('./x', module).map(rel));

// the longest registered extension handles a file
fs.writeFileSync(path.join(dir, 'multi.foo.bar'), 'module.exports = 1;');
require.extensions['.foo.bar'] = (m, filename) => { m.exports = `foo.bar handler for ${path.basename(filename)}`; };
require.extensions['.bar'] = () => { throw new Error('not this one'); };
console.log(require(path.join(dir, 'multi')), require(path.join(dir, 'multi.foo')));
delete require.extensions['.foo.bar'];
delete require.extensions['.bar'];

// module.parent: an accessor of Module.prototype (no warning without --pending-deprecation)
const child = new Module('child', module);
console.log(child.parent === module, Object.getOwnPropertyNames(child), typeof Object.getOwnPropertyDescriptor(Module.prototype, 'parent').get);
child.parent = null;
console.log(child.parent);

// package.json fields are not looked up on Object.prototype
Object.defineProperty(Object.prototype, 'main', { get() { throw new Error('read main'); }, configurable: true });
fs.mkdirSync(path.join(dir, 'nomain'));
fs.writeFileSync(path.join(dir, 'nomain/package.json'), JSON.stringify({ name: 'nomain' }));
fs.writeFileSync(path.join(dir, 'nomain/index.js'), "module.exports = 'no main field';");
console.log(require(path.join(dir, 'nomain')));
delete Object.prototype.main;

// a .node file is a native addon: it fails to load as dlopen words it
fs.writeFileSync(path.join(dir, 'addon.node'), 'foobar\n');
try { require(path.join(dir, 'addon.node')); } catch (e) { console.log(e.code, e.message.replace(dir, '<tmp>')); }

console.log(typeof process.config.variables.node_module_version, process.config.variables.node_module_version === Number(process.versions.modules));

// a patched wrapper compiles every later module
fs.writeFileSync(path.join(dir, 'wrapped.js'), 'module.exports = typeof injected;');
const original = Module.wrapper[0];
Module.wrapper[0] += 'const injected = 1;';
console.log(require(path.join(dir, 'wrapped.js')));
Module.wrapper[0] = original;
