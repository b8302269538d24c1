'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const c = fs.constants;
console.log(c.F_OK, c.R_OK, c.W_OK, c.X_OK, c.O_RDONLY, c.O_WRONLY, c.O_RDWR, c.O_CREAT, c.O_EXCL, c.O_TRUNC, c.O_APPEND);
console.log(c.S_IFMT, c.S_IFREG, c.S_IFDIR, c.S_IFLNK, c.COPYFILE_EXCL, c.COPYFILE_FICLONE, c.UV_FS_O_FILEMAP);
console.log(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK);
