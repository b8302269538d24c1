'use strict';
const common = require('../common');
const { EventEmitter, once, on } = require('events');
const e = new EventEmitter();
(async () => {
  setTimeout(() => e.emit('ready', 42, 'x'), 1);
  console.log(await once(e, 'ready'));
  setTimeout(() => { e.emit('data', 1); e.emit('data', 2); e.emit('end'); }, 1);
  const got = [];
  const ac = new AbortController();
  e.once('end', () => ac.abort());
  try {
    for await (const [v] of on(e, 'data', { signal: ac.signal })) got.push(v);
  } catch (err) {
    console.log(err.name, got);
  }
})().then(common.mustCall());
