'use strict';
// process's credential setters (argument checks; the ids themselves are the machine's),
// umask and the modes files get, exitCode's checks, kill through _kill, env's descriptors.
const fs = require('fs');
const path = require('path');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const show = (label, fn) => {
  try {
    console.log(label, 'ok', fn());
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
};

for (const name of ['setuid', 'seteuid', 'setgid', 'setegid']) {
  show(name, () => process[name]({}));
  show(name, () => process[name](-1));
  show(name, () => process[name](1.5));
  show(name, () => process[name]('fhqwhgadshgnsdhjsdbkhsdabkfabkveyb'));
}
show('setgroups', () => process.setgroups());
show('setgroups', () => process.setgroups([1, -1]));
show('setgroups', () => process.setgroups([null]));
show('setgroups', () => process.setgroups([1, 'fhqwhgadshgnsdhjsdbkhsdabkfabkveyb']));
show('initgroups', () => process.initgroups(null, 0));
show('initgroups', () => process.initgroups('root', {}));
show('initgroups', () => process.initgroups('fhqwhgadshgnsdhjsdbkhsdabkfabkveyb', 'fhqwhgadshgnsdhjsdbkhsdabkfabkveyb'));
console.log('getgroups has egid', process.getgroups().includes(process.getegid()));

// umask: what it returns, and what a new file and directory get
const old = process.umask(0o027);
show('umask back', () => process.umask(old).toString(8));
process.umask('0077');
show('umask octal string', () => process.umask().toString(8));
process.umask(0o10027);
show('umask high bits dropped', () => process.umask().toString(8));
show('umask bad', () => process.umask('8'));
show('umask bad', () => process.umask({}));
fs.writeFileSync(path.join(tmpdir.path, 'f'), 'x', { mode: 0o666 });
fs.mkdirSync(path.join(tmpdir.path, 'd'), { mode: 0o777 });
console.log('file', (fs.statSync(path.join(tmpdir.path, 'f')).mode & 0o777).toString(8));
console.log('dir', (fs.statSync(path.join(tmpdir.path, 'd')).mode & 0o777).toString(8));
process.umask(old);

for (const code of ['', '1 one', {}, true, 2n, 2.1, Infinity, '2', null, undefined, 0]) {
  show(`exitCode ${typeof code}`, () => { process.exitCode = code; return process.exitCode; });
}
process.exitCode = 0;
console.log('exitCode descriptor', Object.getOwnPropertyDescriptor(process, 'exitCode').configurable);

// kill validates, then calls process._kill(pid, number)
const realKill = process._kill;
process._kill = (pid, sig) => { console.log('_kill', pid === process.pid ? 'own pid' : pid, sig); return 0; };
process.kill(0, 'SIGHUP');
process.kill('-1');
process.kill(process.pid, 0);
process._kill = realKill;
show('kill', () => process.kill(0, 987));
show('kill', () => process.kill(null));
show('kill', () => process.kill(0, 'SIGNOPE'));

show('env accessor', () => Object.defineProperty(process.env, 'QJSW_A', { get() { return 'x'; } }));
show('env non-enumerable', () => Object.defineProperty(process.env, 'QJSW_A', { value: 'x', writable: true, configurable: true }));
show('env full', () => Object.defineProperty(process.env, 'QJSW_A', { value: 1, writable: true, configurable: true, enumerable: true }) && process.env.QJSW_A);

show('cpuUsage', () => process.cpuUsage(1));
show('cpuUsage', () => process.cpuUsage({ user: -1, system: 0 }));
show('cpuUsage', () => process.cpuUsage({ user: 0, system: 'b' }));
const u = process.cpuUsage(process.cpuUsage());
console.log('cpuUsage diff', u.user >= 0, u.system >= 0);
show('setSourceMapsEnabled', () => process.setSourceMapsEnabled(1));

console.log('process class', process.constructor.name, Object.getPrototypeOf(process) === process.constructor.prototype);
for (let i = 0; i < 3; i++) fs.stat(__filename, () => {});
console.log('active requests', process._getActiveRequests().length, process.getActiveResourcesInfo().filter((r) => r === 'FSReqCallback').length);

// V8's wording of a failed delete and of an undeclared name
show('delete exitCode', () => delete process.exitCode);
show('delete array length', () => delete [].length);
show('delete frozen', () => delete Object.freeze({ x: 1 }).x);
show('delete null-prototype', () => delete Object.freeze(Object.create(null, { z: { value: 1 } })).z);
show('undeclared', () => qjswUndeclaredName);
