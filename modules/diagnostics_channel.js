// node:diagnostics_channel: named channels, their subscribers and bound stores, and tracing
// channels, as Node's. A channel is active while it has subscribers or stores; what a
// subscriber or a store's transform throws is an uncaught exception on the next tick, and the
// publication (or the run) goes on.
import { invalidArgType } from 'qjsw:internal/errors';
import { nextTick } from 'qjsw:internal/loop';

const channels = new Map();

// thrown again from a tick, where the host meets it as uncaught (Node's
// triggerUncaughtException from process.nextTick)
function uncaughtLater(err) {
  nextTick(() => {
    throw err;
  }, []);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

export class Channel {
  constructor(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    channels.set(name, this);
  }
  // as Node's: what has Channel.prototype itself as prototype (undefined and null throw, with
  // the message of V8's Object.getPrototypeOf)
  static [Symbol.hasInstance](instance) {
    if (instance === undefined || instance === null) throw new TypeError('Cannot convert undefined or null to object');
    return Object.getPrototypeOf(instance) === Channel.prototype;
  }
  get hasSubscribers() {
    return this._subscribers !== undefined && (this._subscribers.length > 0 || this._stores.size > 0);
  }
  #activate() {
    if (this._subscribers === undefined) {
      this._subscribers = [];
      this._stores = new Map();
    }
  }
  #deactivateIfIdle() {
    if (this._subscribers.length === 0 && this._stores.size === 0) {
      this._subscribers = undefined;
      this._stores = undefined;
    }
  }
  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    this.#activate();
    // a new array: a publish() under way goes on with the subscribers it started with
    this._subscribers = [...this._subscribers, subscription];
  }
  unsubscribe(subscription) {
    if (this._subscribers === undefined) return false;
    const i = this._subscribers.indexOf(subscription);
    if (i === -1) return false;
    this._subscribers = [...this._subscribers.slice(0, i), ...this._subscribers.slice(i + 1)];
    this.#deactivateIfIdle();
    return true;
  }
  bindStore(store, transform) {
    this.#activate();
    this._stores.set(store, transform);
  }
  unbindStore(store) {
    if (this._stores === undefined || !this._stores.has(store)) return false;
    this._stores.delete(store);
    this.#deactivateIfIdle();
    return true;
  }
  publish(data) {
    const subscribers = this._subscribers;
    if (subscribers === undefined) return;
    for (let i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        uncaughtLater(err);
      }
    }
  }
  // fn(...args) with each bound store set to its transform of `data` (a transform that throws
  // leaves its store as it was), `data` published first
  runStores(data, fn, thisArg, ...args) {
    if (this._stores === undefined) return Reflect.apply(fn, thisArg, args);
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => {
        let context;
        try {
          context = transform === undefined ? data : transform(data);
        } catch (err) {
          uncaughtLater(err);
          return next();
        }
        return store.run(context, next);
      };
    }
    return run();
  }
}

export function channel(name) {
  const existing = channels.get(name);
  if (existing) return existing;
  if (typeof name !== 'string' && typeof name !== 'symbol') throw invalidArgType('channel', ['string', 'symbol'], name);
  return new Channel(name);
}
export function hasSubscribers(name) {
  return channels.get(name)?.hasSubscribers ?? false;
}
export function subscribe(name, subscription) {
  return channel(name).subscribe(subscription);
}
export function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

function tracingChannelFrom(nameOrChannels, event) {
  if (typeof nameOrChannels === 'string') return channel(`tracing:${nameOrChannels}:${event}`);
  if (typeof nameOrChannels === 'object' && nameOrChannels !== null) {
    const ch = nameOrChannels[event];
    if (!(ch instanceof Channel)) throw invalidArgType(`nameOrChannels.${event}`, ['Channel'], ch);
    return ch;
  }
  throw invalidArgType('nameOrChannels', ['string', 'object', 'TracingChannel'], nameOrChannels);
}

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of traceEvents) {
      Object.defineProperty(this, event, { __proto__: null, value: tracingChannelFrom(nameOrChannels, event) });
    }
  }
  get hasSubscribers() {
    return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers ||
      this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
  }
  subscribe(handlers) {
    for (const event of traceEvents) {
      if (handlers[event]) this[event]?.subscribe(handlers[event]);
    }
  }
  unsubscribe(handlers) {
    let done = true;
    for (const event of traceEvents) {
      if (handlers[event] && !this[event]?.unsubscribe(handlers[event])) done = false;
    }
    return done;
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const resolve = (result) => {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    };
    const reject = (err) => {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    };
    return start.runStores(context, () => {
      try {
        let promise = Reflect.apply(fn, thisArg, args);
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return Promise.prototype.then.call(promise, resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    // the callback runs with asyncStart's stores, asyncEnd published after it
    function wrappedCallback(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrappedCallback);
    return start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
}
export function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

export default { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
