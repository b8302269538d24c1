'use strict';
// What the warning printer prints under the flags that govern it (given on the command line or
// in NODE_OPTIONS), --title, DEP0104 under --pending-deprecation, and throwDeprecation's throw
// (on a tick of its own, after the warnings before it were printed).
const cp = require('child_process');

const program = `
  process.emitWarning('plain');
  process.emitWarning('old', 'DeprecationWarning', 'DEP0001');
  process.emitWarning('new', 'ExperimentalWarning');
  process.emitWarning('coded', { code: 'QJSW1', detail: 'more' });
  process.env.QJSW_X = undefined;
  process.on('warning', (w) => console.log('event', w.name, w.code, w.message));
  console.log('title', process.title === process.execPath ? 'execPath' : process.title);
`;

const run = (flags, env = {}) => {
  const r = cp.spawnSync(process.execPath, [...flags, '-e', program], { encoding: 'utf8', env: { ...process.env, ...env } });
  console.log(JSON.stringify(flags), JSON.stringify(env), '->', r.status);
  console.log(r.stdout.trimEnd());
  console.log(r.stderr.replace(/\(node:\d+\)/g, '(node:PID)').replace(/`\S*node /g, '`node ').trimEnd());
};

run([]);
run(['--no-warnings']);
run([], { NODE_NO_WARNINGS: '1' });
run(['--disable-warning=DEP0001', '--disable-warning=ExperimentalWarning']);
run([], { NODE_OPTIONS: '--disable-warning=QJSW1 --title=fromenv' });
run(['--no-deprecation', '--title=given']);
run(['--pending-deprecation']);

const r = cp.spawnSync(process.execPath, ['--throw-deprecation', '-e', `
  process.emitWarning('first');
  try { process.emitWarning('dep', 'DeprecationWarning'); console.log('not thrown at once'); } catch { console.log('thrown at once'); }
  process.on('uncaughtException', (e) => console.log('uncaught', e.name, e.message));
`], { encoding: 'utf8' });
console.log(r.status, r.stdout.trimEnd());
