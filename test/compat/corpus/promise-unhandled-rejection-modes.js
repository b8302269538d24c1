'use strict';
// Node 20's --unhandled-rejections modes (and its default, throw), each in a child started
// with the flag: which events and warnings come, in which order, and the exit code.
const cp = require('child_process');

const program = `
  process.on('unhandledRejection', (reason, p) => console.log('unhandledRejection', String(reason), p instanceof Promise));
  process.on('rejectionHandled', () => console.log('rejectionHandled'));
  process.on('warning', (w) => console.log('warning', w.name, w.message.slice(0, 40)));
  if (process.argv[1] === 'catch-all') process.on('uncaughtException', (e, origin) => console.log('uncaught', e.name, e.code, origin));
  if (process.argv[1] === 'bare') process.removeAllListeners('unhandledRejection');
  const late = Promise.reject('late');
  Promise.reject(Symbol('sym'));
  setTimeout(() => late.catch(() => console.log('caught late')), 5);
  process.on('exit', (code) => console.log('exit', code));
`;

const run = (flags, ...args) => {
  const r = cp.spawnSync(process.execPath, [...flags, '-e', program, ...args], { encoding: 'utf8' });
  // (pids differ, and so do the paths of node's executable)
  const stderr = r.stderr.replace(/\(node:\d+\)/g, '(node:PID)').replace(/^\S*node: invalid/m, 'node: invalid');
  console.log(JSON.stringify(flags), args.join(' '), '->', r.status);
  console.log(r.stdout.trimEnd());
  // the warnings as printed (an uncaught error's report differs in its stack: only its name)
  for (const line of stderr.split('\n')) if (line.startsWith('(node:PID)') || /^Unhandled|^node: invalid value/.test(line)) console.log('  stderr:', line);
};

for (const mode of ['warn', 'none', 'strict', 'warn-with-error-code', 'throw']) {
  run([`--unhandled-rejections=${mode}`]);
  run([`--unhandled-rejections=${mode}`], 'catch-all');
  run([`--unhandled-rejections=${mode}`], 'bare');
}
run([], 'bare');
run([], 'catch-all');
run(['--no-warnings', '--unhandled-rejections=warn'], 'bare');
run(['--unhandled-rejections=sometimes']);
