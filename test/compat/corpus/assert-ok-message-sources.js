'use strict';
// assert.ok's generated message is the failing call's source text, as Node finds it: member
// calls with bracketed keys, calls broken across lines, non-ASCII names, control characters;
// and none for a call from a builtin (an EventEmitter listener). Also CallTracker's frozen
// calls, assert.fail's deprecation, errors with cause / AggregateError in deep equality.
require('../common');
const assert = require('assert');
const EventEmitter = require('events');
const show = (fn) => {
  try {
    fn();
  } catch (e) {
    console.log(JSON.stringify(e.message), e.generatedMessage);
  }
};
show(() => {
  assert['ok']["apply"](null, [0]);
});
show(() => {
  assert
    .ok(null, undefined);
});
show(() => {
  assert.ok(
    typeof 123 === 'string'
  );
});
const ässört = assert;
show(() => {
  ässört.ok('');
});
show(() => {
  assert.ok('\u0001' === 'x');
});
const e = new EventEmitter();
e.on('hello', assert);
show(() => e.emit('hello', false));
show(() => assert.strictEqual(new Error('foo'), new Error('foobar')));
show(() => assert.strictEqual('x'.repeat(20), 'x'.repeat(19) + 'y'));
show(() => new assert.AssertionError(1));
show(() => assert.match({ abc: 123 }, /abc/));

const tracker = new assert.CallTracker();
const fn = tracker.calls((a) => a, 2);
fn(1);
const calls = tracker.getCalls(fn);
console.log(calls.length, Object.isFrozen(calls), Object.isFrozen(calls[0]), Object.isFrozen(calls[0].arguments), fn.length);
show(() => tracker.getCalls(() => {}));
show(() => tracker.verify());

process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
show(() => assert.fail('a', 'b'));

const e1 = new Error('err', { cause: new Error('c1') });
console.log(require('util').isDeepStrictEqual(e1, new Error('err', { cause: new Error('c1') })),
  require('util').isDeepStrictEqual(e1, new Error('err', { cause: new Error('c2') })),
  require('util').isDeepStrictEqual(new AggregateError([1], 'm'), new AggregateError([2], 'm')));
const u8 = new Uint8Array(2);
const i8 = new Int8Array(2);
Object.setPrototypeOf(i8, Uint8Array.prototype);
console.log(require('util').isDeepStrictEqual(u8, i8));
