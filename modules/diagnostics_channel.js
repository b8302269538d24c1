// node:diagnostics_channel: named channels, their subscribers and tracing channels, as Node's.
import { invalidArgType } from 'qjsw:internal/errors';

const channels = new Map();

export class Channel {
  constructor(name) {
    this.name = name;
    this._subscribers = [];
    this._stores = new Map();
  }
  get hasSubscribers() { return this._subscribers.length > 0 || this._stores.size > 0; }
  subscribe(fn) {
    if (typeof fn !== 'function') throw invalidArgType('subscription', 'Function', fn);
    this._subscribers = [...this._subscribers, fn];
  }
  unsubscribe(fn) {
    const i = this._subscribers.indexOf(fn);
    if (i === -1) return false;
    this._subscribers = [...this._subscribers.slice(0, i), ...this._subscribers.slice(i + 1)];
    return true;
  }
  publish(data) {
    for (const fn of this._subscribers) {
      try {
        fn(data, this.name);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
    }
  }
  bindStore(store, transform) { this._stores.set(store, transform); }
  unbindStore(store) { return this._stores.delete(store); }
  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => store.run(transform ? transform(data) : data, next);
    }
    return run();
  }
}

export function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') throw invalidArgType('channel', ['string', 'symbol'], name);
  let ch = channels.get(name);
  if (!ch) channels.set(name, (ch = new Channel(name)));
  return ch;
}
export function hasSubscribers(name) { return channels.get(name)?.hasSubscribers ?? false; }
export function subscribe(name, fn) { channel(name).subscribe(fn); }
export function unsubscribe(name, fn) { return channels.get(name)?.unsubscribe(fn) ?? false; }

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) {
      this[event] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${event}`) : nameOrChannels[event];
    }
  }
  get hasSubscribers() { return ['start', 'end', 'asyncStart', 'asyncEnd', 'error'].some((e) => this[e].hasSubscribers); }
  subscribe(handlers) { for (const [k, fn] of Object.entries(handlers)) this[k]?.subscribe(fn); }
  unsubscribe(handlers) {
    let done = true;
    for (const [k, fn] of Object.entries(handlers)) if (!this[k]?.unsubscribe(fn)) done = false;
    return done;
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.start.runStores(context, () => {
      try {
        context.result = Reflect.apply(fn, thisArg, args);
        return context.result;
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const done = (result) => {
      context.result = result;
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
      return result;
    };
    const failed = (err) => {
      context.error = err;
      this.error.publish(context);
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
      throw err;
    };
    return this.start.runStores(context, () => {
      try {
        return Promise.resolve(Reflect.apply(fn, thisArg, args)).then(done, failed);
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const at = position < 0 ? args.length + position : position;
    const callback = args[at];
    if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
    args[at] = (err, result) => {
      if (err) {
        context.error = err;
        this.error.publish(context);
      } else context.result = result;
      this.asyncStart.publish(context);
      try {
        return Reflect.apply(callback, this, [err, result]);
      } finally {
        this.asyncEnd.publish(context);
      }
    };
    return this.start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
}
export function tracingChannel(nameOrChannels) { return new TracingChannel(nameOrChannels); }

export default { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
