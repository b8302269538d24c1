// Blob and File (node:buffer and globals).
'use strict';
const { check, checkAsync } = require('./_check');
const buffer = require('buffer');

(async () => {
  const b = new Blob(['ab', new Uint8Array([99]), new Blob(['d']), new Uint16Array([0x6665]).buffer], { type: 'Text/Plain' });
  check('basics', () => [b.size, b.type, Object.prototype.toString.call(b), String(b), buffer.Blob === Blob, buffer.File === File]);
  await checkAsync('text', () => b.text());
  await checkAsync('arrayBuffer', async () => new Uint8Array(await b.arrayBuffer()));
  await checkAsync('slice', () => b.slice(1, -1, 'X/Y').text());
  check('slice type and size', () => { const s = b.slice(-2); return [s.size, s.type]; });
  check('empty', () => [new Blob().size, new Blob([]).type, new Blob(['é']).size]);
  check('odd types', () => [new Blob([], { type: 'a\u00e9' }).type, new Blob([], { type: 'A/B' }).type]);
  check('inspect', () => require('util').inspect(b));
  check('a string is not a sequence', () => new Blob('str'));
  await checkAsync('other parts are strings', () => new Blob([1, { toString() { return 'x'; } }, null]).text());
  check('File', () => { const f = new File(['x'], 'a.txt', { type: 'text/plain', lastModified: 42 }); return [f.name, f.size, f.type, f.lastModified, f instanceof Blob, Object.prototype.toString.call(f)]; });
  check('File needs a name', () => new File(['x']));
})();
