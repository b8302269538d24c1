// node:querystring: parse/stringify with options, escaping rules, malformed input.
'use strict';
const { check, checkAsync } = require('./_check');
const qs = require('querystring');

const plain = (o) => JSON.stringify(o);

check('exports', () => Object.keys(qs).sort());
check('aliases', () => [qs.decode === qs.parse, qs.encode === qs.stringify]);
check('parse basic', () => plain(qs.parse('a=1&b=2&c')));
check('parse has no prototype', () => Object.getPrototypeOf(qs.parse('a=1')));
check('parse repeated keys', () => plain(qs.parse('a=1&a=2&a=3&b=x')));
check('parse plus and percent', () => plain(qs.parse('q=a+b%20c&k%2Bey=%E2%82%AC')));
check('parse empty pieces', () => plain(qs.parse('&&a=1&&=&b=&')));
check('parse value with =', () => plain(qs.parse('a=b=c&d==')));
check('parse malformed percent', () => plain(qs.parse('a=%zz%41&b=100%&c=%E2%82')));
check('parse invalid utf8 percent', () => plain(qs.parse('x=%FF%FE')));
check('parse decodes only flagged parts', () => plain(qs.parse('%41=%\u00e9&x=\u00e9\ud83d&%E2%82b=%\u00e9\ud83d')));
check('parse custom sep and eq', () => plain(qs.parse('a:1;b:2', ';', ':')));
check('parse multi-char sep', () => plain(qs.parse('a=1&&b=2&c=3', '&&')));
check('parse multi-char sep no backtracking', () => plain(qs.parse('xaab=1', 'ab')));
check('parse multi-char eq', () => plain(qs.parse('a=>1&b=2&c=>=>3', '&', '=>')));
check('parse maxKeys', () => plain(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })));
check('parse maxKeys counts empty pairs', () => plain(qs.parse('&&a=1&b=2', null, null, { maxKeys: 3 })));
check('parse maxKeys 0 is unlimited', () => Object.keys(qs.parse(Array.from({ length: 1200 }, (_, i) => `k${i}=1`).join('&'), null, null, { maxKeys: 0 })).length);
check('parse default maxKeys 1000', () => Object.keys(qs.parse(Array.from({ length: 1200 }, (_, i) => `k${i}=1`).join('&'))).length);
check('parse custom decodeURIComponent', () => plain(qs.parse('a+b=c%41&d=e', null, null, { decodeURIComponent: (s) => `<${s}>` })));
check('parse decoder that throws falls back', () => plain(qs.parse('a=%41+b', null, null, { decodeURIComponent: () => { throw new Error('x'); } })));
check('parse non-string input', () => [plain(qs.parse(42)), plain(qs.parse(null)), plain(qs.parse(''))]);
check('parse __proto__ key', () => plain(qs.parse('__proto__=1&constructor=2')));
check('stringify basic', () => qs.stringify({ a: 1, b: 'x y', c: ['p', 'q'], d: '' }));
check('stringify types', () => qs.stringify({ n: -1.5, inf: Infinity, nan: NaN, t: true, f: false, big: 10n, nul: null, u: undefined, o: {}, fn() {} }));
check('stringify huge number escapes +', () => qs.stringify({ n: 1e21, m: 1e20 }));
check('stringify empty array skipped', () => qs.stringify({ a: [], b: 1 }));
check('stringify custom sep/eq', () => qs.stringify({ a: 1, b: [2, 3] }, ';', ':'));
check('stringify falsy sep/eq default', () => qs.stringify({ a: 1, b: 2 }, '', 0));
check('stringify custom encoder', () => qs.stringify({ 'a b': 'c d', n: 5, x: null }, null, null, { encodeURIComponent: (s) => `[${s}]` }));
check('stringify non-object', () => [qs.stringify('a=b'), qs.stringify(null), qs.stringify(5)]);
check('stringify unicode', () => qs.stringify({ 'é': '€𝄞', 'k': 'ü' }));
check('stringify lone surrogate throws', () => qs.stringify({ a: '\ud800' }));
check('escape set', () => qs.escape(' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'));
check('escape non-string', () => [qs.escape(12), qs.escape({ toString: () => 'a b' }), qs.escape(true)]);
check('escape high surrogate takes next unit', () => qs.escape('\ud83d\ude00\udc00a'));
check('escape trailing high surrogate', () => qs.escape('a\ud83d'));
check('unescape', () => [qs.unescape('a%20b+c'), qs.unescape('a%20b+c', true), qs.unescape('%E2%82%AC')]);
check('unescape malformed', () => [qs.unescape('%zz%41'), qs.unescape('%E2%82'), qs.unescape('100%', true), qs.unescape('a+%', true)]);
check('unescapeBuffer', () => qs.unescapeBuffer('a%41%4g%%4+b', true));
check('unescapeBuffer no hex keeps bytes', () => qs.unescapeBuffer('é+z'));
check('unescapeBuffer non-strings', () => [qs.unescapeBuffer(['a%41']), qs.unescapeBuffer({ length: 2 })]);
check('unescapeBuffer number', () => qs.unescapeBuffer(5));
check('overridden qs.escape is used', () => {
  const saved = qs.escape;
  qs.escape = (s) => s.toUpperCase();
  try {
    return qs.stringify({ ab: 'cd' });
  } finally {
    qs.escape = saved;
  }
});
check('overridden qs.unescape is used', () => {
  const saved = qs.unescape;
  qs.unescape = (s) => `{${s}}`;
  try {
    return plain(qs.parse('a=b+c'));
  } finally {
    qs.unescape = saved;
  }
});
checkAsync('ES module namespace', async () => Object.keys(await import('node:querystring')).sort());
