'use strict';
const common = require('../common');
const assert = require('assert');
const p = new URLSearchParams('a=1&b=2&a=3');
p.append('c', 'x y'); p.delete('b'); p.sort();
console.log(p.toString(), p.getAll('a'), p.has('b'), [...p.keys()], p.size);
console.log(new URLSearchParams({ q: 'é', n: 1 }).toString(), new URLSearchParams([['k', 'v']]).get('k'));
