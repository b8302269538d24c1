'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
for (const p of ['/a/b.c', 'x', '.bashrc', '/dir/', 'a.b.c', '/', '', '..', 'file.', '/a/.b.c']) {
  const parsed = path.parse(p);
  console.log(JSON.stringify(p), JSON.stringify(parsed), JSON.stringify(path.format(parsed)));
}
console.log(path.format({ root: '/', base: 'x.y', ext: '.z' }), path.format({ name: 'n', ext: 'e' }));
