// node:test's mock (MockTracker): mock functions, methods, getters and setters that record
// their calls and can be restored. Module mocks (an experimental flag in Node 20) and mock
// timers are not provided.
import { invalidArgType, invalidArgValue, outOfRange } from 'qjsw:internal/errors';

function defaultImplementation() {}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}

function validateInteger(value, name, min) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > Number.MAX_SAFE_INTEGER) throw outOfRange(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
}

function validateTimes(value, name) {
  if (value !== Infinity) validateInteger(value, name, 1);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

export class MockFunctionContext {
  #calls = [];
  #mocks = new Map();
  #implementation;
  #restore;
  #times;

  constructor(implementation, restore, times) {
    this.#implementation = implementation;
    this.#restore = restore;
    this.#times = times;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const nextCall = this.#calls.length;
    const call = onCall ?? nextCall;
    validateInteger(call, 'onCall', nextCall);
    this.#mocks.set(call, implementation);
  }

  restore() {
    const { descriptor, object, original, methodName } = this.#restore;
    if (typeof methodName === 'string' || typeof methodName === 'symbol') Object.defineProperty(object, methodName, descriptor);
    else this.#implementation = original;
  }

  resetCalls() {
    this.#calls = [];
  }

  static track(ctx, call) {
    ctx.#calls.push(call);
  }

  static next(ctx) {
    const nextCall = ctx.#calls.length;
    const impl = ctx.#mocks.get(nextCall) ?? ctx.#implementation;
    if (nextCall + 1 === ctx.#times) ctx.restore();
    ctx.#mocks.delete(nextCall);
    return impl;
  }
}

const { track, next } = MockFunctionContext;
delete MockFunctionContext.track;
delete MockFunctionContext.next;

function findDescriptor(instance, name) {
  for (let host = instance; host !== null; host = Object.getPrototypeOf(host)) {
    const descriptor = Object.getOwnPropertyDescriptor(host, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

export class MockTracker {
  #mocks = [];

  fn(original = function () {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function () {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { times = Infinity } = options;
    validateTimes(times, 'options.times');
    return this.#setup(new MockFunctionContext(implementation, { original }, times), original);
  }

  method(objectOrFunction, methodName, implementation = defaultImplementation, options = {}) {
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw invalidArgType('methodName', ['string', 'symbol'], methodName);
    }
    if (typeof objectOrFunction !== 'function') validateObject(objectOrFunction, 'object');
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = defaultImplementation;
    }
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { getter = false, setter = false, times = Infinity } = options;
    validateBoolean(getter, 'options.getter');
    validateBoolean(setter, 'options.setter');
    validateTimes(times, 'options.times');
    if (setter && getter) throw invalidArgValue('options.setter', setter, "cannot be used with 'options.getter'");
    const descriptor = findDescriptor(objectOrFunction, methodName);
    const original = getter ? descriptor?.get : setter ? descriptor?.set : descriptor?.value;
    if (typeof original !== 'function') throw invalidArgValue('methodName', original, 'must be a method');
    const impl = implementation === defaultImplementation ? original : implementation;
    const ctx = new MockFunctionContext(impl, { descriptor, object: objectOrFunction, methodName }, times);
    const mock = this.#setup(ctx, original);
    const mocked = { configurable: descriptor.configurable, enumerable: descriptor.enumerable };
    if (getter) {
      mocked.get = mock;
      mocked.set = descriptor.set;
    } else if (setter) {
      mocked.get = descriptor.get;
      mocked.set = mock;
    } else {
      mocked.writable = descriptor.writable;
      mocked.value = mock;
    }
    Object.defineProperty(objectOrFunction, methodName, mocked);
    return mock;
  }

  getter(object, methodName, implementation = defaultImplementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = defaultImplementation;
    } else {
      validateObject(options, 'options');
    }
    const { getter = true } = options;
    if (getter === false) throw invalidArgValue('options.getter', getter, 'cannot be false');
    return this.method(object, methodName, implementation, { ...options, getter });
  }

  setter(object, methodName, implementation = defaultImplementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = defaultImplementation;
    } else {
      validateObject(options, 'options');
    }
    const { setter = true } = options;
    if (setter === false) throw invalidArgValue('options.setter', setter, 'cannot be false');
    return this.method(object, methodName, implementation, { ...options, setter });
  }

  reset() {
    this.restoreAll();
    this.#mocks = [];
  }

  restoreAll() {
    for (const ctx of this.#mocks) ctx.restore();
  }

  #setup(ctx, target) {
    const mock = new Proxy(target, {
      apply(_fn, thisArg, argList) {
        const fn = next(ctx);
        let result;
        let error;
        try {
          result = Reflect.apply(fn, thisArg, argList);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          track(ctx, { __proto__: null, arguments: argList, error, result, stack: new Error(), target: undefined, this: thisArg });
        }
        return result;
      },
      construct(t, argList, newTarget) {
        const fn = next(ctx);
        let result;
        let error;
        try {
          result = Reflect.construct(fn, argList, newTarget);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          track(ctx, { __proto__: null, arguments: argList, error, result, stack: new Error(), target: t, this: result });
        }
        return result;
      },
      get(t, property, receiver) {
        return property === 'mock' ? ctx : Reflect.get(t, property, receiver);
      },
    });
    this.#mocks.push(ctx);
    return mock;
  }
}
