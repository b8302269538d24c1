// node:domain (deprecated in Node): what a domain's run() throws reaches its 'error' event;
// QuickJS gives no hook to follow the asynchronous callbacks a function starts, so errors
// thrown there are not the domain's here.
import { EventEmitter } from 'node:events';

export const _stack = [];
export let active = null;

export class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
  }
  enter() {
    active = this;
    _stack.push(this);
  }
  exit() {
    const i = _stack.lastIndexOf(this);
    if (i !== -1) _stack.length = i;
    active = _stack.at(-1) ?? null;
  }
  // An error thrown out of fn goes on up, marked: as an uncaught error it reaches this
  // domain's 'error' listeners (qjsw:internal/bootstrap), as in Node.
  run(fn, ...args) {
    this.enter();
    try {
      return fn.apply(this, args);
    } catch (err) {
      if (err !== null && typeof err === 'object') {
        err.domain = this;
        err.domainThrown = true;
      }
      throw err;
    } finally {
      this.exit();
    }
  }
  _report(err) {
    if (err !== null && typeof err === 'object') {
      err.domain = this;
      err.domainThrown = false;
    }
    this.emit('error', err);
  }
  add(ee) {
    if (this.members.includes(ee)) return;
    this.members.push(ee);
    if (ee instanceof EventEmitter) ee.domain = this;
  }
  remove(ee) {
    const i = this.members.indexOf(ee);
    if (i !== -1) this.members.splice(i, 1);
    if (ee?.domain === this) ee.domain = null;
  }
  bind(fn) {
    const domain = this;
    return function (...args) { return domain.run(() => fn.apply(this, args)); };
  }
  intercept(fn) {
    const domain = this;
    return function (err, ...args) {
      if (err) {
        domain._report(err);
        return undefined;
      }
      return domain.run(() => fn.apply(this, args));
    };
  }
  dispose() { this.exit(); }
}
export function create() { return new Domain(); }
export const createDomain = create;

export default {
  _stack, Domain, createDomain, create,
  get active() { return active; },
};
