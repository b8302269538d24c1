// console: formatting, groups, counters, dir, assert and table; stdout compared with Node.
console.log('a', 1, { b: [1, 2] }, 'x%sy', 'z');
console.log('%s=%d', 'n', 42, 'rest', { r: 1 });
console.info('info'); console.debug('debug'); console.dirxml('dirxml', 1);
console.group('G1'); console.log('in group\nmulti'); console.group(); console.log('deeper'); console.groupEnd(); console.groupEnd(); console.log('out');
console.count(); console.count(); console.count('x'); console.countReset(); console.count();
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ [require('util').inspect.custom]() { return 'custom'; }, v: 1 });
console.assert(true, 'nope'); console.assert(false, 'printed %s', 'on stderr');
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
console.table([[1, 2], [3, 4]]);
console.table({ r1: { c: 1 }, r2: 5 });
console.table([{ a: 1, b: 2 }], ['a']);
console.table(new Map([['k', { v: 1 }], ['k2', 2]]));
console.table(new Set(['s1', 's2']));
console.table('not tabular');
console.log(typeof require('console').log, require('console') === console);
console.log(typeof require('console').Console, typeof console.Console);
console.log(Object.keys(console).sort().join());
