// assert.CallTracker (deprecated in Node 20, still there): wraps functions, counts their calls,
// and verify() fails for those not called the expected number of times.
import { AssertionError } from 'qjsw:internal/assert/assertion_error';
import { invalidArgType, outOfRange } from 'qjsw:internal/errors';

const noop = () => {};

export class CallTracker {
  #calls = new Set();
  #byWrapper = new WeakMap();

  calls(fn, exact = 1) {
    if (typeof fn === 'number') {
      exact = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
    if (typeof exact !== 'number') throw invalidArgType('exact', 'number', exact);
    if (!Number.isInteger(exact) || exact < 1) throw outOfRange('exact', 'an integer >= 1', exact);
    const context = { exact, actual: 0, calls: [], name: fn.name || 'calls', stack: new Error() };
    this.#calls.add(context);
    const wrapper = function (...args) {
      context.actual++;
      context.calls.push({ thisArg: this, arguments: args });
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    };
    Object.defineProperty(wrapper, 'length', { value: fn.length, configurable: true });
    this.#byWrapper.set(wrapper, context);
    return wrapper;
  }

  getCalls(fn) {
    const context = this.#byWrapper.get(fn);
    if (!context) throw invalidArgType('fn', 'a tracked function', fn);
    return context.calls.map((c) => ({ ...c }));
  }

  reset(fn) {
    const contexts = fn === undefined ? [...this.#calls] : [this.#byWrapper.get(fn)];
    for (const context of contexts) {
      if (!context) throw invalidArgType('fn', 'a tracked function', fn);
      context.actual = 0;
      context.calls = [];
    }
  }

  report() {
    const errors = [];
    for (const context of this.#calls) {
      if (context.actual !== context.exact) {
        errors.push({
          message: `Expected the ${context.name} function to be executed ${context.exact} time(s) but was executed ${context.actual} time(s).`,
          actual: context.actual,
          expected: context.exact,
          operator: context.name,
          stack: context.stack,
        });
      }
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
