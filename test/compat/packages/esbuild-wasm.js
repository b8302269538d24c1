// sandbox: --wasm
'use strict';
// esbuild-wasm: esbuild's Go build, run as a service in a child process of node
const esbuild = require('esbuild-wasm');

(async () => {
  await esbuild.initialize({});
  const ts = await esbuild.transform('const f = (a: number): number => a * 2;\nexport default f;\nenum E { A = 1 }', { loader: 'ts', format: 'cjs' });
  console.log(ts.code);
  const min = await esbuild.transform('function add(first, second) { return first + second }\nconsole.log(add(1, 2))', { minify: true });
  console.log(min.code);
  try { await esbuild.transform('let = ;', { loader: 'js' }); } catch (e) { console.log(e.errors.map((x) => x.text).join('; ')); }
  console.log(esbuild.version);
})();
