'use strict';
const common = require('../common');
const assert = require('assert');
const { Readable, addAbortSignal } = require('stream');
const ac = new AbortController();
const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
r.on('error', common.mustCall((e) => console.log(e.name, e.code)));
r.on('close', common.mustCall(() => console.log('closed', r.destroyed)));
ac.abort();
(async () => {
  const ac2 = new AbortController();
  const r2 = new Readable({ read() {}, signal: ac2.signal });
  setTimeout(() => ac2.abort(), 2);
  try { for await (const c of r2) console.log(c); } catch (e) { console.log('loop', e.name); }
})().then(common.mustCall());
