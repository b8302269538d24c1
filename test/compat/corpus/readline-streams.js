'use strict';
// readline over streams that are not stdin: how lines are split (\n, \r\n, lone \r, across
// chunks), events and their order, question/prompt, history, async iteration, errors.
const common = require('../common');
const assert = require('assert');
const readline = require('readline');
const rlp = require('readline/promises');
const { PassThrough, Readable } = require('stream');

const log = (...a) => console.log(...a);

async function lines(chunks, options = {}) {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, ...options });
  const got = [];
  rl.on('line', (l) => got.push(l));
  const closed = new Promise((resolve) => rl.on('close', resolve));
  for (const c of chunks) input.write(c);
  input.end();
  await closed;
  return got;
}

async function main() {
  log(await lines(['a\nb\r\nc\rd', '\n']));
  log(await lines(['one\r', '\ntwo\r', 'three\n']));
  log(await lines(['no newline at end']));
  log(await lines(['\n\n\r\r\n']));
  log(await lines([Buffer.from('caf'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a])]));
  log(await lines(['x\r', '\ny'], { crlfDelay: Infinity }));

  // events in order
  {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d) => { written += d; });
    const rl = readline.createInterface({ input, output, terminal: false, prompt: '$ ' });
    const events = [];
    for (const e of ['line', 'pause', 'resume', 'close', 'history']) rl.on(e, (arg) => events.push(arg === undefined ? e : `${e}:${arg}`));
    log(rl.getPrompt(), rl.terminal, rl.line, rl.historySize, rl.crlfDelay, rl.history);
    rl.setPrompt('> ');
    rl.prompt();
    rl.pause();
    rl.pause();
    rl.resume();
    rl.write('typed\n');
    rl.question('name? ', (answer) => events.push(`answer:${answer}`));
    input.write('bob\n');
    input.write('after\n');
    rl.close();
    rl.close();
    await new Promise((r) => setImmediate(r));
    log(events, JSON.stringify(written), rl.closed);
    assert.throws(() => rl.question('late?', () => {}), { code: 'ERR_USE_AFTER_CLOSE', message: 'readline was closed' });
  }

  // promises question, with an AbortSignal
  {
    const input = new PassThrough();
    const rl = rlp.createInterface({ input });
    const p = rl.question('q1 ');
    input.write('yes\n');
    log('answer', await p);
    const ac = new AbortController();
    const p2 = rl.question('q2 ', { signal: ac.signal });
    ac.abort();
    await p2.catch((e) => log(e.name, e.code, e.message));
    await rl.question('q3 ', { signal: AbortSignal.abort('why') }).catch((e) => log(e.name, e.cause));
    const p4 = rl.question('q4 ');
    input.end('last\n');
    log('answer', await p4);
    log(rl.closed);
  }

  // callback question with an aborted signal never answers
  {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    rl.question('x', { signal: AbortSignal.abort() }, common.mustNotCall());
    rl.close();
  }

  // async iteration
  {
    const input = Readable.from(['l1\nl2\n', 'l3\r\nl4']);
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    const got = [];
    for await (const line of rl) got.push(line);
    log(got, rl.closed);
  }
  {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    input.end('a\nb\nc\n');
    for await (const line of rl) {
      log('first', line);
      break;
    }
    log('closed after break', rl.closed);
  }
  {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const it = rl[Symbol.asyncIterator]();
    const wm = it[Symbol.for('nodejs.watermarkData')];
    log(wm.high, wm.low, wm.size, wm.isPaused, it === rl[Symbol.asyncIterator]());
    setImmediate(() => input.destroy(new Error('boom')));
    await it.next().catch((e) => log('iterator error', e.message));
  }
  // an input's error is the interface's
  {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    rl.on('error', (e) => log('error event', e.message));
    input.emit('error', new Error('bad input'));
    rl.close();
  }

  // history in terminal mode
  {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const rl = readline.createInterface({ input, output, terminal: true, historySize: 2, removeHistoryDuplicates: true });
    rl.on('history', (h) => log('history', h));
    rl.on('line', (l) => log('tty line', JSON.stringify(l), rl.line, rl.cursor));
    rl.write('first\r');
    rl.write('second\n');
    rl.write('first\r');
    rl.write('third\r');
    rl.write('  \r');
    rl.write('abc');
    log(rl.line, rl.cursor, rl.getCursorPos(), rl.history);
    rl.close();
  }

  // option errors
  for (const opts of [{ historySize: -1 }, { historySize: 'x' }, { history: 'x' }, { completer: 1 }, { tabSize: 0 }, { escapeCodeTimeout: NaN }]) {
    try {
      readline.createInterface({ input: new PassThrough(), ...opts });
      log('created');
    } catch (e) {
      log(e.name, e.code, e.message);
    }
  }

  // readline.Interface is callable without new and keeps its underscore methods
  {
    const input = new PassThrough();
    const rl = readline.Interface(input);
    log(rl instanceof readline.Interface, readline.createInterface({ input }) instanceof readline.Interface,
      typeof rl._ttyWrite, typeof rl._onLine, typeof rl._getCursorPos, rl instanceof rlp.Interface,
      rlp.createInterface({ input }) instanceof readline.Interface);
    rl.on('line', (l) => log('legacy', l));
    rl._normalWrite('via underscore\n');
    const ask = require('util').promisify(rl.question).bind(rl);
    const answer = ask('promisified? ');
    input.write('yes it is\n');
    log('promisified', await answer);
    const ac = new AbortController();
    const pending = ask('never? ', { signal: ac.signal });
    ac.abort();
    await pending.catch((e) => log(e.name, e.code));
    rl.close();
  }

  // cursor helpers
  const out = { data: [], write(d, cb) { this.data.push(JSON.stringify(d)); if (cb) cb(); return true; } };
  log(readline.cursorTo(out, 3), readline.cursorTo(out, 3, 4), readline.moveCursor(out, -2, 5), readline.moveCursor(out, 0, 0),
    readline.clearLine(out, -1), readline.clearLine(out, 0), readline.clearLine(out, 1), readline.clearScreenDown(out));
  log(out.data.join(' '), readline.cursorTo(null, 1), readline.cursorTo(out, undefined));
  assert.throws(() => readline.cursorTo(out, 'a', 1), { code: 'ERR_INVALID_CURSOR_POS' });
  readline.cursorTo(null, 1, common.mustCall((err) => log('cursorTo cb', err)));

  const sink = new PassThrough();
  sink.on('data', (d) => out.data.push(JSON.stringify(`${d}`)));
  const rlw = new rlp.Readline(sink);
  rlw.cursorTo(1, 2).moveCursor(3, -1).clearLine(0).clearScreenDown();
  await rlw.commit();
  log(out.data.pop());
  rlw.cursorTo(5).rollback();
  await rlw.commit();
  log(out.data.pop());
  assert.throws(() => rlw.clearLine(2), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => new rlp.Readline({}), { code: 'ERR_INVALID_ARG_TYPE' });
}
main().then(common.mustCall());
