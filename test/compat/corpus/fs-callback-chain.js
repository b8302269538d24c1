'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const tmpdir = require('../common/tmpdir');
tmpdir.refresh();
const p = tmpdir.resolve('cb.txt');
fs.writeFile(p, 'one', common.mustSucceed(() => {
  fs.appendFile(p, 'two', common.mustSucceed(() => {
    fs.stat(p, common.mustSucceed((st) => {
      assert.strictEqual(st.size, 6);
      assert(st.isFile());
      fs.readFile(p, 'utf8', common.mustSucceed((data) => {
        console.log(data);
        fs.unlink(p, common.mustSucceed(() => {
          fs.stat(p, common.mustCall((err) => {
            assert.strictEqual(err.code, 'ENOENT');
            console.log(err.message.replace(tmpdir.path, '<tmp>'));
          }));
        }));
      }));
    }));
  }));
}));
