// node:tty (no terminals: stdio is piped in both worlds) and node:constants.
'use strict';
const { check } = require('./_check');

const tty = require('tty');
check('tty keys', () => Object.keys(tty));
check('isatty stdio', () => [0, 1, 2].map((fd) => tty.isatty(fd)));
check('isatty odd fds', () => [-1, 2 ** 31, 1.5, '1', null, undefined].map((fd) => tty.isatty(fd)));
check('node:tty is tty', () => require('node:tty') === tty);
check('stdout.isTTY', () => Boolean(process.stdout.isTTY));

const constants = require('constants');
const fs = require('fs');
check('constants is frozen', () => Object.isFrozen(constants));
check('constants has fs.constants', () => Object.keys(fs.constants).filter((k) => constants[k] !== fs.constants[k]));
check('some fs values', () => [constants.O_RDONLY, constants.O_CREAT, constants.S_IFMT, constants.COPYFILE_EXCL]);
check('node:constants is constants', () => require('node:constants') === constants);
