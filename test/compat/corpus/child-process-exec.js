'use strict';
// exec and execFile of node: the callback's (err, stdout, stderr), errors as Node builds them,
// encodings, maxBuffer, timeout, and the promisified forms.
const { exec, execFile } = require('child_process');
const util = require('util');

if (process.argv[2] === 'child') {
  const mode = process.argv[3];
  if (mode === 'ok') console.log(`ok ${process.argv.slice(4).join('|')}`);
  if (mode === 'fail') {
    console.log('some output');
    console.error('it went wrong');
    process.exit(3);
  }
  if (mode === 'throw') throw new Error('thrown in the child');
  if (mode === 'big') process.stdout.write('x'.repeat(5000));
  if (mode === 'slow') setTimeout(() => console.log('never'), 5000);
  return;
}

const steps = [];
const next = () => steps.length && steps.shift()();
const self = JSON.stringify(__filename);

steps.push(() => exec(`node ${self} child ok "two words" 'single q' a\\ b`, (err, stdout, stderr) => {
  console.log('exec ok', err, JSON.stringify(stdout), JSON.stringify(stderr));
  next();
}));
steps.push(() => exec(`QJSW_X=1 node -e "console.log(process.env.QJSW_X, 6 * 7)"`, (err, stdout) => {
  console.log('exec env and -e', err, JSON.stringify(stdout));
  next();
}));
steps.push(() => exec(`node ${self} child fail`, (err, stdout, stderr) => {
  console.log('exec fail', err instanceof Error, err.message.replace(__filename, 'FILE'), err.code, err.killed, err.signal);
  console.log(err.cmd.replace(__filename, 'FILE'), JSON.stringify(stdout), JSON.stringify(stderr), Object.keys(err));
  next();
}));
steps.push(() => execFile(process.execPath, [__filename, 'child', 'throw'], (err, stdout, stderr) => {
  console.log('execFile throw', err.code, err.signal, /Error: thrown in the child/.test(stderr), stdout === '');
  next();
}));
steps.push(() => execFile(process.execPath, [__filename, 'child', 'ok', 'buf'], { encoding: 'buffer' }, (err, stdout, stderr) => {
  console.log('buffer', err, Buffer.isBuffer(stdout), Buffer.isBuffer(stderr), stdout.toString());
  next();
}));
steps.push(() => execFile(process.execPath, [__filename, 'child', 'ok', 'hex'], { encoding: 'hex' }, (err, stdout) => {
  console.log('hex', stdout);
  next();
}));
steps.push(() => execFile(process.execPath, [__filename, 'child', 'big'], { maxBuffer: 100 }, (err, stdout) => {
  console.log('maxBuffer', err.name, err.code, err.message, stdout.length);
  next();
}));
steps.push(() => {
  const child = execFile(process.execPath, [__filename, 'child', 'slow'], { timeout: 50 }, (err, stdout) => {
    console.log('timeout', err.code, err.killed, err.signal, JSON.stringify(stdout), child.killed, child.signalCode);
    next();
  });
});
steps.push(async () => {
  const { stdout, stderr } = await util.promisify(exec)(`node -p "[1, 2].map((n) => n * 3)"`);
  console.log('promisified exec', JSON.stringify(stdout), JSON.stringify(stderr));
  try {
    await util.promisify(execFile)(process.execPath, [__filename, 'child', 'fail']);
  } catch (err) {
    console.log('promisified execFile', err.code, JSON.stringify(err.stdout), JSON.stringify(err.stderr));
  }
  next();
});
next();
