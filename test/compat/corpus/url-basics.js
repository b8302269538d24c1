'use strict';
require('../common');
const url = require('url');
const u = new URL('https://user:pw@example.org:8080/a/b?x=1&y=2#frag');
console.log(u.host, u.pathname, u.search, u.hash, u.username, u.searchParams.get('y'));
u.searchParams.append('z', 'a b');
console.log(u.href);
console.log(url.fileURLToPath('file:///tmp/a%20b'), url.pathToFileURL('/tmp/x y').href);
console.log(url.parse('http://a.com/p?q=1').query, url.format({ protocol: 'http', host: 'h', pathname: '/p' }));
