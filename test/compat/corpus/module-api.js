// node:module's API surface beyond require(): what tools reach for (the wrapper, _findPath,
// _resolveLookupPaths, SourceMap, register, runMain's presence), as Node 20 gives it.
const Module = require('module');
const path = require('path');
console.log(Object.keys(Module).sort().join(' '));
console.log(Module.mainModule, require.main === module, Module.wrap('x'), Module.wrapper.length);
const wrapDesc = Object.getOwnPropertyDescriptor(Module, 'wrap');
console.log(typeof wrapDesc.get, wrapDesc.enumerable, wrapDesc.configurable);
console.log(Module.globalPaths.at(-1) === path.resolve(process.execPath, '../../lib/node'));
console.log(Module._findPath('./' + path.basename(__filename, '.js'), [__dirname]) === __filename, Module._findPath('nope', [__dirname]));
console.log(Module._resolveLookupPaths('./x', module)[0] === __dirname, Module._resolveLookupPaths('fs', module));
console.log(Module._resolveLookupPaths('lodash', module).slice(0, module.paths.length).join() === module.paths.join());
console.log(Module.findSourceMap(__filename), Module.syncBuiltinESMExports(), typeof Module.runMain, typeof Module._preloadModules);
const sm = new Module.SourceMap({ version: 3, sources: ['a.ts', 'b.ts'], names: ['x', 'y'], mappings: 'AAAA,SAASA;AACA,CCCCC;;EAEF,EAAE' });
console.log(sm.payload.sources);
for (const [l, c] of [[0, 0], [0, 9], [0, 20], [1, 0], [1, 1], [2, 0], [3, 2], [3, 5], [9, 9]]) console.log(l, c, sm.findEntry(l, c));
console.log(sm.findOrigin(1, 10), sm.findOrigin(4, 7));
const index = new Module.SourceMap({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: { version: 3, sources: ['s.js'], names: [], mappings: 'AAAA' } },
  { offset: { line: 2, column: 4 }, map: { version: 3, sources: ['t.js'], names: [], mappings: 'AACA' } }] });
console.log(index.findEntry(2, 4), index.findEntry(2, 1));
try { new Module.SourceMap(null); } catch (e) { console.log(e.code); }
const { pathToFileURL } = require('url');
const hooks = path.join(require('os').tmpdir(), `hooks-${process.pid}.mjs`);
require('fs').writeFileSync(hooks, 'export async function resolve(s, c, next) { return next(s, c); }');
for (const args of [[1], ['./x.mjs'], ['lodash'], ['./no-hooks.mjs', pathToFileURL(__filename)], ['node:fs'], [pathToFileURL(hooks)], ['./' + path.basename(hooks), { parentURL: pathToFileURL(hooks) }]]) {
  try {
    Module.register(...args);
    console.log('register accepted');
  } catch (e) {
    console.log(e.code, e.message.replace(__dirname, '<dir>'));
  }
}
require('fs').unlinkSync(hooks);
