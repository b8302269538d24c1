'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
const cases = [['/a/b', '/a/b'], ['/a/b', '/a'], ['/a', '/a/b/c'], ['/a/b/c', '/x/y'], ['/', '/a'], ['/a', '/'], ['/a/b/', '/a/b/c/']];
for (const [f, t] of cases) console.log(JSON.stringify([f, t]), JSON.stringify(path.relative(f, t)));
console.log(path.relative('', ''), JSON.stringify(path.relative('a', 'a/b')));
