'use strict';
// sandbox: --wasm
// node:wasi's class: option checks and their errors, start() and initialize() and what they
// accept, proc_exit with and without returnOnExit, getImportObject() for both versions.
require('../common');
const assert = require('assert');
const { WASI } = require('wasi');
const { instantiate, build } = require('./_wasi-wasm');

function show(fn) {
  try {
    const r = fn();
    console.log('ok', r === undefined ? '' : r);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

console.log(typeof WASI, WASI.name, WASI.length, Object.getOwnPropertyNames(WASI.prototype).join());
show(() => new WASI());
show(() => new WASI({}));
show(() => new WASI({ version: 'preview2' }));
show(() => new WASI({ version: 1 }));
show(() => new WASI(null));
show(() => new WASI('preview1'));
show(() => new WASI({ version: 'preview1', args: 'a' }));
show(() => new WASI({ version: 'preview1', env: 'a' }));
show(() => new WASI({ version: 'preview1', env: null }));
show(() => new WASI({ version: 'preview1', preopens: 1 }));
show(() => new WASI({ version: 'preview1', stdin: -1 }));
show(() => new WASI({ version: 'preview1', stdout: 1.5 }));
show(() => new WASI({ version: 'preview1', stderr: '2' }));
show(() => new WASI({ version: 'preview1', returnOnExit: 1 }));

const wasi = new WASI({ version: 'preview1' });
console.log(Object.keys(wasi).join(), Object.keys(wasi.wasiImport).join(' '));
console.log(Object.keys(wasi.getImportObject()).join(), wasi.getImportObject().wasi_snapshot_preview1 === wasi.wasiImport);
const unstable = new WASI({ version: 'unstable' });
console.log(Object.keys(unstable.getImportObject()).join());
console.log(Object.keys(wasi.wasiImport).every((k) => typeof wasi.wasiImport[k] === 'function'));

// a call before start: no memory yet
show(() => wasi.wasiImport.fd_close(3));

// start: proc_exit's code is start()'s result; a second start fails
{
  const w = new WASI({ version: 'preview1', returnOnExit: true });
  const { instance } = instantiate(w, { imports: [], startExit: 7 });
  show(() => w.start(instance));
  show(() => w.start(instance));
  show(() => w.initialize(instance));
}
// start with a program that returns normally
{
  const w = new WASI({ version: 'preview1' });
  const module = new WebAssembly.Module(build({ imports: ['proc_exit'], start: false }));
  const instance = new WebAssembly.Instance(module, w.getImportObject());
  show(() => w.start(instance));
}
// initialize on a program with _start is refused; start and initialize check their argument
{
  const w = new WASI({ version: 'preview1' });
  const { instance } = instantiate(w, { imports: [] });
  show(() => w.initialize(instance));
  show(() => new WASI({ version: 'preview1' }).start());
  show(() => new WASI({ version: 'preview1' }).start({}));
  show(() => new WASI({ version: 'preview1' }).start({ exports: {} }));
  show(() => new WASI({ version: 'preview1' }).initialize({ exports: { _initialize: 1 } }));
  let called = 0;
  show(() => new WASI({ version: 'preview1' }).initialize({ exports: { _initialize() { called++; } } }));
  console.log('called', called);
}
// proc_exit called from a JS import while Wasm runs unwinds through the Wasm frames
{
  const w = new WASI({ version: 'preview1' });
  const h = instantiate(w, { imports: ['sched_yield'], start: false });
  w.initialize(h.instance);
  show(() => h.call('sched_yield'));
  try {
    w.wasiImport.proc_exit(9);
  } catch (e) {
    console.log('proc_exit throws', typeof e);
  }
}
// returnOnExit: false ends the process with the code
{
  const w = new WASI({ version: 'preview1', returnOnExit: false });
  const { instance } = instantiate(w, { imports: [], startExit: 0 });
  process.on('exit', (code) => console.log('exit', code));
  w.start(instance);
  console.log('not reached');
}
