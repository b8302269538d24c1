// node:url: WHATWG URL parsing and setters, URLSearchParams, file URLs, domains, and the
// legacy url.parse/format/resolve.
'use strict';
const { check, checkAsync } = require('./_check');
const url = require('url');

const parts = (u) => [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash];
const p = (input, base) => parts(new URL(input, base));
const plain = (o) => JSON.stringify(o);

// ---- parsing
check('globals are node:url', () => [URL === url.URL, URLSearchParams === url.URLSearchParams]);
check('exports', () => Object.keys(url));
check('full http URL', () => p('HTTP://User:Pass@EXAMPLE.com:8080/a/b?x=1&y=2#frag'));
check('default port dropped', () => [p('https://a.com:443/').slice(5, 8), p('ws://a:80').slice(5, 8), p('ftp://a:21/x').slice(5, 8)]);
check('dot segments', () => p('http://a/b/c/./../../g/%2e%2E/h').slice(8, 9));
check('backslashes in special URLs', () => p('http:\\\\a.com\\b\\c'));
check('backslash kept in non-special', () => p('foo://a/b\\c'));
check('whitespace trimmed and tabs removed', () => p('  \thttp://a\n.com/p\ra th \n '));
check('percent-encoding of path/query/fragment', () => p('http://a/ "<>`{}|^/?q="<>`\'{}#"<>`{}'));
check('non-special query keeps quote', () => p("foo://a/?'x'"));
check('unicode path and query', () => p('http://a/é/€?ü#ß'));
check('lone surrogate in path', () => p('http://a/\ud800x').slice(8, 9));
check('IDNA host', () => p('http://BÜCHER.example/').slice(5, 7));
check('IDNA fullwidth and ideographic dot', () => p('http://ｅｘａｍｐｌｅ。com/').slice(5, 7));
check('punycode host kept', () => p('http://xn--nxasmq6b.com/').slice(5, 7));
check('invalid punycode host', () => new URL('http://xn--a.com/'));
check('percent-encoded host', () => p('http://%65x%41mple.com/').slice(5, 7));
check('IPv4 forms', () => ['http://192.168.0.1', 'http://0xc0.0250.1', 'http://3232235521', 'http://192.168.1', 'http://1.2.3.4.', 'http://0x.0'].map((s) => new URL(s).hostname));
check('IPv4 out of range', () => new URL('http://256.256.256.256'));
check('IPv4 too many parts', () => new URL('http://1.2.3.4.5'));
check('ends in number but not IPv4', () => new URL('http://a.09'));
check('IPv6 compression', () => ['[0:0:0:0:0:0:0:1]', '[1:0:0:2:0:0:0:3]', '[::ffff:192.168.0.1]', '[1:2:3:4:5:6:7:8]', '[::]', '[1::]', '[0:0:1:0:0:1:0:0]'].map((h) => new URL(`http://${h}/`).host));
check('IPv6 invalid', () => ['[::1', '[1:2:3:4:5:6:7:8:9]', '[::1::]', '[:1]', '[1:2:3:4:5:6:7:1.2.3.4]', '[::1.2.3]', '[g::]'].map((h) => URL.canParse(`http://${h}/`)));
check('forbidden host code points', () => ['http://a b/', 'http://a<b/', 'http://a^b/', 'http://a%25b/', 'foo://a b/', 'foo://a%20b/'].map((s) => URL.canParse(s)));
check('port bounds', () => [URL.canParse('http://a:65535'), URL.canParse('http://a:65536'), URL.canParse('http://a:1x'), new URL('http://a:0008').port]);
check('empty host', () => [URL.canParse('http:///'), URL.canParse('http://@/'), URL.canParse('foo:///x'), new URL('foo:///x').host]);
check('opaque paths', () => [p('mailto:Joe@Example.COM'), p('data:text/plain, hi ?q#f'), p('javascript:alert(1)')]);
check('non-special with authority', () => p('git+ssh://u@host:22/repo.git'));
check('non-special path only', () => [p('foo:/a/../b'), p('foo:/.//x')]);
check('file URLs', () => [p('file:///etc/passwd'), p('file://localhost/x'), p('file://host/share/x'), p('file:/x'), p('file:c:/x/../..')]);
check('file Windows drive letters', () => [p('file:///C|/a'), p('file:C:/x'), p('/D:/y', 'file:///C:/a/b'), p('..', 'file:///C:/')]);
check('relative resolution', () => ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', ';x', '', '.', '..', '../g', '../../../g', 'g;x?y#s'].map((r) => new URL(r, 'http://a/b/c/d;p?q').href));
check('relative against opaque base', () => [new URL('#x', 'mailto:a@b').href, URL.canParse('x', 'mailto:a@b')]);
check('relative with a fragment against an opaque base', () => [['x#y', 'mailto:x'], ['x?q#y', 'mailto:a?b#c'], ['..#y', 'mailto:x'], ['/x#y', 'mailto:x'], ['?#', 'mailto:x'], ['b/#', 'foo:']].map(([i, b]) => {
  const u = new URL(i, b);
  u.pathname = 'z';
  return [new URL(i, b).href, u.href];
}));
check('setters on a host-less empty non-special path', () => ['pathname', 'host', 'hostname', 'search', 'hash'].map((k) => {
  const u = new URL('foo:/..');
  u[k] = 'z';
  return u.href;
}));
check('scheme-relative with other scheme', () => [new URL('http:g', 'http://a/b/c').href, new URL('https:g', 'http://a/b/c').href]);
check('special with one slash', () => [new URL('http:/x.com/y').href, new URL('http:x.com').href]);
check('credentials', () => [p('http://a:b@c/'), p('http://a@b@c/'), p('http://:@c/'), p('http://@:x@c/')]);
check('credentials without host fail', () => [URL.canParse('http://a@/'), URL.canParse('http://u:p@')]);

// ---- errors
check('invalid URL error', () => new URL('not a url'));
check('invalid URL error input', () => {
  try {
    new URL('x', 'bad base');
  } catch (e) {
    return [e.name, e.code, e.message, e.input, e.base];
  }
});
check('invalid URL without base has no base key', () => {
  try {
    new URL('http://[');
  } catch (e) {
    return [e.input, 'base' in e];
  }
});
check('no arguments', () => new URL());
check('non-string input is stringified', () => [new URL({ toString: () => 'http://o.com' }).href, new URL(new URL('http://x/y')).href]);
check('canParse', () => [URL.canParse('http://a'), URL.canParse('/x'), URL.canParse('/x', 'http://a'), URL.canParse('x', 'y')]);
check('canParse without arguments', () => URL.canParse());

// ---- setters
check('href setter', () => {
  const u = new URL('http://a/?x=1');
  const sp = u.searchParams;
  u.href = 'https://b/?y=2';
  return [u.href, sp.get('y'), sp.get('x')];
});
check('href setter rejects', () => {
  const u = new URL('http://a/');
  u.href = 'nope';
});
check('protocol setter', () => {
  const out = [];
  const u = new URL('http://a:443/');
  u.protocol = 'https';
  out.push(u.href);
  u.protocol = 'foo';
  out.push(u.href);
  u.protocol = 'ws:junk';
  out.push(u.href);
  u.protocol = '1x';
  out.push(u.href);
  const f = new URL('foo://x/');
  f.protocol = 'http';
  out.push(f.href);
  const m = new URL('http://u@a/');
  m.protocol = 'file';
  out.push(m.href);
  return out;
});
check('username/password setters', () => {
  const u = new URL('http://a/');
  u.username = 'us er:@';
  u.password = 'p/w;é';
  const f = new URL('file:///x');
  f.username = 'no';
  return [u.href, f.href];
});
check('host setter', () => {
  const u = new URL('http://a:1/p');
  const out = [];
  for (const h of ['b.com', 'c.com:8080', 'd:80', 'e:x', '', 'f/g', '[::1]:9', 'a b']) {
    u.host = h;
    out.push(u.href);
  }
  return out;
});
check('hostname setter', () => {
  const u = new URL('http://a:1/p');
  const out = [];
  for (const h of ['b.com', 'c:9', 'ÉX.org', '1.2.3']) {
    u.hostname = h;
    out.push(u.href);
  }
  const o = new URL('mailto:x');
  o.hostname = 'h';
  out.push(o.href);
  return out;
});
check('port setter', () => {
  const u = new URL('http://a/');
  const out = [];
  for (const v of ['8080', '80', '', '12ab', 'x', '65536', 99]) {
    u.port = v;
    out.push(u.port);
  }
  const f = new URL('file:///x');
  f.port = '1';
  out.push(f.href);
  return out;
});
check('port setter leniency', () => ['x', ']1', '12ab', ' 1', '\t8\n1', '65536', '0'].map((v) => {
  const u = new URL('http://h:81/');
  u.port = v;
  return u.port;
}));
check('host setter takes the port part', () => ['a:', 'a:2/x', 'a:80', 'a:99999', 'a::1', '[::1]:7'].map((v) => {
  const u = new URL('http://h:1/p');
  u.host = v;
  return u.host;
}));
check('non-special host setter', () => [['foo:/p', ''], ['foo:/p', 'x'], ['foo://h/p', ''], ['foo://h/p', ':'], ['foo://h/p', ':1'], ['foo://h:1/p', '']].map(([b, v]) => {
  const u = new URL(b);
  u.host = v;
  return u.href;
}));
check('file host setter', () => [['file:///p', 'x:1'], ['file://a/p', 'localhost'], ['file://a/p', '']].map(([b, v]) => {
  const u = new URL(b);
  u.host = v;
  return u.href;
}));
check('non-special dot-dot at the root', () => [['..', 'foo://h/p'], ['..?q', 'foo://h/p'], ['..', 'foo://h/a/b'], ['foo:/..'], ['foo://h/a/..'], ['..', 'http://h/p']].map(([i, b]) => new URL(i, b).href));
check('pathname setter', () => {
  const u = new URL('http://a/x?q#h');
  const out = [];
  for (const v of ['b/c', '/d e?#', '', '../..//x', '\\y']) {
    u.pathname = v;
    out.push(u.href);
  }
  const o = new URL('mailto:x');
  o.pathname = 'y';
  out.push(o.href);
  const n = new URL('foo://h/x');
  n.pathname = 'z';
  out.push(n.href);
  return out;
});
check('search setter', () => {
  const u = new URL('http://a/p#h');
  const out = [];
  for (const v of ['a=1', '?b=2 3', '??c', '', '#x']) {
    u.search = v;
    out.push([u.href, u.search, [...u.searchParams].join('|')]);
  }
  return out;
});
check('hash setter', () => {
  const u = new URL('http://a/p?q');
  const out = [];
  for (const v of ['x', '#y z', '##', '']) {
    u.hash = v;
    out.push([u.href, u.hash]);
  }
  return out;
});
check('opaque path trailing spaces stripped', () => {
  const u = new URL('a: b ?x#y');
  u.hash = '';
  const first = u.href;
  u.search = '';
  return [first, u.href];
});
check('origin', () => ['http://a:81/x', 'https://[::1]/', 'file:///x', 'blob:https://a.com/uuid', 'blob:foo:bar', 'foo://x', 'ws://A.com'].map((s) => new URL(s).origin));
check('toString and toJSON', () => {
  const u = new URL('http://a/b');
  return [String(u), u.toJSON(), JSON.stringify({ u })];
});
check('prototype', () => [Object.prototype.toString.call(new URL('http://a')), Object.keys(URL.prototype), Object.getOwnPropertyNames(URL.prototype).length]);

// ---- URLSearchParams
const sp = (init) => new URLSearchParams(init);
check('params from string', () => [...sp('?a=1&b=2&a=3&c&=d&&e=f=g')]);
check('params decoding', () => [...sp('q=a+b%20c&%E2%82%AC=%zz&x=%F0%9F')]);
check('params lenient decoding', () => [...sp('a=%zz%41&b=%C3&c=%41%\u00e9&d=%E2%82%AC%')]);
check('params from pairs and record', () => [sp([['a', 1], ['b', '2']]).toString(), sp({ x: 'y', z: [1, 2] }).toString(), sp(new Map([['m', 'n']])).toString()]);
check('params copy', () => {
  const a = sp('a=1');
  const b = sp(a);
  b.append('b', '2');
  return [a.toString(), b.toString()];
});
check('params from null/undefined', () => [sp(null).toString(), sp(undefined).toString(), sp().size]);
check('params bad tuple', () => sp([['a']]));
check('params bad tuple type', () => sp([1]));
check('params not iterable', () => sp({ [Symbol.iterator]: 1 }));
check('params methods', () => {
  const s = sp('a=1&b=2&a=3');
  const out = [s.get('a'), s.get('z'), s.getAll('a'), s.has('b'), s.has('a', '3'), s.has('a', '4'), s.size];
  s.set('a', 'x');
  s.delete('b');
  s.append('c', 'y z');
  out.push(s.toString());
  s.delete('c', 'nope');
  out.push(s.toString());
  return out;
});
check('params sort is stable', () => {
  const s = sp('z=1&a=2&b=3&a=1&\u{1F600}=x&\uFFFD=y');
  s.sort();
  return [...s.keys()];
});
check('params serialization', () => sp({ k: ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~é\ud800' }).toString());
check('params iterators', () => {
  const s = sp('a=1&b=2');
  const it = s.entries();
  return [Object.prototype.toString.call(it), [...s.keys()], [...s.values()], it.next(), typeof it[Symbol.iterator]];
});
check('params forEach', () => {
  const seen = [];
  sp('a=1&b=2').forEach(function (v, k, o) { seen.push(`${k}=${v}`, this.t, o instanceof URLSearchParams); }, { t: 'T' });
  return seen;
});
check('params forEach without callback', () => sp('a=1').forEach());
check('params missing arguments', () => sp().append('a'));
check('params get missing argument', () => sp().get());
check('params invalid this', () => URLSearchParams.prototype.has.call({}, 'a'));
check('params toStringTag', () => [Object.prototype.toString.call(sp()), String(sp('a b=c'))]);
check('searchParams updates URL', () => {
  const u = new URL('http://a/?x=1#h');
  u.searchParams.set('y', 'é &');
  const one = u.href;
  u.searchParams.delete('x');
  u.searchParams.delete('y');
  return [one, u.href, u.searchParams === u.searchParams];
});
check('search setter updates searchParams', () => {
  const u = new URL('http://a/');
  const s = u.searchParams;
  u.search = 'k=v';
  return [s.get('k'), s.size];
});

// ---- file URLs, domains, http options
check('fileURLToPath', () => [url.fileURLToPath('file:///a/b%20c/%C3%A9'), url.fileURLToPath(new URL('file://localhost/x/')), url.fileURLToPath('file:///a%3Fb%23c')]);
check('fileURLToPath bad scheme', () => url.fileURLToPath('http://a/'));
check('fileURLToPath host', () => url.fileURLToPath('file://server/x'));
check('fileURLToPath encoded slash', () => url.fileURLToPath('file:///a%2Fb'));
check('fileURLToPath bad type', () => url.fileURLToPath(42));
check('fileURLToPath invalid string', () => url.fileURLToPath('file://['));
check('pathToFileURL', () => ['/a/b c', '/x/%/?/#', '/dir/', '/tab\there', '/a\\b', '/é'].map((s) => url.pathToFileURL(s).href));
check('pathToFileURL relative uses cwd', () => url.pathToFileURL('rel/x').href === new URL(`file://${process.cwd()}/rel/x`).href);
check('pathToFileURL bad type', () => url.pathToFileURL(5));
check('pathToFileURL windows', () => ['C:\\x y', 'C:\\a\\..\\b\\.\\c\\', 'c:/x/y', 'C:\\%?#\t', 'C:\\', '\\\\server\\share\\x y', '\\\\?\\UNC\\server\\share\\x', '\\rooted\\..\\r'].map((p) => url.pathToFileURL(p, { windows: true }).href));
check('pathToFileURL windows relative uses cwd', () => url.pathToFileURL('rel\\x', { windows: true }).href === url.pathToFileURL(`${process.cwd()}/rel/x`).href);
check('pathToFileURL UNC without share', () => url.pathToFileURL('\\\\server', { windows: true }));
check('pathToFileURL UNC empty server', () => url.pathToFileURL('\\\\\\x', { windows: true }));
check('fileURLToPath windows', () => ['file:///C:/x%20y', 'file://server/share/x', 'file:///c|/x', 'file://xn--srver-bsa/s'].map((f) => url.fileURLToPath(f, { windows: true })));
check('fileURLToPath windows not absolute', () => url.fileURLToPath('file:///x', { windows: true }));
check('fileURLToPath windows encoded backslash', () => url.fileURLToPath('file:///C:/a%5Cb', { windows: true }));
check('domainToASCII', () => ['español.com', 'xn--iñvalid.com', 'EXAMPLE.org', '中文.com', '', '1.2.3', 'a b'].map((d) => url.domainToASCII(d)));
check('IDNA mapping', () => ['Straße.de', 'ΣΑΣ.gr', 'ᾈ.gr', 'ẞ.de', 'ﬁ.x', 'ǅ.x', 'ı.x', 'ſ.x', 'Ⅸ.x', '①.x', 'ﾃﾞ.jp', 'ａｂｃ.x'].map((d) => url.domainToASCII(d)));
check('IDNA disallowed', () => ['a\u2024b', '\u2488x', 'a\u3000b', 'a\u00a0b', '\u0301a', 'a\u200db', 'xn--', 'xn--a.x', 'xn--a-', '\ue000.x'].map((d) => url.domainToASCII(d)));
check('IDNA bidi', () => ['aא', 'אa', 'א-', '-א', '1א', 'ا1', 'ا١', 'ا1١', 'éاא', 'یـ', '٣', 'a.אb', 'א.1a'].map((d) => url.domainToASCII(d)));
check('IDNA joiners', () => ['ب\u200cا', 'ا\u200cب', 'a\u200cb', 'क्\u200dष', 'क्\u200cष', 'ب\u200c'].map((d) => url.domainToASCII(d)));
check('domainToUnicode', () => ['xn--espaol-zwa.com', 'xn--fiq228c.com', 'example.org', 'xn--iñvalid.com', ''].map((d) => url.domainToUnicode(d)));
check('domainToASCII without argument', () => url.domainToASCII());
check('urlToHttpOptions', () => url.urlToHttpOptions(new URL('https://a%20b:c@[::1]:8443/p/q?x=1#h')));
check('urlToHttpOptions without port or auth', () => url.urlToHttpOptions(new URL('http://h/')));

// ---- legacy API
const lp = (...args) => plain(url.parse(...args));
check('legacy parse full', () => lp('HTTP://user:pw@Host.COM:8080/p/a/t/h?query=string#hash'));
check('legacy parse query object', () => lp('http://a/?x=1&x=2&y', true));
check('legacy parse no query with parseQueryString', () => lp('http://a/p', true));
check('legacy parse simple path', () => [lp('/a/b?c=d'), lp('/a b'), lp('//x/y')]);
check('legacy parse slashesDenoteHost', () => lp('//host/path', false, true));
check('legacy parse non-slashed protocols', () => [lp('mailto:User@Example.com'), lp('javascript:alert("x")'), lp('xmpp:a@b/c')]);
check('legacy parse escapes and backslashes', () => lp(' http://a\\b\\c d?e\\f "g"#h`i\t'));
check('legacy parse at signs', () => [lp('http://a@b@c/'), lp('http://a@b?@c')]);
check('legacy parse IPv6 and ports', () => [lp('http://[::1]:3000/x'), lp('http://a.com:/'), lp('http://a.com:xx/y')]);
check('legacy parse IDNA hostname', () => lp('http://Bücher.de/'));
check('legacy parse relative forms', () => [lp('a/b'), lp('?q'), lp('#h'), lp(''), lp('   ')]);
check('legacy parse file', () => lp('file:///etc/hosts'));
check('legacy parse bad type', () => url.parse(5));
check('legacy parse bad auth encoding', () => url.parse('http://%zz@a/'));
check('legacy Url instance', () => [url.parse('http://a') instanceof url.Url, Object.keys(new url.Url())]);
check('legacy format object', () => [
  url.format({ protocol: 'https', hostname: 'a.com', port: 8, pathname: 'x y', query: { a: [1, 2], b: 'c d' } }),
  url.format({ protocol: 'http:', host: 'h', search: 'q=1', hash: 'f' }),
  url.format({ protocol: 'mailto', auth: 'u', hostname: 'x.com' }),
  url.format({ protocol: 'file', pathname: '/p' }),
  url.format({ hostname: '::1', pathname: '/a?b#c' }),
  url.format({ auth: 'a b:@c', host: 'h', slashes: true }),
]);
check('legacy format string', () => url.format(' http://A.com/b c'));
check('legacy format URL with options', () => {
  const u = new URL('http://u:p@xn--bcher-kva.de/p?q#h');
  return [url.format(u), url.format(u, { fragment: false, search: false, auth: false, unicode: true })];
});
check('legacy format bad type', () => url.format(5));
check('legacy resolve', () => [
  url.resolve('/one/two/three', 'four'),
  url.resolve('http://example.com/', '/one'),
  url.resolve('http://example.com/one', '/two'),
  url.resolve('http://a/b/c/d;p?q', '../../g'),
  url.resolve('http://a/b/c', '//other/x'),
  url.resolve('http://a/b/c', 'https://z/y'),
  url.resolve('http://a/b/c', '?x'),
  url.resolve('http://a/b/c', '#y'),
  url.resolve('http://a/b/c/', '../../../../x'),
  url.resolve('mailto:a@b', 'c@d'),
  url.resolve('a/b', '../c'),
  url.resolve('http://u@a/b', 'http://c/d'),
]);
check('legacy resolve in non-slashed protocols', () => [['u:p@h', 'u:'], ['mailto:a@b', '?q'], ['mailto:a@b', 'mailto:?q'], ['mailto:a@b', 'mailto:c'], ['u:p@#x', 'z']].map(([a, b]) => url.resolve(a, b)));
check('legacy resolveObject', () => plain(url.resolveObject('http://a/b/c', '../d?e#f')));
checkAsync('ES module namespace', async () => Object.keys(await import('node:url')).sort());
