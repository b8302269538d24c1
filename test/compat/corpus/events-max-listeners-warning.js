'use strict';
const common = require('../common');
const assert = require('assert');
const { EventEmitter } = require('events');
process.on('warning', common.mustCall((w) => console.log(w.name, w.emitter === e, w.type, w.count)));
const e = new EventEmitter();
e.setMaxListeners(2);
for (let i = 0; i < 3; i++) e.on('leak', () => {});
e.on('leak', () => {});
