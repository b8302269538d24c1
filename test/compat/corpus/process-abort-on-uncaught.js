'use strict';
// --abort-on-uncaught-exception: an uncaught error aborts the child (SIGABRT), before its
// 'uncaughtException' listeners, unless a domain's error handler takes it (an error thrown in
// that handler aborts); process.abort() is SIGABRT too. Through a shell, 134.
const cp = require('child_process');
const node = process.execPath;
const runs = [
  ['--abort-on-uncaught-exception', '-e', 'throw new Error("boom")'],
  ['--abort-on-uncaught-exception', '-e', 'process.on("uncaughtException", () => process.exit(42)); throw new Error("x")'],
  ['--abort-on-uncaught-exception', '-e', 'const d = require("domain").create(); d.on("error", () => console.log("handled")); d.run(() => { throw new Error("y") })'],
  ['--abort-on-uncaught-exception', '-e', 'const d = require("domain").create(); d.on("error", () => { throw new Error("again") }); d.run(() => { throw new Error("z") })'],
  ['--abort-on-uncaught-exception', '-e', 'try { throw new Error("caught") } catch {} console.log("fine")'],
  ['--abort-on-uncaught-exception', '-e', 'Promise.reject(new Error("rejected"))'],
  ['-e', 'process.abort()'],
  ['-e', 'throw new Error("plain")'],
];
for (const args of runs) {
  const r = cp.spawnSync(node, args, { encoding: 'utf8' });
  console.log(JSON.stringify(args.slice(-1)[0]).slice(0, 60), r.status, r.signal, JSON.stringify(r.stdout), /Error: (boom|x|again|z|rejected|plain)/.test(r.stderr));
}
const sh = cp.spawnSync('/bin/sh', ['-c', `ulimit -c 0 && "${node}" --abort-on-uncaught-exception -e 'throw 1'`], { encoding: 'utf8' });
console.log('through a shell', sh.status, sh.signal);
