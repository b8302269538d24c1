'use strict';
// util.transferableAbortSignal/transferableAbortController: a signal in a transfer list crosses
// a MessageChannel, aborted or to abort with its sender's reason; it is Node's new object.
const common = require('../common');
const assert = require('assert');
const util = require('util');
const { setImmediate: pause } = require('timers/promises');

const show = (f) => {
  try {
    return f();
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};

const plain = AbortSignal.abort('x');
const made = util.transferableAbortSignal(plain);
console.log(made === plain, made instanceof AbortSignal, made.aborted, made.reason, util.transferableAbortSignal(made) === made);
console.log(show(() => util.transferableAbortSignal({})), show(() => util.transferableAbortSignal()));

(async () => {
  const ac = util.transferableAbortController();
  const mc = new MessageChannel();
  const got = [];
  mc.port1.onmessage = common.mustCall(({ data }) => {
    got.push(data);
    data.signal.addEventListener('abort', common.mustCall(() => console.log('received abort', data.n, data.signal.reason)));
  }, 2);
  mc.port2.postMessage({ n: 1, signal: ac.signal }, [ac.signal]);
  mc.port2.postMessage({ n: 2, signal: ac.signal }, [ac.signal]);
  mc.port2.close();
  ac.signal.addEventListener('abort', common.mustCall(() => console.log('local abort', ac.signal.reason)));
  await pause();
  await pause();
  console.log(got.length, got.map((d) => d.signal.aborted), got[0].signal !== ac.signal);
  ac.abort({ why: 'boom' });
  await pause();
  await pause();

  const mc2 = new MessageChannel();
  mc2.port1.onmessage = common.mustCall(({ data }) => {
    assert.ok(data instanceof AbortSignal);
    console.log('pre-aborted', data.aborted, data.reason);
    mc2.port1.close();
  });
  mc2.port2.postMessage(made, [made]);
})().then(common.mustCall());
