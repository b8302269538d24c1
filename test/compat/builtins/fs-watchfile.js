// fs.watchFile / fs.unwatchFile: argument errors, the StatWatcher, and what each change to a
// watched path reports (stat polling at a 20 ms interval). Each step changes the path, waits
// for the listener (or, where Node reports nothing, long enough for several polls) and prints
// the calls it saw, in fields that do not depend on the clock.
'use strict';
const { check, describe } = require('./_check');
const fs = require('fs');
const path = require('path');
const EventEmitter = require('events');

const dir = fs.mkdtempSync(path.join(process.cwd(), 'watchfile-'));
const file = (name) => path.join(dir, name);
// Writes `data` so that a stat never sees a state in between: Node polls from its thread pool,
// which can stat a file between writeFileSync's truncation and its write (two changes where
// the sandbox sees one). An existing file is overwritten in place (the steps only grow or keep
// sizes); a new one is written aside and renamed into place.
function put(p, data) {
  if (fs.existsSync(p)) return fs.writeFileSync(p, data, { flag: 'r+' });
  fs.writeFileSync(p + '.tmp', data);
  fs.renameSync(p + '.tmp', p);
}
const INTERVAL = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const line = (label, text) => process.stdout.write(`${label} => ${text}\n`);
const noop = () => {};

const kNumeric = ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs'];
const isZero = (s) => kNumeric.every((k) => Number(s[k]) === 0) && ['atime', 'mtime', 'ctime', 'birthtime'].every((k) => s[k].getTime() === 0);

// One listener call, in clock-free terms.
function callText(self, watcher, curr, prev) {
  if (isZero(curr) && isZero(prev)) return `zero/zero this=${self === watcher}`;
  const kind = (s) => (isZero(s) ? 'zero' : s.isFile() ? `file(${s.size},${(Number(s.mode) & 0o777).toString(8)})` : s.isDirectory() ? 'dir' : '?');
  return `${kind(prev)}->${kind(curr)} mtime ${curr.mtimeMs === prev.mtimeMs ? 'same' : 'changed'} this=${self === watcher}`;
}

// Watches `p` with `listeners` named functions recording into `calls`.
function recorder() {
  const calls = [];
  let watcher = null;
  const make = (name) => function (curr, prev) {
    calls.push(`${name}:${callText(this, watcher, curr, prev)}`);
  };
  return { calls, make, set watcher(w) { watcher = w; } };
}

// Runs `action`, waits for a listener call (up to `limit` ms), then a few more polls for any
// further call, and prints what was seen.
async function step(label, rec, action, limit = 2000) {
  rec.calls.length = 0;
  action();
  for (const start = Date.now(); rec.calls.length === 0 && Date.now() - start < limit;) await sleep(5);
  await sleep(5 * INTERVAL);
  line(label, rec.calls.length ? rec.calls.join(' ; ') : 'no call');
}
// A step after which Node reports nothing: waits 10 polls.
const quietStep = (label, rec, action) => step(label, rec, action, 10 * INTERVAL);
// Node takes a watcher's first stat on its thread pool: a change made at once may come before
// or after it. The steps start after a few polls.
const settle = () => sleep(3 * INTERVAL);

(async () => {
  const p = file('a.txt');
  fs.writeFileSync(p, 'a');

  // --- arguments ---
  check('no arguments', () => fs.watchFile());
  check('no listener', () => fs.watchFile(p));
  check('options but no listener', () => fs.watchFile(p, { interval: INTERVAL }));
  check('null options', () => fs.watchFile(p, null, noop));
  check('string options', () => fs.watchFile(p, 'x', noop));
  check('bad path type', () => fs.watchFile(123, noop));
  check('Buffer path (path.resolve takes strings)', () => fs.watchFile(Buffer.from(p), noop));
  check('null byte in path', () => fs.watchFile('a\u0000b', noop));
  check('listener checked before interval', () => fs.watchFile(p, { interval: -1 }));
  check('interval -1', () => fs.watchFile(p, { interval: -1 }, noop));
  check('interval 1.5', () => fs.watchFile(p, { interval: 1.5 }, noop));
  check('interval string', () => fs.watchFile(p, { interval: '20' }, noop));
  check('interval undefined', () => fs.watchFile(p, { interval: undefined }, noop));
  check('interval 2**32', () => fs.watchFile(p, { interval: 2 ** 32 }, noop));
  check('interval NaN', () => fs.watchFile(p, { interval: NaN }, noop));
  check('unwatchFile no arguments', () => fs.unwatchFile());
  check('unwatchFile bad path', () => fs.unwatchFile(123));
  check('unwatchFile Buffer path', () => fs.unwatchFile(Buffer.from(p)));
  check('unwatchFile of an unwatched path', () => fs.unwatchFile(file('never')));
  check('unwatchFile with a non-function listener', () => fs.unwatchFile(p, 'x'));
  check('exports', () => [typeof fs.watchFile, fs.watchFile.length, typeof fs.unwatchFile, fs.unwatchFile.length, typeof fs.StatWatcher]);

  // --- the StatWatcher ---
  check('watcher shape', () => {
    const w = fs.watchFile(p, { interval: INTERVAL, persistent: false }, noop);
    const out = [w.constructor.name, w instanceof EventEmitter, Object.keys(w), w.ref() === w, w.unref() === w,
      w.start(), w.listenerCount('change'), ['start', 'stop', 'ref', 'unref'].map((m) => typeof w[m])];
    fs.unwatchFile(p);
    return out;
  });
  check('one watcher per resolved path', () => {
    const here = process.cwd();
    const w1 = fs.watchFile(p, { interval: INTERVAL, persistent: false }, noop);
    const w2 = fs.watchFile(path.relative(here, p), noop);
    const w3 = fs.watchFile(new URL(`file://${p}`), noop);
    const w4 = fs.watchFile(`${dir}/./sub/../a.txt`, noop);
    const out = [w1 === w2, w1 === w3, w1 === w4, w1.listenerCount('change')];
    fs.unwatchFile(p, noop);
    out.push(w1.listenerCount('change'));
    fs.unwatchFile(p);
    out.push(w1.listenerCount('change'), w1._handle);
    out.push(fs.watchFile(p, { persistent: false }, noop) === w1);
    fs.unwatchFile(p);
    return out;
  });
  check('a watcher that exists ignores the new options', () => {
    const w = fs.watchFile(p, { interval: INTERVAL, persistent: false }, noop);
    const again = fs.watchFile(p, { interval: -1, bigint: 'yes' }, noop);
    fs.unwatchFile(p);
    return again === w;
  });
  check('an empty path is the cwd', () => {
    const w = fs.watchFile('', { persistent: false }, noop);
    const same = fs.watchFile(process.cwd(), noop) === w;
    fs.unwatchFile('.');
    return [same, w.listenerCount('change')];
  });

  // 'stop' comes on the next tick after the last listener goes, before promise jobs.
  await new Promise((resolve) => {
    const order = [];
    const w = fs.watchFile(p, { interval: INTERVAL }, noop);
    w.on('stop', () => order.push('stop'));
    fs.unwatchFile(p);
    order.push('sync');
    Promise.resolve().then(() => order.push('promise'));
    w.stop();
    setTimeout(() => {
      line('stop event', order.join(','));
      resolve();
    }, 20);
  });

  // --- one file through its changes ---
  {
    const rec = recorder();
    const w = fs.watchFile(p, { interval: INTERVAL }, rec.make('L'));
    rec.watcher = w;
    await settle();
    await quietStep('nothing changed', rec, noop);
    await step('write longer', rec, () => put(p, 'abc'));
    await step('write same length', rec, () => put(p, 'xyz'));
    await step('append', rec, () => fs.appendFileSync(p, 'd'));
    await step('truncate', rec, () => fs.truncateSync(p, 1));
    await step('chmod', rec, () => fs.chmodSync(p, 0o600));
    await step('utimes', rec, () => fs.utimesSync(p, 1000, 2000));
    await quietStep('read only', rec, () => fs.readFileSync(p));
    await step('utimes of atime alone (Node sees the ctime change)', rec, () => fs.utimesSync(p, 5000, 2000));
    await step('unlink', rec, () => fs.unlinkSync(p));
    await quietStep('still missing', rec, noop);
    await step('recreate (prev is the stat before unlink)', rec, () => put(p, 'hello'));
    await step('rename another file over it', rec, () => {
      fs.writeFileSync(file('other.txt'), 'other!');
      fs.renameSync(file('other.txt'), p);
    });
    await step('unlink again', rec, () => fs.unlinkSync(p));
    await step('a directory appears', rec, () => fs.mkdirSync(p));
    await step('a file inside it', rec, () => fs.writeFileSync(path.join(p, 'inner'), 'x'));
    await quietStep('the inner file grows', rec, () => put(path.join(p, 'inner'), 'xyz'));
    await step('the directory goes', rec, () => fs.rmSync(p, { recursive: true }));
    fs.unwatchFile(p);
    await quietStep('after unwatchFile', rec, () => put(p, 'back'));
  }

  // --- a path missing at the start ---
  {
    const q = file('missing.txt');
    const rec = recorder();
    let first;
    const w = fs.watchFile(q, { interval: INTERVAL }, function (curr, prev) {
      if (!first) first = [describe(curr), describe(prev)];
      rec.make('M').call(this, curr, prev);
    });
    rec.watcher = w;
    line('missing: listener not called synchronously', String(rec.calls.length));
    await step('missing at the start', rec, noop);
    line('missing: curr', first && first[0]);
    line('missing: prev', first && first[1]);
    await quietStep('missing: still missing', rec, noop);
    await step('missing: created', rec, () => put(q, 'now'));
    fs.unwatchFile(q);
  }

  // --- a failing stat is reported again when its errno changes ---
  {
    const parent = file('parent');
    const q = path.join(parent, 'child');
    fs.writeFileSync(parent, 'a file, not a directory');
    const rec = recorder();
    rec.watcher = fs.watchFile(q, { interval: INTERVAL }, rec.make('E'));
    await step('ENOTDIR at the start', rec, noop);
    await step('ENOTDIR becomes ENOENT', rec, () => fs.unlinkSync(parent));
    await quietStep('ENOENT stays ENOENT', rec, () => fs.mkdirSync(parent));
    await step('the path appears', rec, () => put(q, 'hi'));
    fs.unwatchFile(q);
  }

  // --- several listeners ---
  {
    const q = file('two.txt');
    fs.writeFileSync(q, '1');
    const rec = recorder();
    const a = rec.make('A');
    const b = rec.make('B');
    const w = fs.watchFile(q, { interval: INTERVAL }, a);
    rec.watcher = w;
    line('two listeners: same watcher', String(fs.watchFile(q, b) === w));
    await settle();
    await step('two listeners: both called in order', rec, () => put(q, '22'));
    fs.unwatchFile(q, a);
    fs.unwatchFile(q, a);
    line('two listeners: after removing A (twice)', String(w.listenerCount('change')));
    await step('two listeners: only B', rec, () => put(q, '333'));
    fs.watchFile(q, b);
    await step('two listeners: B added twice is called twice', rec, () => put(q, '4444'));
    fs.unwatchFile(q, b);
    await step('two listeners: one B removed', rec, () => put(q, '55555'));
    let stopped = false;
    w.on('stop', () => { stopped = true; });
    fs.unwatchFile(q);
    await quietStep('two listeners: after unwatchFile of all', rec, () => put(q, '666666'));
    line('two listeners: stopped', `${stopped} ${w.listenerCount('change')}`);
  }

  // --- a listener added with on('change') counts as one of the watcher's listeners ---
  {
    const q = file('on.txt');
    fs.writeFileSync(q, '1');
    const rec = recorder();
    const w = fs.watchFile(q, { interval: INTERVAL }, rec.make('W'));
    rec.watcher = w;
    w.on('change', rec.make('O'));
    fs.unwatchFile(q, noop);
    await settle();
    await step('on(change): both called', rec, () => put(q, '22'));
    w.removeAllListeners('change');
    fs.unwatchFile(q, noop);
    await quietStep('on(change): none left by hand, unwatchFile(q, fn) stops it', rec, () => put(q, '333'));
    fs.unwatchFile(q);
  }

  // --- bigint ---
  {
    const q = file('big.txt');
    fs.writeFileSync(q, 'big');
    const seen = [];
    fs.watchFile(q, { interval: INTERVAL, bigint: true }, (curr, prev) => {
      seen.push([curr.constructor.name, prev.constructor.name, typeof curr.size, curr.size, prev.size, typeof curr.mtimeNs, curr.mtimeNs > prev.mtimeNs].map(describe).join(' '));
    });
    await settle();
    fs.writeFileSync(q, 'bigger');
    for (let i = 0; i < 200 && !seen.length; i++) await sleep(5);
    line('bigint: a change', seen.join(' ; '));
    fs.unwatchFile(q);

    const missing = file('big-missing.txt');
    const zero = [];
    fs.watchFile(missing, { interval: INTERVAL, bigint: true }, (curr, prev) => zero.push(describe(curr), describe(prev)));
    for (let i = 0; i < 200 && !zero.length; i++) await sleep(5);
    line('bigint: missing, curr', zero[0]);
    line('bigint: missing, prev', zero[1]);
    fs.unwatchFile(missing);

    const kinds = [];
    fs.watchFile(missing, { interval: INTERVAL, bigint: 1 }, (curr) => kinds.push(curr.constructor.name, typeof curr.size));
    for (let i = 0; i < 200 && !kinds.length; i++) await sleep(5);
    line('bigint: 1 is not true', kinds.join(' '));
    fs.unwatchFile(missing);
  }

  // --- an interval beyond what timers take (2^31-1 ms) still means "not soon" ---
  {
    const q = file('slow.txt');
    fs.writeFileSync(q, '1');
    const rec = recorder();
    rec.watcher = fs.watchFile(q, { interval: 2 ** 32 - 1 }, rec.make('S'));
    await settle();
    await quietStep('interval 2**32-1: no poll within 200 ms', rec, () => put(q, '22'));
    fs.unwatchFile(q);
  }

  // --- a listener that unwatches from inside the call ---
  {
    const q = file('self.txt');
    fs.writeFileSync(q, '1');
    let calls = 0;
    fs.watchFile(q, { interval: INTERVAL }, function me() {
      calls++;
      fs.unwatchFile(q, me);
    });
    await settle();
    fs.writeFileSync(q, '22');
    await sleep(8 * INTERVAL);
    fs.writeFileSync(q, '333');
    await sleep(8 * INTERVAL);
    line('unwatch inside the listener', String(calls));
  }

  // --- watchers left active that must not keep the process alive ---
  // persistent: false
  fs.watchFile(file('left1.txt'), { interval: INTERVAL, persistent: false }, noop);
  // two watchFile() calls hold two refs: unref() twice lets go
  const w2 = fs.watchFile(file('left2.txt'), { interval: INTERVAL }, noop);
  fs.watchFile(file('left2.txt'), noop);
  w2.unref().unref();
  // unref() then ref() then unref() again
  fs.watchFile(file('left3.txt'), { interval: INTERVAL }, noop).unref().ref().unref();
  // a persistent:false watcher is not ref'd by a later persistent watchFile() on the path
  fs.watchFile(file('left4.txt'), { interval: INTERVAL, persistent: false }, noop);
  fs.watchFile(file('left4.txt'), { interval: INTERVAL }, noop);
  process.on('exit', () => line('exit with unref\'d watchers left', 'ok'));
})();
