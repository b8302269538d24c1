'use strict';
// debug writes "<date> name message" to stderr when stderr is not a terminal: no date, and to
// stdout, so both worlds print the same.
process.env.DEBUG_HIDE_DATE = '1';
process.env.DEBUG = 'app:*,-app:secret,other';
const createDebug = require('debug');
const { show } = require('./_tree');

createDebug.log = (...args) => console.log(...args);
const log = createDebug('app:main');
const secret = createDebug('app:secret');
const other = createDebug('other');
const off = createDebug('off');
show('enabled', [log.enabled, secret.enabled, other.enabled, off.enabled]);
log('hello %s, %d items, %o', 'world', 3, { a: [1, 2] });
log('json %j', { j: true });
secret('never printed');
other('plain message', 42);
const child = log.extend('child');
child('from child, enabled=%s', child.enabled);
show('namespace', [child.namespace, createDebug.enabled('app:x'), createDebug.enabled('app:secret')]);
createDebug.formatters.h = (v) => v.toString('hex');
log('custom formatter %h', Buffer.from('hi'));
createDebug.disable();
show('after disable', [log.enabled, createDebug.enabled('app:main')]);
createDebug.enable('off');
show('after enable', [off.enabled, log.enabled]);
off('now on');
show('humanize', [createDebug.humanize(1500), createDebug.humanize(90000)]);
show('inspectOpts', typeof createDebug.inspectOpts);
