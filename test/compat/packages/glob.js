'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const { glob, globSync, Glob, hasMagic, escape } = require('glob');
const { makeTree, show } = require('./_tree');

tmpdir.refresh();
const cwd = tmpdir.resolve('tree');
makeTree(cwd, {
  'package.json': '{}',
  'README.md': '# r',
  '.hidden': { 'secret.js': '' },
  src: {
    'index.js': '', 'util.ts': '', 'a.test.js': '',
    lib: { 'one.js': '', 'two.mjs': '', deep: { 'x.js': '', 'y.json': '{}' } },
  },
  docs: { 'guide.md': '', 'api.md': '', img: { 'logo.png': '' } },
  'node_modules': { dep: { 'index.js': '' } },
});

const sorted = (list) => list.map(String).sort();
const patterns = [
  '**/*.js', '*.{md,json}', 'src/**', 'src/*/', '**/deep/*', 'docs/**/*.@(md|png)', '**/*.+(ts|mjs)',
  '!(src)/**/*.md', 'src/[ai]*.js', 'src/?ndex.js', '**/', 'nothing/**', '**/*.test.js',
];
for (const pattern of patterns) show(`globSync ${pattern}`, sorted(globSync(pattern, { cwd })));
show('dot', sorted(globSync('**/*.js', { cwd, dot: true })));
show('ignore', sorted(globSync('**/*.js', { cwd, ignore: ['node_modules/**', '**/*.test.js'] })));
show('nodir', sorted(globSync('src/**', { cwd, nodir: true })));
show('mark', sorted(globSync('docs/*', { cwd, mark: true })));
show('absolute', sorted(globSync('src/*.ts', { cwd, absolute: true })).map((p) => p.replace(cwd, '<cwd>')));
show('withFileTypes', globSync('src/lib/*', { cwd, withFileTypes: true }).map((p) => `${p.name}:${p.isDirectory() ? 'dir' : 'file'}`).sort());
show('matchBase', sorted(globSync('*.md', { cwd, matchBase: true })));
show('hasMagic', [hasMagic('a/*.js'), hasMagic('a/b.js'), hasMagic('{a,b}')]);
show('escape', escape('file[1].js'));

(async () => {
  show('glob promise', sorted(await glob('**/*.md', { cwd, ignore: 'node_modules/**' })));
  show('array of patterns', sorted(await glob(['src/*.js', 'docs/*.md'], { cwd })));
  const g = new Glob('**/*.json', { cwd });
  const seen = [];
  for await (const file of g) seen.push(file);
  show('Glob async iterator', sorted(seen));
  show('Glob sync iterator', sorted([...new Glob('src/lib/*.js', { cwd })]));
  const streamed = [];
  new Glob('docs/**', { cwd }).stream()
    .on('data', (f) => streamed.push(f))
    .on('end', common.mustCall(() => show('Glob stream', sorted(streamed))));
})().then(common.mustCall());
