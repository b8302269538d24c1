'use strict';
// Children running side by side each have their own working directory, and the parent keeps
// its own: spawned with different cwds, one that changes its own, and a spawnSync in between.
const cp = require('child_process');
const os = require('os');
const path = require('path');
const fs = require('fs');

const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjsw-cwd-')));
for (const d of ['a', 'b', 'c']) fs.mkdirSync(path.join(base, d));
process.chdir(base);
const code = 'setTimeout(() => console.log(process.cwd()), 30)';
const results = [];
let pending = 4;
const done = () => {
  if (--pending > 0) return;
  console.log(results.sort().join('\n'));
  console.log('parent', path.relative(base, process.cwd()) || '.');
  fs.rmSync(base, { recursive: true, force: true });
};
for (const d of ['a', 'b', 'c']) {
  const c = cp.spawn(process.execPath, ['-e', code], { cwd: path.join(base, d), encoding: 'utf8' });
  let out = '';
  c.stdout.on('data', (x) => (out += x));
  c.on('close', () => {
    results.push(`${d}: ${path.relative(base, out.trim())}`);
    done();
  });
}
const mover = cp.spawn(process.execPath, ['-e', `process.chdir('../c'); ${code}`], { cwd: path.join(base, 'a') });
let moved = '';
mover.stdout.on('data', (x) => (moved += x));
mover.on('close', () => {
  results.push(`moved: ${path.relative(base, moved.trim())}`);
  done();
});
const sync = cp.spawnSync(process.execPath, ['-e', 'process.chdir(".."); console.log(process.cwd())'], { cwd: path.join(base, 'b'), encoding: 'utf8' });
console.log('sync', path.relative(base, sync.stdout.trim()) || '.', 'parent', path.relative(base, process.cwd()) || '.');
