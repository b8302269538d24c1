// assert.CallTracker (deprecated in Node 20, still there): a Proxy of each function that records
// its calls (frozen copies of this and the arguments), and verify() fails for those not called
// the expected number of times.
import { AssertionError } from 'qjsw:internal/assert/assertion_error';
import { invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { validateUint32 } from 'qjsw:internal/vm_validators';
import process from 'qjsw:internal/process_object';

class CallTrackerContext {
  #expected;
  #calls = [];
  #name;
  #stackTrace;

  constructor({ expected, stackTrace, name }) {
    this.#expected = expected;
    this.#stackTrace = stackTrace;
    this.#name = name;
  }

  track(thisArg, args) {
    this.#calls.push(Object.freeze({ thisArg, arguments: Object.freeze(Array.prototype.slice.call(args)) }));
  }

  get delta() {
    return this.#calls.length - this.#expected;
  }

  reset() {
    this.#calls = [];
  }

  getCalls() {
    return Object.freeze(this.#calls.slice());
  }

  report() {
    if (this.delta === 0) return undefined;
    return {
      message: `Expected the ${this.#name} function to be executed ${this.#expected} time(s) but was executed ${this.#calls.length} time(s).`,
      actual: this.#calls.length,
      expected: this.#expected,
      operator: this.#name,
      stack: this.#stackTrace,
    };
  }
}

export class CallTracker {
  #callChecks = new Set();
  #trackedFunctions = new WeakMap();

  #getTrackedFunction(tracked) {
    if (!this.#trackedFunctions.has(tracked)) throw invalidArgValue('tracked', tracked, 'is not a tracked function');
    return this.#trackedFunctions.get(tracked);
  }

  reset(tracked) {
    if (tracked === undefined) {
      for (const check of this.#callChecks) check.reset();
      return;
    }
    this.#getTrackedFunction(tracked).reset();
  }

  getCalls(tracked) {
    return this.#getTrackedFunction(tracked).getCalls();
  }

  calls(fn, expected = 1) {
    if (process._exiting) {
      throw nodeError(Error, 'ERR_UNAVAILABLE_DURING_EXIT', 'Cannot call function in process exit handler');
    }
    if (typeof fn === 'number') {
      expected = fn;
      fn = Function.prototype;
    } else if (fn === undefined) {
      fn = Function.prototype;
    }
    validateUint32(expected, 'expected', true);
    const context = new CallTrackerContext({ expected, stackTrace: new Error(), name: fn.name || 'calls' });
    // A Proxy keeps the function's own properties (length, name, deleted ones too).
    const tracked = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, argList) {
        context.track(thisArg, argList);
        return Reflect.apply(target, thisArg, argList);
      },
    });
    this.#callChecks.add(context);
    this.#trackedFunctions.set(tracked, context);
    return tracked;
  }

  report() {
    const errors = [];
    for (const context of this.#callChecks) {
      const message = context.report();
      if (message !== undefined) errors.push(message);
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}
