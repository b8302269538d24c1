'use strict';
require('../common');
const path = require('path');
console.log(path.join('/a/b', '../c', './d'), path.resolve('/x', 'y', '..', 'z'));
console.log(path.basename('/a/b.txt', '.txt'), path.extname('x.tar.gz'), path.dirname('/a/b/c'));
console.log(path.relative('/a/b/c', '/a/d'), path.normalize('a//b/../c/.'), path.isAbsolute('a'));
console.log(JSON.stringify(path.parse('/home/u/file.txt')), path.format({ dir: '/x', name: 'y', ext: '.z' }));
console.log(path.sep, path.delimiter, path.posix === path);
console.log(path.relative(process.cwd(), __filename));
