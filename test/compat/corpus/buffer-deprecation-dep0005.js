'use strict';
// DEP0005: Buffer() warns once, unless a caller on the stack is in node_modules; fs's own use
// of Buffer never warns.
require('../common');
const fs = require('fs');
const vm = require('vm');

process.on('warning', (w) => {
  console.log('warning', w.name, w.code, w.message);
  console.log('from the call site', w.stack.includes('/call_site_here'));
});
vm.runInNewContext('new Buffer(4)', { Buffer }, { filename: '/a/node_modules/b.js' });
vm.runInNewContext('Buffer("ab")', { Buffer }, { filename: 'c:\\x\\node_modules\\b.js' });
fs.readFileSync(__filename);
Buffer.from('no warning');
console.log('nothing yet');
vm.runInNewContext('new Buffer(new ArrayBuffer(2))', { Buffer }, { filename: '/call_site_here' });
Buffer(3);
process.nextTick(() => console.log('after the tick'));
