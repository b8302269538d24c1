'use strict';
// A main ES module whose top-level await never settles exits with 13 (unless an exit code is
// set, or process.exit is called); one that settles, or fails, exits as usual. Also for a
// worker made from a data: URL.
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Worker } = require('worker_threads');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjsw-tla-'));
const mains = {
  'never.mjs': 'await new Promise(() => {});\n',
  'imports-never.mjs': 'import "./never.mjs";\nconsole.log("not reached");\n',
  'exit-code-set.mjs': 'process.exitCode = 5;\nawait new Promise(() => {});\n',
  'exit-called.mjs': 'setTimeout(() => process.exit(3), 5);\nawait new Promise(() => {});\n',
  'settles.mjs': 'await new Promise((r) => setTimeout(r, 5));\nconsole.log("settled");\n',
  'rejects.mjs': 'await Promise.reject(new Error("no"));\n',
  'exit-listener.mjs': 'process.on("exit", (c) => console.log("exit event", c, process.exitCode));\nawait new Promise(() => {});\n',
};
for (const [name, source] of Object.entries(mains)) fs.writeFileSync(path.join(dir, name), source);
for (const name of Object.keys(mains)) {
  const r = cp.spawnSync(process.execPath, [name], { cwd: dir, encoding: 'utf8' });
  console.log(name, r.status, JSON.stringify(r.stdout), r.stderr.includes('Error: no'));
}
const w = new Worker(new URL('data:text/javascript,await new Promise(()=>{})'));
w.on('exit', (code) => {
  console.log('data: worker exit', code);
  const v = new Worker(new URL('data:text/javascript,process.exit(1);await new Promise(()=>{ process.exit(2); })'));
  v.on('exit', (c) => {
    console.log('data: worker exit', c);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
