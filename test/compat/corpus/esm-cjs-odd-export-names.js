// An ES module importing a CommonJS module whose exports have names that are no identifiers:
// a dash, a reserved word, a NUL inside (the import must not fail on any of them).
const fs = require('fs');
const path = require('path');
const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'odd-names-'));
fs.writeFileSync(path.join(dir, 'lib.cjs'), "exports['a-b'] = 1; exports.if = 2; exports.a = 3; exports['a\\0b'] = 4;");
fs.writeFileSync(path.join(dir, 'main.mjs'), "import * as ns from './lib.cjs'; import d, { a } from './lib.cjs';\n" +
  "console.log(ns['a-b'], ns.if, a, d['a\\0b']);");
import(path.join(dir, 'main.mjs')).then(() => fs.rmSync(dir, { recursive: true }), (e) => { console.log('failed', e.message); process.exitCode = 1; });
