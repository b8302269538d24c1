'use strict';
const tmpdir = require('../common/tmpdir');
const parse = require('yargs-parser');
const fs = require('fs');
const { show } = require('./_tree');

tmpdir.refresh();
show('basic', parse(['--foo', 'bar', '-abc', '--no-debug', '--num', '42', 'pos', '--arr', '1', '--arr', '2']));
show('string input', parse('--x=1 --y "two words" -- rest'));
show('options', parse(['--name', '007', '-v', '--size', '3'], {
  string: ['name'], boolean: ['v'], number: ['size'], alias: { verbose: ['v'] }, default: { color: 'red' },
}));
show('array and count', parse(['-vvv', '--files', 'a', 'b', '--', 'x'], { count: ['v'], array: ['files'], configuration: { 'populate--': true } }));
show('dot notation', parse(['--foo.bar.baz', '1', '--foo.qux', 'x']));
show('camel case', parse(['--some-option', 'on', '--other_option']));
show('coerce', parse(['--list', 'a,b,c'], { coerce: { list: (s) => s.split(',') } }));
show('narg', parse(['--pair', 'k', 'v', 'rest'], { narg: { pair: 2 } }));
fs.writeFileSync(tmpdir.resolve('config.json'), JSON.stringify({ fromConfig: true, port: 8080 }));
show('config file', parse(['--settings', tmpdir.resolve('config.json'), '--port', '9'], { config: ['settings'] }));
show('env', parse([], { envPrefix: 'QJSW_TEST', configuration: {} }));
const detailed = parse.detailed(['--n', 'x'], { number: ['n'] });
show('detailed', { argv: detailed.argv, error: detailed.error && detailed.error.message, aliases: detailed.aliases });
show('configuration', parse(['--foo-bar', '1', '-abc'], { configuration: { 'camel-case-expansion': false, 'short-option-groups': false } }));
show('camelCase', [parse.camelCase('foo-bar_baz'), parse.decamelize('fooBar', '-')]);
