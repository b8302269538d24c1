'use strict';
const common = require('../common');
const assert = require('assert');
const { pathToFileURL, fileURLToPath, URL: U } = require('url');
console.log(U === URL, pathToFileURL('/a b/c#d?e').href, fileURLToPath('file:///x/%E2%82%AC'));
assert.throws(() => fileURLToPath('http://x'), { code: 'ERR_INVALID_URL_SCHEME' });
console.log(new URL('../x?y#z', 'file:///a/b/c').href, new URL('file:///tmp/../etc').pathname);
