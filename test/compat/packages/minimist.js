'use strict';
const minimist = require('minimist');
const { show } = require('./_tree');

const argvs = [
  ['-a', 'beep', '-b', 'boop'],
  ['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz'],
  ['--no-color', '--num', '0x10', '--', '--not-a-flag', 'x'],
  ['-v', '-v', '--list', 'a', '--list', 'b', '--dotted.key', 'val'],
];
for (const argv of argvs) show(argv.join(' '), minimist(argv));
show('options', minimist(['--name', 'x', '-f', 'file', '--flag', 'value', 'rest'], {
  string: ['name'], boolean: ['flag'], alias: { f: 'file' }, default: { port: 80 }, '--': true,
}));
const unknown = [];
show('unknown', minimist(['--known', '1', '--other', '2'], { string: ['known'], unknown: (a) => { unknown.push(a); return false; } }));
show('unknown seen', unknown);
show('stopEarly', minimist(['--a', 'cmd', '--b'], { stopEarly: true }));
show('prototype safe', minimist(['--__proto__.x', '1']).x === undefined && ({}).x === undefined);
