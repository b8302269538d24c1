// readline/promises awaits its completer: a tab's completion is written in a later microtask,
// never before the keypress returns (node:readline's callback interface completes at once).
const { EventEmitter } = require('events');
for (const name of ['readline/promises', 'readline']) {
  const readline = require(name);
  const input = new EventEmitter();
  input.resume = input.pause = () => {};
  let output = '';
  const out = new EventEmitter();
  out.write = (s) => { output += s; };
  out.columns = 80;
  const rl = readline.createInterface({
    input,
    output: out,
    terminal: true,
    completer: (line) => [['apple', 'apricot'], line],
  });
  const seen = [];
  for (const ch of 'ap\t\t') {
    input.emit('data', ch);
    seen.push(JSON.stringify(output));
    queueMicrotask(() => seen.push('micro ' + JSON.stringify(output)));
  }
  setImmediate(() => {
    console.log(name, seen.join(' | '));
    rl.close();
  });
}
