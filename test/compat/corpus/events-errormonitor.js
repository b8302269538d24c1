'use strict';
const common = require('../common');
const assert = require('assert');
const { EventEmitter, errorMonitor } = require('events');
const e = new EventEmitter();
e.on(errorMonitor, common.mustCall((err) => console.log('monitor', err.message)));
e.on('error', common.mustCall((err) => console.log('handler', err.message)));
e.emit('error', new Error('x'));
console.log(typeof errorMonitor, EventEmitter.errorMonitor === errorMonitor);
