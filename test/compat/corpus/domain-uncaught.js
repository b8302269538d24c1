'use strict';
// A domain without 'error' listeners leaves the error to 'uncaughtException' listeners, which
// see no domain entered; setUncaughtExceptionCaptureCallback is refused once domains are in use.
const common = require('../common');
const assert = require('assert');
const domain = require('domain');

process.on('uncaughtException', common.mustCall((err) => {
  console.log('uncaughtException', err.message, process.domain, domain._stack.length);
}));
const quiet = domain.create();
quiet.run(() => {
  setTimeout(() => { throw new Error('no listener'); }, 1);
});
assert.throws(() => process.setUncaughtExceptionCaptureCallback(() => {}),
  { code: 'ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE' });
console.log('has capture', process.hasUncaughtExceptionCaptureCallback());

const outer = domain.create();
const inner = domain.create();
outer.on('error', common.mustCall((err) => console.log('outer got', err.message)));
inner.on('error', () => { throw new Error('rethrown by inner'); });
// an error the inner domain's listener throws goes to the domain entered around it
outer.run(() => {
  setTimeout(() => {
    inner.run(() => { throw new Error('first'); });
  }, 5);
});
