'use strict';
const tmpdir = require('../common/tmpdir');
const yaml = require('js-yaml');
const fs = require('fs');
const { show } = require('./_tree');

tmpdir.refresh();
const doc = `
# config
name: app
version: 1.2
enabled: true
nothing: ~
date: 2020-01-02
list:
  - one
  - { two: 2 }
  - [3, 4]
anchors:
  base: &base { a: 1, b: 2 }
  derived:
    <<: *base
    b: 3
multi: |
  line 1
  line 2
folded: >
  folded
  text
binary: !!binary aGVsbG8=
`;
fs.writeFileSync(tmpdir.resolve('config.yml'), doc);
const loaded = yaml.load(fs.readFileSync(tmpdir.resolve('config.yml'), 'utf8'));
show('load', { ...loaded, date: loaded.date.toISOString(), binary: Buffer.from(loaded.binary).toString() });
show('dump', yaml.dump({ a: [1, 2, { b: 'c' }], s: 'multi\nline', n: null, q: 'yes', e: '' }));
show('dump sorted flow', yaml.dump({ z: 1, a: [1, 2] }, { sortKeys: true, flowLevel: 1 }));
const all = [];
yaml.loadAll('---\na: 1\n---\nb: 2\n---\n- x\n', (d) => all.push(d));
show('loadAll', all);
try {
  yaml.load('a: [1, 2\nb: 3');
} catch (e) {
  show('error', `${e.name}: ${e.reason} at line ${e.mark.line + 1}, column ${e.mark.column + 1}`);
  console.log(e.message);
}
try {
  yaml.load('a: !!js/function "x"');
} catch (e) {
  show('unknown tag', e.reason);
}
show('JSON schema', yaml.load('a: yes\nb: 0x10', { schema: yaml.JSON_SCHEMA }));
show('FAILSAFE', yaml.load('a: 1', { schema: yaml.FAILSAFE_SCHEMA }));
const Point = new yaml.Type('!point', { kind: 'sequence', construct: ([x, y]) => ({ x, y }) });
show('custom type', yaml.load('p: !point [1, 2]', { schema: yaml.DEFAULT_SCHEMA.extend([Point]) }));
show('round trip', yaml.load(yaml.dump(loaded.anchors)));
