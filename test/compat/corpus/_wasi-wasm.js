'use strict';
// A tiny hand-assembled module for the wasi-*.js scripts: it imports the WASI functions named in
// `imports` (from `ns`) and exports, for each, a function `call_<name>` of the same type that
// forwards to it, so a script drives each import from Wasm as a program would (i64 parameters
// cross as BigInt). It exports its memory, and `_start` (calling proc_exit(startExit)) unless
// start is false.
const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items) => [...leb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const I32 = 0x7f;
const I64 = 0x7e;

const SIGNATURES = {
  args_get: [[I32, I32], [I32]],
  args_sizes_get: [[I32, I32], [I32]],
  environ_get: [[I32, I32], [I32]],
  environ_sizes_get: [[I32, I32], [I32]],
  clock_time_get: [[I32, I64, I32], [I32]],
  clock_res_get: [[I32, I32], [I32]],
  fd_close: [[I32], [I32]],
  fd_fdstat_get: [[I32, I32], [I32]],
  fd_filestat_get: [[I32, I32], [I32]],
  fd_prestat_get: [[I32, I32], [I32]],
  fd_prestat_dir_name: [[I32, I32, I32], [I32]],
  fd_read: [[I32, I32, I32, I32], [I32]],
  fd_pread: [[I32, I32, I32, I64, I32], [I32]],
  fd_write: [[I32, I32, I32, I32], [I32]],
  fd_seek: [[I32, I64, I32, I32], [I32]],
  fd_tell: [[I32, I32], [I32]],
  fd_readdir: [[I32, I32, I32, I64, I32], [I32]],
  fd_renumber: [[I32, I32], [I32]],
  fd_filestat_set_size: [[I32, I64], [I32]],
  path_open: [[I32, I32, I32, I32, I32, I64, I64, I32, I32], [I32]],
  path_filestat_get: [[I32, I32, I32, I32, I32], [I32]],
  path_create_directory: [[I32, I32, I32], [I32]],
  path_remove_directory: [[I32, I32, I32], [I32]],
  path_unlink_file: [[I32, I32, I32], [I32]],
  path_rename: [[I32, I32, I32, I32, I32, I32], [I32]],
  path_symlink: [[I32, I32, I32, I32, I32], [I32]],
  path_readlink: [[I32, I32, I32, I32, I32, I32], [I32]],
  path_link: [[I32, I32, I32, I32, I32, I32, I32], [I32]],
  random_get: [[I32, I32], [I32]],
  sched_yield: [[], [I32]],
  poll_oneoff: [[I32, I32, I32, I32], [I32]],
  proc_exit: [[I32], []],
};

function build({ ns = 'wasi_snapshot_preview1', imports, start = true, startExit = 0 }) {
  const names = [...imports];
  if (start && !names.includes('proc_exit')) names.push('proc_exit');
  const types = names.map((n) => {
    const [params, results] = SIGNATURES[n];
    return [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];
  });
  types.push([0x60, 0, 0]); // () -> ()
  const startType = types.length - 1;
  const importSec = names.map((n, i) => [...str(ns), ...str(n), 0x00, ...leb(i)]);
  const funcs = names.map((n, i) => i); // forwarders: type i
  if (start) funcs.push(startType);
  const bodies = names.map((n, i) => {
    const params = SIGNATURES[n][0];
    const code = [...params.flatMap((_, j) => [0x20, ...leb(j)]), 0x10, ...leb(i)];
    const b = [0, ...code, 0x0b];
    return [...leb(b.length), ...b];
  });
  if (start) {
    const exitIndex = names.indexOf('proc_exit');
    const b = [0, 0x41, ...leb(startExit), 0x10, ...leb(exitIndex), 0x0b];
    bodies.push([...leb(b.length), ...b]);
  }
  const exportsSec = [[...str('memory'), 0x02, 0]];
  names.forEach((n, i) => exportsSec.push([...str(`call_${n}`), 0x00, ...leb(names.length + i)]));
  if (start) exportsSec.push([...str('_start'), 0x00, ...leb(names.length * 2)]);
  const bytes = [
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(2, vec(importSec)),
    ...section(3, vec(funcs.map((t) => leb(t)))),
    ...section(5, vec([[0x00, 1]])), // one memory, 1 page
    ...section(7, vec(exportsSec)),
    ...section(10, vec(bodies)),
  ];
  return new Uint8Array(bytes);
}

// The instance and helpers to put strings into its memory and read results out.
function instantiate(wasi, options) {
  const module = new WebAssembly.Module(build(options));
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  const mem = () => instance.exports.memory;
  const helpers = {
    instance,
    u32: (ptr) => new DataView(mem().buffer).getUint32(ptr, true),
    u64: (ptr) => new DataView(mem().buffer).getBigUint64(ptr, true),
    u8: (ptr) => new Uint8Array(mem().buffer)[ptr],
    setU32: (ptr, v) => new DataView(mem().buffer).setUint32(ptr, v, true),
    put: (ptr, text) => {
      const b = Buffer.from(text);
      new Uint8Array(mem().buffer).set(b, ptr);
      return b.length;
    },
    text: (ptr, len) => Buffer.from(new Uint8Array(mem().buffer, ptr, len)).toString(),
    call: (name, ...args) => instance.exports[`call_${name}`](...args),
  };
  return helpers;
}

module.exports = { build, instantiate };
