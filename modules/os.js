// node:os — a fixed virtual Linux machine. The sandbox has one CPU, no network and one user
// (root); its memory is the guest heap (qjsw:binding/os). Values a program may compare or
// branch on (EOL, constants, shapes, tmpdir/homedir from env) follow Node on Linux.
import process from 'qjsw:internal/process_object';
import { memory } from 'qjsw:binding/os';
import { invalidArgType, outOfRange, nodeError } from 'qjsw:internal/errors';

const bootMs = Date.now();
let priority = 0; // of the one process there is (pid 0 or process.pid)

const nullProto = (entries) => Object.assign(Object.create(null), entries);

function names(list, first = 1) {
  const out = {};
  list.split(' ').forEach((n, i) => { if (n) out[n] = first + i; });
  return out;
}

// Linux's errno and signal numbers, as Node exposes them.
const errno = nullProto({
  E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11,
  EALREADY: 114, EBADF: 9, EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103,
  ECONNREFUSED: 111, ECONNRESET: 104, EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EDQUOT: 122,
  EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113, EIDRM: 43, EILSEQ: 84, EINPROGRESS: 115,
  EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40, EMFILE: 24, EMLINK: 31,
  EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36, ENETDOWN: 100, ENETRESET: 102, ENETUNREACH: 101,
  ENFILE: 23, ENOBUFS: 105, ENODATA: 61, ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37,
  ENOLINK: 67, ENOMEM: 12, ENOMSG: 42, ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60,
  ENOSYS: 38, ENOTCONN: 107, ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25,
  ENXIO: 6, EOPNOTSUPP: 95, EOVERFLOW: 75, EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93,
  EPROTOTYPE: 91, ERANGE: 34, EROFS: 30, ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62,
  ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
});
const s = names('SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT');
const signals = nullProto({
  ...s, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12,
  SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16,
  ...names('SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO', 18),
  SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
});
const priorityConstants = nullProto({
  PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
  PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
});
export const constants = nullProto({
  UV_UDP_REUSEADDR: 4,
  dlopen: nullProto({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }),
  errno,
  signals,
  priority: priorityConstants,
});

export const EOL = '\n';
export const devNull = '/dev/null';

// Node's validateInt32.
function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

// What Node throws when a uv_os_* call fails (ERR_SYSTEM_ERROR with `info`).
function systemError(syscall, code, errnum, message) {
  const err = nodeError(Error, 'ERR_SYSTEM_ERROR', `A system error occurred: ${syscall} returned ${code} (${message})`);
  const info = { errno: errnum, code, message, syscall };
  err.name = 'SystemError';
  Object.defineProperties(err, {
    info: { value: info, enumerable: true, configurable: true },
    errno: { get: () => info.errno, set: (v) => { info.errno = v; }, enumerable: true, configurable: true },
    syscall: { get: () => info.syscall, set: (v) => { info.syscall = v; }, enumerable: true, configurable: true },
  });
  return err;
}

function checkPid(pid, syscall) {
  if (pid !== 0 && pid !== process.pid) throw systemError(syscall, 'ESRCH', -3, 'no such process');
}

export function getPriority(pid = 0) {
  validateInt32(pid, 'pid');
  checkPid(pid, 'uv_os_getpriority');
  return priority;
}

export function setPriority(pid, value) {
  if (value === undefined) {
    value = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(value, 'priority', -20, 19);
  checkPid(pid, 'uv_os_setpriority');
  priority = value;
}

export function tmpdir() {
  const env = process.env;
  let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

// The passwd entry of the sandbox's only user; homedir() prefers $HOME like libuv.
const user = { uid: 0, gid: 0, username: 'root', homedir: '/root', shell: '/bin/sh' };

export function homedir() {
  return process.env.HOME || user.homedir;
}

export function userInfo(options) {
  const buffers = options !== null && typeof options === 'object' && options.encoding === 'buffer';
  const out = Object.create(null);
  for (const [key, value] of Object.entries(user)) {
    out[key] = buffers && typeof value === 'string' ? globalThis.Buffer.from(value) : value;
  }
  return out;
}

export const arch = () => process.arch;
export const machine = () => process.arch;
export const platform = () => process.platform;
export const type = () => 'Linux';
export const release = () => '6.1.0-qjsw';
export const version = () => '#1 SMP quickjs-wasmfs';
export const hostname = () => 'localhost';
export const endianness = () => 'LE';
export const availableParallelism = () => 1;
export const loadavg = () => [0, 0, 0];
export const totalmem = () => memory()[0];
export const freemem = () => memory()[1];
// Seconds since the sandbox booted (its "machine" starts with it), to 10 ms like Linux, rounded
// up: a process only runs once its machine has been up a while.
export const uptime = () => Math.max(1, Math.ceil((Date.now() - bootMs) / 10)) / 100;

// The one CPU: its time so far is all user time of this process, in ms.
export function cpus() {
  return [{
    model: 'QuickJS WebAssembly virtual CPU',
    speed: 0,
    times: { user: Math.floor(Date.now() - bootMs), nice: 0, sys: 0, idle: 0, irq: 0 },
  }];
}

// No network reaches the guest: only the loopback device, as Linux lists it.
export function networkInterfaces() {
  const mac = '00:00:00:00:00:00';
  return {
    lo: [
      { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac, internal: true, cidr: '127.0.0.1/8' },
      { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', mac, internal: true, cidr: '::1/128', scopeid: 0 },
    ],
  };
}

// Node lets these be used as values (`${os.hostname}`).
const primitive = [arch, availableParallelism, endianness, freemem, homedir, hostname, platform,
  release, tmpdir, totalmem, type, uptime, version, machine];
for (const fn of primitive) fn[Symbol.toPrimitive] = () => fn();

const os = {
  arch, availableParallelism, cpus, endianness, freemem, getPriority, homedir, hostname, loadavg,
  networkInterfaces, platform, release, setPriority, tmpdir, totalmem, type, userInfo, uptime,
  version, machine,
};
Object.defineProperties(os, {
  constants: { value: constants, writable: false, enumerable: true, configurable: false },
  EOL: { value: EOL, writable: false, enumerable: true, configurable: true },
  devNull: { value: devNull, writable: false, enumerable: true, configurable: true },
});
export default os;
