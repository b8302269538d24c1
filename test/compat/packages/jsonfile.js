'use strict';
const common = require('../common');
const tmpdir = require('../common/tmpdir');
const jsonfile = require('jsonfile');
const fs = require('fs');
const { show } = require('./_tree');

tmpdir.refresh();
const file = tmpdir.resolve('data.json');
const obj = { name: 'jsonfile', n: 1.5, list: [1, 'two', null], nested: { date: '2020-01-01T00:00:00.000Z' } };

jsonfile.writeFileSync(file, obj, { spaces: 2, EOL: '\r\n' });
show('written', JSON.stringify(fs.readFileSync(file, 'utf8')));
show('readFileSync', jsonfile.readFileSync(file));
show('reviver', jsonfile.readFileSync(file, { reviver: (k, v) => (k === 'date' ? `<${v}>` : v) }).nested);
fs.writeFileSync(tmpdir.resolve('bad.json'), '{ not json');
show('throws:false', jsonfile.readFileSync(tmpdir.resolve('bad.json'), { throws: false }));
try {
  jsonfile.readFileSync(tmpdir.resolve('bad.json'));
} catch (e) {
  show('bad json', `${e.name} ${e.message.includes('bad.json')}`);
}
fs.writeFileSync(tmpdir.resolve('bom.json'), '\uFEFF{"bom":true}');
show('BOM', jsonfile.readFileSync(tmpdir.resolve('bom.json')));

jsonfile.writeFile(tmpdir.resolve('cb.json'), { cb: [1, 2] }, { spaces: '\t' }, common.mustSucceed(() => {
  jsonfile.readFile(tmpdir.resolve('cb.json'), common.mustSucceed((o) => {
    show('callback', o);
    show('tab spaces', JSON.stringify(fs.readFileSync(tmpdir.resolve('cb.json'), 'utf8')));
    promises().then(common.mustCall());
  }));
}));
// then the promise forms
const promises = async () => {
  await jsonfile.writeFile(tmpdir.resolve('p.json'), [1, 2, 3]);
  show('promise', await jsonfile.readFile(tmpdir.resolve('p.json')));
  await jsonfile.readFile(tmpdir.resolve('missing.json')).catch((e) => show('missing', e.code));
};
