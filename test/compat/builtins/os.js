// node:os: the machine-independent parts (constants, shapes, env-driven paths, errors).
'use strict';
const { check, checkAsync } = require('./_check');
const os = require('os');

const shape = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const shapeOf = (o) => Object.keys(o).sort().map((k) => `${k}:${shape(o[k])}`).join(',');

check('EOL and devNull', () => [os.EOL, os.devNull]);
check('platform and type', () => [os.platform(), os.type()]);
check('endianness', () => os.endianness());
check('arch is process.arch', () => os.arch() === process.arch);
check('machine is a string', () => typeof os.machine());
check('release/version/hostname are strings', () => [os.release(), os.version(), os.hostname()].map(shape));
check('exported names', () => Object.keys(os).sort());
check('constants keys', () => Object.keys(os.constants));
check('constants is read-only', () => Object.getOwnPropertyDescriptor(os, 'constants'));
check('errno constants', () => Object.entries(os.constants.errno).map(([k, v]) => `${k}=${v}`).join(' '));
check('signal constants', () => Object.entries(os.constants.signals).map(([k, v]) => `${k}=${v}`).join(' '));
check('priority constants', () => ({ ...os.constants.priority }));
check('dlopen constants', () => ({ ...os.constants.dlopen }));
check('constants have no prototype', () => Object.getPrototypeOf(os.constants.errno));
check('cpus shape', () => {
  const c = os.cpus();
  return [c.length > 0, shapeOf(c[0]), shapeOf(c[0].times)];
});
check('availableParallelism is a positive integer', () => Number.isInteger(os.availableParallelism()) && os.availableParallelism() > 0);
check('memory is consistent', () => {
  const total = os.totalmem(), free = os.freemem();
  return [typeof total, total > 0, free >= 0, free <= total];
});
check('uptime and loadavg', () => [typeof os.uptime(), os.uptime() >= 0, os.loadavg().length, os.loadavg().map(shape)]);
check('loopback interface', () => os.networkInterfaces().lo);
check('userInfo shape', () => shapeOf(os.userInfo()));
check('userInfo has no prototype', () => Object.getPrototypeOf(os.userInfo()));
check('userInfo buffer encoding', () => Buffer.isBuffer(os.userInfo({ encoding: 'buffer' }).username));
check('userInfo ignores a non-object', () => typeof os.userInfo(5).username);

function withEnv(vars, fn) {
  const saved = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return fn();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
const noTmp = { TMPDIR: undefined, TMP: undefined, TEMP: undefined };
check('tmpdir default', () => withEnv(noTmp, () => os.tmpdir()));
check('tmpdir TMPDIR, trailing slash dropped', () => withEnv({ ...noTmp, TMPDIR: '/var/tmp/' }, () => os.tmpdir()));
check('tmpdir TMP then TEMP', () => [
  withEnv({ ...noTmp, TMP: '/a' }, () => os.tmpdir()),
  withEnv({ ...noTmp, TEMP: '/b//' }, () => os.tmpdir()),
]);
check('tmpdir root stays /', () => withEnv({ ...noTmp, TMPDIR: '/' }, () => os.tmpdir()));
check('homedir follows HOME', () => withEnv({ HOME: '/home/guest' }, () => os.homedir()));
check('functions as primitives', () => withEnv({ ...noTmp, TMPDIR: '/t' }, () => `${os.tmpdir}|${os.platform}|${os.endianness}`));
check('getPriority of self', () => [os.getPriority(), os.getPriority(0), os.getPriority(process.pid)]);
check('setPriority then getPriority', () => {
  os.setPriority(5);
  const a = os.getPriority();
  os.setPriority(0, 0);
  return [a, os.getPriority()];
});
check('getPriority bad pid type', () => os.getPriority('1'));
check('getPriority non-integer pid', () => os.getPriority(1.5));
check('setPriority out of range', () => os.setPriority(20));
check('setPriority below range', () => os.setPriority(0, -21));
check('setPriority bad priority type', () => os.setPriority(0, '1'));
check('getPriority unknown pid', () => {
  try {
    os.getPriority(2 ** 30);
  } catch (e) {
    return [e.name, e.code, e.message, e.errno, e.syscall, e.info];
  }
});
checkAsync('ES module namespace', async () => Object.keys(await import('node:os')).sort());
