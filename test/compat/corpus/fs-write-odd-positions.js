'use strict';
// The position of writeSync (string or buffer), writev and readv: Node's binding takes a safe
// integer as the offset and anything else (a fraction, NaN, Infinity, 2 ** 53, a string, a
// BigInt, null) as the current position; a negative one is the current position too.
const common = require('../common');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();

const file = tmpdir.resolve('f');
const positions = ['1', -5, -1, 1.5, 2n, true, null, undefined, NaN, Infinity, -Infinity, 2 ** 53, 3];
const calls = {
  'writeSync string': (fd, pos) => fs.writeSync(fd, 'x', pos),
  'writeSync string hex': (fd, pos) => fs.writeSync(fd, '7979', pos, 'hex'),
  'writeSync buffer': (fd, pos) => fs.writeSync(fd, Buffer.from('z'), 0, 1, pos),
  'writevSync': (fd, pos) => fs.writevSync(fd, [Buffer.from('v'), Buffer.from('w')], pos),
  'readvSync': (fd, pos) => {
    const b = Buffer.alloc(2);
    const n = fs.readvSync(fd, [b], pos);
    return `${n} ${b.toString('latin1', 0, n)}`;
  },
};
for (const [name, call] of Object.entries(calls)) {
  const out = [];
  for (const pos of positions) {
    const fd = fs.openSync(file, 'w+');
    fs.writeSync(fd, 'abcdef');
    fs.readSync(fd, Buffer.alloc(2), 0, 2, 0); // (a positioned read leaves the position at 6)
    let r;
    try {
      r = call(fd, pos);
    } catch (err) {
      r = err.code;
    }
    out.push(`${typeof pos} ${String(pos)}: ${r} ${fs.readFileSync(file, 'latin1')}`);
    fs.closeSync(fd);
  }
  console.log(name, out);
}
fs.open(file, 'w+', common.mustSucceed((fd) => {
  fs.write(fd, 'abc', NaN, common.mustSucceed(() => {
    fs.write(fd, Buffer.from('d'), 0, 1, 0.5, common.mustSucceed(() => {
      console.log('callbacks', fs.readFileSync(file, 'latin1'));
      fs.closeSync(fd);
    }));
  }));
}));
