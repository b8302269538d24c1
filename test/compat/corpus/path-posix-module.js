'use strict';
const common = require('../common');
const assert = require('assert');
const path = require('path');
const posix = require('path/posix');
console.log(posix === path.posix, posix.join('a', 'b'), Object.keys(path).sort().join(','));
