'use strict';
// readline in terminal mode: keypress parsing (emitKeypressEvents), line editing keys,
// history navigation, tab completion and what is drawn on the output.
require('../common');
const readline = require('readline');
const { PassThrough } = require('stream');

// keypress events for raw input
{
  const input = new PassThrough();
  readline.emitKeypressEvents(input);
  const keys = [];
  input.on('keypress', (s, k) => keys.push(JSON.stringify([s, k])));
  for (const seq of ['a', 'B', '\r', '\n', '\t', '\x7f', '\x01', '\x1b[A', '\x1bOB', '\x1b[1;5C', '\x1b[3~', '\x1b[5$',
    '\x1bb', '\x1b[[A', '\x1b[200~', '\x1b[Z', ' ', '.', 'é', '😀', '\x1b[2;3H', '\x1b\x1b[D']) {
    input.write(seq);
  }
  input.write(Buffer.from([0xe2]));
  input.write(Buffer.from([0x98, 0x83]));
  console.log(keys.join('\n'));
}

// editing
{
  const input = new PassThrough();
  const output = new PassThrough();
  let drawn = '';
  output.on('data', (d) => { drawn += d; });
  const rl = readline.createInterface({ input, output, terminal: true, prompt: '> ' });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  const state = (label) => console.log(label, JSON.stringify(rl.line), rl.cursor, JSON.stringify(rl.getCursorPos()));
  rl.write('hello world');
  state('typed');
  rl.write(null, { ctrl: true, name: 'a' });
  state('home');
  rl.write(null, { meta: true, name: 'f' });
  state('word right');
  rl.write(null, { ctrl: true, name: 'k' });
  state('kill right');
  rl.write(null, { ctrl: true, name: 'y' });
  state('yank');
  rl.write(null, { name: 'left' });
  rl.write(null, { name: 'backspace' });
  state('backspace');
  rl.write(null, { ctrl: true, name: 'w' });
  state('delete word left');
  rl.write('\r');
  rl.write('second\n');
  rl.write('third\r\n');
  rl.write(null, { name: 'up' });
  state('up');
  rl.write(null, { name: 'up' });
  state('up again');
  rl.write(null, { name: 'down' });
  state('down');
  rl.write('s');
  rl.write(null, { ctrl: true, name: 'u' });
  state('kill left');
  rl.write('丁a\u0301\t');
  state('wide');
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { sequence: '\x1f' });
  state('undo');
  rl.prompt();
  console.log(lines, rl.history);
  console.log(JSON.stringify(drawn));
  rl.close();
}

// completion
{
  const input = new PassThrough();
  const output = new PassThrough();
  let drawn = '';
  output.on('data', (d) => { drawn += d; });
  const rl = readline.createInterface({
    input, output, terminal: true,
    completer: (line) => [['apple', 'apricot', 'banana'].filter((w) => w.startsWith(line)), line],
  });
  input.write('a');
  input.write('\t');
  console.log(JSON.stringify(rl.line));
  input.write('\t');
  input.write('\t');
  console.log(JSON.stringify(drawn));
  rl.close();
}
