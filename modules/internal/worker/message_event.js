// MessageEvent (a global in Node 20): what a MessagePort's or a BroadcastChannel's
// addEventListener('message') and onmessage get. Apart from node:worker_threads, whose module
// namespace holds only Node's names.
import { Event, setEventTarget } from 'qjsw:internal/event_target';
import { invalidArgType, nodeError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';

const kData = Symbol('kData');
const kOrigin = Symbol('kOrigin');
const kLastEventId = Symbol('kLastEventId');
const kSource = Symbol('kSource');
const kPorts = Symbol('kPorts');

function validateMessagePort(port, name) {
  if (!(port instanceof importBuiltin('node:worker_threads').MessagePort)) throw invalidArgType(name, 'MessagePort', port);
}

const isMessageEvent = (value) => value != null && kData in value;

export class MessageEvent extends Event {
  constructor(type, { data = null, origin = '', lastEventId = '', source = null, ports = [] } = {}) {
    super(type);
    this[kData] = data;
    this[kOrigin] = `${origin}`;
    this[kLastEventId] = `${lastEventId}`;
    this[kSource] = source;
    // (V8 names the binding in its message)
    if (ports == null || typeof ports[Symbol.iterator] !== 'function') throw new TypeError('ports is not iterable');
    this[kPorts] = [...ports];
    if (this[kSource] !== null) validateMessagePort(this[kSource], 'init.source');
    for (let i = 0; i < this[kPorts].length; i++) validateMessagePort(this[kPorts][i], `init.ports[${i}]`);
  }
}

for (const [name, key] of [['data', kData], ['origin', kOrigin], ['lastEventId', kLastEventId], ['source', kSource], ['ports', kPorts]]) {
  Object.defineProperty(MessageEvent.prototype, name, {
    __proto__: null,
    get: Object.getOwnPropertyDescriptor({
      get [name]() {
        if (!isMessageEvent(this)) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type MessageEvent');
        return this[key];
      },
    }, name).get,
    set: undefined,
    enumerable: true,
    configurable: true,
  });
}

// The event a port or channel delivers a message (or a messageerror's error) with.
export function messageEvent(target, data, type = 'message', ports = []) {
  const event = new MessageEvent(type, { data, ports });
  setEventTarget(event, target);
  return event;
}
