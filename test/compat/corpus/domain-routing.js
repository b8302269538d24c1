'use strict';
// Errors reach the domain that was active where their callback was queued: thrown by run(),
// by a timer, an immediate or a tick made in the domain, or emitted by a member emitter.
require('../common');
const domain = require('domain');
const EventEmitter = require('events');
const log = [];
const d = domain.create();
d.on('error', (err) => {
  log.push(`d caught ${err.message} thrown=${err.domainThrown} domain=${err.domain === d} active=${process.domain === d}`);
});
console.log('no domain', process.domain, domain.active);

d.run(() => {
  console.log('in run', process.domain === d, domain.active === d, domain._stack.length);
  setTimeout(() => {
    log.push(`timer in domain ${process.domain === d}`);
    throw new Error('from timer');
  }, 1);
  setImmediate(() => { throw new Error('from immediate'); });
  process.nextTick(() => { throw new Error('from tick'); });
  const ee = new EventEmitter();
  log.push(`implicit member ${ee.domain === d}`);
  setTimeout(() => ee.emit('error', new Error('emitted')), 2);
});
console.log('after run', process.domain, domain._stack.length);

const explicit = domain.create();
const caught = [];
explicit.on('error', (err) => caught.push(`${err.message} emitter=${err.domainEmitter !== undefined} thrown=${err.domainThrown}`));
const member = new EventEmitter();
explicit.add(member);
console.log('added', member.domain === explicit, explicit.members.length);
member.emit('error', new Error('member error'));
explicit.remove(member);
console.log('removed', member.domain, explicit.members.length);

const intercepted = explicit.intercept((a, b) => `${a}+${b}:${process.domain === explicit}`);
console.log('intercept ok', intercepted(null, 1, 2));
console.log('intercept error', intercepted(new Error('callback error')), caught.length);
const bound = explicit.bind(function (x) { return `${x}:${process.domain === explicit}:${this.tag}`; });
console.log('bind', bound.call({ tag: 't' }, 'arg'), bound.domain === explicit);

// at exit, whatever order the loop ran them in
process.on('exit', () => {
  console.log(log.sort().join('\n'));
  console.log(caught.join('\n'));
  console.log('end', domain._stack.length);
});
