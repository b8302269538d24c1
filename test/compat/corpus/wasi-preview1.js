'use strict';
// sandbox: --wasm
// node:wasi's preview1 calls made from Wasm over a preopened directory: files, directories,
// links, seeking, stat, readdir, args/env, clocks; what each call returns and leaves on disk.
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { WASI } = require('wasi');
const { instantiate } = require('./_wasi-wasm');

tmpdir.refresh();
const root = path.join(tmpdir.path, 'root');
fs.mkdirSync(root);
fs.writeFileSync(path.join(root, 'existing.txt'), 'twelve bytes');
fs.mkdirSync(path.join(root, 'sub'));
fs.writeFileSync(path.join(root, 'sub', 'inner.txt'), 'inner');

const wasi = new WASI({
  version: 'preview1',
  args: ['prog', 'a b', 'ü'],
  env: { HOME: '/home/x', EMPTY: '', SKIP: undefined },
  preopens: { '/sandbox': root },
  returnOnExit: true,
});
const w = instantiate(wasi, {
  start: false,
  imports: ['args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_time_get', 'clock_res_get',
    'fd_close', 'fd_fdstat_get', 'fd_filestat_get', 'fd_prestat_get', 'fd_prestat_dir_name', 'fd_read', 'fd_pread',
    'fd_write', 'fd_seek', 'fd_tell', 'fd_readdir', 'fd_renumber', 'fd_filestat_set_size', 'path_open',
    'path_filestat_get', 'path_create_directory', 'path_remove_directory', 'path_unlink_file', 'path_rename',
    'path_symlink', 'path_readlink', 'path_link', 'random_get', 'sched_yield', 'poll_oneoff'],
});
wasi.initialize(w.instance);
const { call, put, u32, u64, u8, text, setU32 } = w;

// args and environ
console.log('args_sizes_get', call('args_sizes_get', 0, 4), u32(0), u32(4));
console.log('args_get', call('args_get', 100, 200), [0, 1, 2].map((i) => u32(100 + i * 4) - 200), JSON.stringify(text(200, u32(4))));
console.log('environ_sizes_get', call('environ_sizes_get', 0, 4), u32(0), u32(4));
console.log('environ_get', call('environ_get', 100, 200), JSON.stringify(text(200, u32(4))));

// preopens: fd 3 is the only one
console.log('prestat 3', call('fd_prestat_get', 3, 0), u8(0), u32(4));
console.log('prestat_dir_name', call('fd_prestat_dir_name', 3, 16, 8), text(16, 8));
console.log('prestat_dir_name short', call('fd_prestat_dir_name', 3, 16, 3));
console.log('prestat 4', call('fd_prestat_get', 4, 0));
// (fs_flags not compared: Node's holds the host descriptor's raw open flags, O_LARGEFILE among them)
console.log('fdstat 3', call('fd_fdstat_get', 3, 0), u8(0), u64(8).toString(16), u64(16).toString(16));

// open, write, seek, read a new file
const RW = (1n << 1n) | (1n << 2n) | (1n << 5n) | (1n << 6n) | (1n << 21n) | (1n << 22n);
function open(name, oflags, rights = RW, fdflags = 0, dirflags = 1) {
  const len = put(1000, name);
  const r = call('path_open', 3, dirflags, 1000, len, oflags, rights, 0n, fdflags, 2000);
  return [r, r === 0 ? u32(2000) : -1];
}
function iov(ptr, base, len) {
  setU32(ptr, base);
  setU32(ptr + 4, len);
}
const [r1, fd] = open('new.txt', 1 | 8); // CREAT | TRUNC
console.log('path_open new.txt', r1, fd);
console.log('fdstat file', call('fd_fdstat_get', fd, 0), u8(0), u64(8).toString(16), u64(16).toString(16));
const n1 = put(3000, 'hello ');
const n2 = put(3100, 'wasi\n');
iov(400, 3000, n1);
iov(408, 3100, n2);
console.log('fd_write', call('fd_write', fd, 400, 2, 500), u32(500));
console.log('fd_tell', call('fd_tell', fd, 0), u64(0));
console.log('fd_seek set 2', call('fd_seek', fd, 2n, 0, 0), u64(0));
iov(400, 3200, 100);
console.log('fd_read', call('fd_read', fd, 400, 1, 500), u32(500), JSON.stringify(text(3200, u32(500))));
console.log('fd_seek end -5', call('fd_seek', fd, -5n, 2, 0), u64(0));
console.log('fd_seek before start', call('fd_seek', fd, -100n, 1, 0));
console.log('fd_pread 6', call('fd_pread', fd, 400, 1, 6n, 500), JSON.stringify(text(3200, u32(500))));
console.log('fd_filestat_get', call('fd_filestat_get', fd, 600), u8(616), u64(632), u64(624));
console.log('fd_filestat_set_size', call('fd_filestat_set_size', fd, 4n), fs.readFileSync(path.join(root, 'new.txt'), 'utf8'));
console.log('fd_close', call('fd_close', fd), 'again', call('fd_close', fd));
console.log('on disk', JSON.stringify(fs.readFileSync(path.join(root, 'new.txt'), 'utf8')));

// read-only: writing is not allowed
const [r2, ro] = open('existing.txt', 0, 1n << 1n);
iov(400, 3000, n1);
console.log('read-only open', r2, 'write', call('fd_write', ro, 400, 1, 500));
call('fd_close', ro);
console.log('open missing', open('missing.txt', 0)[0], 'exclusive existing', open('existing.txt', 1 | 4)[0]);
console.log('open dir as file', open('sub', 0, 1n << 1n)[0] === 0, 'directory flag on a file', open('existing.txt', 2)[0]);

// paths: stat, directories, rename, unlink, links
function onPath(name, fn, ...rest) {
  const len = put(1000, name);
  return call(fn, 3, ...rest.slice(0, 1), 1000, len, ...rest.slice(1));
}
console.log('path_filestat_get', onPath('sub/inner.txt', 'path_filestat_get', 1, 600), u8(616), u64(632));
console.log('path_filestat_get dir', onPath('sub', 'path_filestat_get', 1, 600), u8(616));
console.log('path_filestat_get missing', onPath('nope', 'path_filestat_get', 1, 600));
console.log('mkdir', onPath('made', 'path_create_directory'), 'again', onPath('made', 'path_create_directory'));
console.log('rmdir non-empty', onPath('sub', 'path_remove_directory'));
console.log('rmdir', onPath('made', 'path_remove_directory'), fs.existsSync(path.join(root, 'made')));
{
  const a = put(1000, 'existing.txt');
  const b = put(1100, 'renamed.txt');
  console.log('rename', call('path_rename', 3, 1000, a, 3, 1100, b), fs.readdirSync(root).sort().join(','));
  // (no hard links in the sandbox's fs: only the failures are compared)
  const c = put(1200, 'hard.txt');
  const m = put(1250, 'missing');
  console.log('link missing', call('path_link', 3, 0, 1250, m, 3, 1200, c), 'onto existing', call('path_link', 3, 0, 1100, b, 3, 1100, b));
  const t = put(1300, 'sub/inner.txt');
  const l = put(1400, 'alias');
  console.log('symlink', call('path_symlink', 1300, t, 3, 1400, l), fs.readlinkSync(path.join(root, 'alias')));
  console.log('readlink', call('path_readlink', 3, 1400, l, 1500, 64, 500), text(1500, u32(500)));
  console.log('readlink short', call('path_readlink', 3, 1400, l, 1500, 3, 500), u32(500), text(1500, 3));
  console.log('lstat link', onPath('alias', 'path_filestat_get', 0, 600), u8(616), 'stat link', onPath('alias', 'path_filestat_get', 1, 600), u8(616));
  const [r3, viaLink] = open('alias', 0, 1n << 1n);
  iov(400, 3200, 100);
  console.log('open via link', r3, call('fd_read', viaLink, 400, 1, 500), text(3200, u32(500)));
  call('fd_close', viaLink);
  console.log('open link without follow', open('alias', 0, 1n << 1n, 0, 0)[0]);
  console.log('unlink', onPath('alias', 'path_unlink_file'), 'dir', onPath('sub', 'path_unlink_file'), 'missing', onPath('alias', 'path_unlink_file'));
}

// readdir of an opened directory: every entry once, and a cookie resumes after it
{
  const [r, dir] = open('sub', 2, (1n << 14n) | (1n << 13n));
  fs.writeFileSync(path.join(root, 'sub', 'second.txt'), '2');
  const names = [];
  let cookie = 0n;
  for (;;) {
    const e = call('fd_readdir', dir, 5000, 4096, cookie, 500);
    const used = u32(500);
    if (e !== 0 || used === 0) break;
    let at = 5000;
    let got = 0;
    while (at + 24 <= 5000 + used) {
      const next = u64(at);
      const len = u32(at + 16);
      if (at + 24 + len > 5000 + used) break;
      names.push(`${text(at + 24, len)}:${u8(at + 20)}`);
      cookie = next;
      at += 24 + len;
      got++;
    }
    if (got === 0 || used < 4096) break;
  }
  console.log('readdir', r, names.filter((n) => !n.startsWith('.')).sort().join(' '));
  console.log('readdir small buffer', call('fd_readdir', dir, 5000, 10, 0n, 500), u32(500));
  const [, file] = open('renamed.txt', 0, (1n << 1n) | (1n << 14n));
  console.log('readdir on a file', call('fd_readdir', file, 5000, 100, 0n, 500));
  call('fd_close', file);
  call('fd_close', dir);
}

// renumber
{
  const [, a] = open('renamed.txt', 0, 1n << 1n);
  const [, b] = open('sub/inner.txt', 0, 1n << 1n);
  console.log('renumber', call('fd_renumber', a, b), 'from gone', call('fd_close', a));
  iov(400, 3200, 100);
  console.log('read renumbered', call('fd_read', b, 400, 1, 500), text(3200, u32(500)));
  call('fd_close', b);
  console.log('renumber bad', call('fd_renumber', 77, 3));
}

// clocks, random, yield, poll
console.log('clock realtime', call('clock_time_get', 0, 1n, 0), Math.abs(Number(u64(0) / 1000000n) - Date.now()) < 60000);
console.log('clock monotonic', call('clock_time_get', 1, 1n, 0), u64(0) > 0n, 'bad clock', call('clock_time_get', 9, 1n, 0));
new Uint8Array(w.instance.exports.memory.buffer).fill(0, 7000, 7064);
console.log('random_get', call('random_get', 7000, 64), new Uint8Array(w.instance.exports.memory.buffer, 7000, 64).some((b) => b !== 0));
console.log('sched_yield', call('sched_yield'));
{
  // one clock subscription of 1 ms (relative)
  const dv = new DataView(w.instance.exports.memory.buffer);
  new Uint8Array(w.instance.exports.memory.buffer).fill(0, 8000, 8100);
  dv.setBigUint64(8000, 42n, true);
  dv.setUint8(8008, 0);
  dv.setUint32(8016, 1, true);
  dv.setBigUint64(8024, 1000000n, true);
  const t = process.hrtime.bigint();
  console.log('poll_oneoff clock', call('poll_oneoff', 8000, 8200, 1, 500), u32(500), u64(8200), u8(8210), process.hrtime.bigint() - t >= 1000000n);
  console.log('poll_oneoff none', call('poll_oneoff', 8000, 8200, 0, 500));
}

// bad descriptors and pointers past the memory
console.log('fdstat 99', call('fd_fdstat_get', 99, 0), 'close 99', call('fd_close', 99));
console.log('pointer out of bounds', call('fd_fdstat_get', 3, 65536 - 4), call('fd_prestat_dir_name', 3, 65530, 8));
console.log('seek on a directory', call('fd_seek', 3, 0n, 0, 0));
