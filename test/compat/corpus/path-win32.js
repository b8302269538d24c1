'use strict';
require('../common');
const path = require('path');
console.log(path.win32.join('C:\\a', '..', 'b'), path.win32.resolve('C:\\x', 'y'), path.win32.basename('C:\\a\\b.txt'));
console.log(path.win32.isAbsolute('C:\\'), path.win32.sep, path.win32.delimiter, path.win32.normalize('C:/a//b'));
