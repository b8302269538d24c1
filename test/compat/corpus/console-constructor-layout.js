'use strict';
// node:console's Console as Node lays it out: the global console's keys and streams, option
// validation, error-swallowing writes, colors per stream, wide characters in tables, and
// process warnings printed through the console's stderr.
require('../common');
const { Console } = require('console');
const { Writable } = require('stream');

console.log(Object.keys(console).join());
console.log(console instanceof Console, ({}) instanceof Console, Object.prototype.toString.call(console));
const d = Object.getOwnPropertyDescriptor(console, '_stdout');
console.log(typeof d.get, typeof d.set, d.enumerable, console.log.name, console.error.name);

const show = (fn) => {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
};
const sink = () => {
  const s = new Writable({ write(chunk, enc, cb) { s.text += chunk; cb(); }, decodeStrings: false });
  s.text = '';
  return s;
};
show(() => new Console());
show(() => new Console({ stdout: sink(), stderr: {} }));
show(() => new Console({ stdout: sink(), colorMode: 'yes' }));
show(() => new Console({ stdout: sink(), groupIndentation: 1.5 }));
show(() => new Console({ stdout: sink(), groupIndentation: 1001 }));
show(() => new Console({ stdout: sink(), groupIndentation: '2' }));
show(() => new Console({ stdout: sink(), inspectOptions: 'x' }));
show(() => new Console({ stdout: sink(), colorMode: true, inspectOptions: { colors: true } }));
show(() => console.table([], 'a'));

// A stream that throws: swallowed by default, thrown with ignoreErrors false.
const throwing = new Writable({ write() { throw new Error('boom'); } });
show(() => new Console(throwing).log('x'));
show(() => new Console(throwing, throwing, false).log('x'));
const failing = new Writable({ write(c, e, cb) { process.nextTick(cb, new Error('later')); } });
new Console(failing).log('x');

// Colors: forced, off, and 'auto' from the stream's isTTY.
for (const [colorMode, isTTY] of [[true, false], [false, true], ['auto', true], ['auto', false]]) {
  const s = sink();
  s.isTTY = isTTY;
  new Console({ stdout: s, colorMode }).log(1, 'a', { b: [2] });
  console.log(JSON.stringify(s.text));
}
const grouped = sink();
const g = new Console({ stdout: grouped, groupIndentation: 4 });
g.group('outer');
g.log('a\nb');
g.groupEnd();
g.log('c');
console.log(JSON.stringify(grouped.text));

const t = sink();
new Console(t).table([{ name: '￥', v: 'x' }, { name: 'ab', v: '日本' }]);
console.log(t.text);
const tr = sink();
new Console(tr).trace('here %d', 5);
console.log(JSON.stringify(tr.text.split('\n')[0]));
const cl = sink();
cl.isTTY = true;
new Console(cl).clear();
console.log(JSON.stringify(cl.text));

// Warnings go through the console's stderr.
const write = process.stderr.write;
const seen = [];
process.stderr.write = (chunk) => { seen.push(String(chunk).replace(/\(node:\d+\)/, '(node:PID)')); return true; };
process.emitWarning('careful', 'CustomWarning');
setImmediate(() => {
  process.stderr.write = write;
  console.log(JSON.stringify(seen));
});
