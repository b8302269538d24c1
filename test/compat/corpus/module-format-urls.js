// How Node 20.19 decides a file's format (extension, package "type", module syntax detection
// in packages without "type"), files reached through symlinks (their real path and package),
// import() of file URLs with ?query and #hash, import() in new Function() code, and an
// unknown node: id in a static import.
const fs = require('fs');
const path = require('path');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(require('os').tmpdir(), 'modfmt-')));
const write = (name, text) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
const rel = (s) => String(s).split(dir).join('<dir>');
// (a SyntaxError's message is the engine's own wording)
const show = (e) => console.log(e.constructor.name, e.code, e instanceof SyntaxError ? '' : rel(e.message).split('\n')[0]);
write('typed/package.json', '{"type":"module"}');
write('typed/bin/tool', '#!/usr/bin/env node\nexport const kind = "esm " + typeof require;');
write('typeless/package.json', '{"name":"typeless"}');
write('typeless/esm.js', 'export const kind = "detected " + import.meta.url.slice(-7);');
write('typeless/noext', 'import path from "node:path";\nexport const kind = path.basename("/a/detected-noext");');
write('typeless/tla.js', 'export const v = await Promise.resolve("tla");');
write('typeless/cjs.js', 'const importWord = "import x from y"; module.exports = { kind: "cjs " + importWord.length };');
write('typeless/bad.js', 'module.exports = ;');
write('typeless/bad-both.js', 'import x from "./y.js"; module.exports = ;');
write('cjsonly/package.json', '{"type":"commonjs"}');
write('cjsonly/esm.js', 'export const x = 1;');
write('esm.cjs', 'export const x = 1;');
write('real/pkg/package.json', '{"type":"module","name":"pkg"}');
write('real/pkg/index.js', 'export const where = import.meta.filename;');
write('real/pkg/plain.cjs', 'module.exports = __filename;');
fs.mkdirSync(path.join(dir, 'app/node_modules'), { recursive: true });
fs.symlinkSync(path.join(dir, 'real/pkg'), path.join(dir, 'app/node_modules/pkg'));
write('meta.mjs', 'export const url = import.meta.url; export const n = Math.random();');
write('a dir/sp ace.mjs', 'export const ok = "spaced";');
write('imports-nope.mjs', 'import "node:nope"; export const x = 1;');
write('fn/maker.js', 'exports.load = new Function("id", "return import(id)");');
write('fn/target.mjs', 'export const found = "relative to the script";');

const r = (name) => require(path.join(dir, name));
console.log(r('typed/bin/tool').kind, r('typeless/esm.js').kind, r('typeless/noext').kind, r('typeless/cjs.js').kind);
for (const name of ['typeless/tla.js', 'typeless/bad.js', 'typeless/bad-both.js', 'cjsonly/esm.js', 'esm.cjs']) {
  try {
    r(name);
  } catch (e) {
    show(e);
  }
}
const appRequire = require('module').createRequire(path.join(dir, 'app/index.js'));
console.log(rel(appRequire.resolve('pkg/plain.cjs')), rel(appRequire('pkg/plain.cjs')), rel(appRequire('pkg').where));

(async () => {
  const base = require('url').pathToFileURL(dir).href;
  const a = await import(`${base}/meta.mjs?v=1#x`);
  const b = await import(`${base}/meta.mjs?v=2`);
  const c = await import(`${base}/meta.mjs`);
  const a2 = await import(`${base}/meta.mjs?v=1#x`);
  console.log(rel(a.url), rel(b.url), rel(c.url), a === b, a.n === b.n, a === a2);
  console.log((await import(path.join(dir, 'meta.mjs?v=3'))).url.endsWith('?v=3'));
  console.log((await import(`${base}/a%20dir/sp%20ace.mjs`)).ok, (await import('./' + path.relative(__dirname, dir + '/a dir/sp ace.mjs'))).ok);
  console.log((await import(`${base}/typeless/tla.js`)).v, (await import(`${base}/typeless/esm.js`)).kind);
  const cjs = await import(`${base}/typeless/cjs.js`);
  console.log(cjs.default.kind);
  await import(`${base}/imports-nope.mjs`).catch(show);
  await import('node:nope').catch(show);
  console.log((await r('fn/maker.js').load('./target.mjs')).found);
  fs.rmSync(dir, { recursive: true });
})();
