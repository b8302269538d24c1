// The guest's WebAssembly namespace (createSandbox({ webAssembly: true })), on the host engine's
// WebAssembly through the functions runtime/webassembly/webassembly.ts handed to the boot: a capability,
// never importable by name. Modules, instances, memories, tables and globals live in the host;
// the guest holds their numeric ids only (in WeakMaps its objects cannot reach). A Memory's
// `buffer` is a guest ArrayBuffer the host keeps in step with the host's memory at every call
// between the two (runtime/webassembly/memory-mirror.ts says when).
import { markAsUntransferable } from 'qjsw:internal/worker/untransferable';
import { invalidArgType } from 'qjsw:internal/errors';
import { setImmediate } from 'qjsw:internal/loop';

let host = null;

// host ids of the guest's wrappers, and the wrapper of each id (so identity holds)
const ids = new WeakMap();
const wrappers = new Map();

// Guest objects and functions that go to the host (imports, externref values): each by a token
// number, the host sees a stand-in of its own and gives the same token back.
const tokenOf = new Map();
const tokens = [null, null];

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

function defineErrorClass(name) {
  const C = class extends Error {};
  Object.defineProperty(C, 'name', { value: name });
  Object.defineProperty(C.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(C.prototype, 'message', { value: '', writable: true, configurable: true });
  return C;
}
const CompileError = defineErrorClass('CompileError');
const LinkError = defineErrorClass('LinkError');
const RuntimeError = defineErrorClass('RuntimeError');
const errorClasses = { CompileError, LinkError, RuntimeError, TypeError, RangeError, SyntaxError, ReferenceError, InternalError: globalThis.InternalError ?? Error };

// The host builds its errors through this (a trap: RuntimeError, a link failure: LinkError...).
function makeError(name, message) {
  const C = hasOwn(errorClasses, name) ? errorClasses[name] : Error;
  return new C(message);
}

// A value going to the host: [tag, value] with tag 0 a primitive, 1 a host id (value), and
// n >= 2 the token of a guest object (value: the object, seen by the host once).
function encode(v) {
  if (!isObject(v) && typeof v !== 'symbol') return [0, v];
  const id = isObject(v) ? ids.get(v) : undefined;
  if (id !== undefined) return [1, id];
  let token = tokenOf.get(v);
  if (token === undefined) {
    token = tokens.length;
    tokens.push(v);
    tokenOf.set(v, token);
  }
  return [token, v];
}

// A value from the host: a primitive as it is; [1, id, kind, name, length] a host object;
// [2, token] a guest value given back; [3, values] several results.
function decode(r) {
  if (!isObject(r)) return r;
  switch (r[0]) {
    case 1: return wrap(r[1], r[2], r[3], r[4]);
    case 2: return tokens[r[1]];
    case 3: return r[1].map(decode);
  }
  return undefined;
}

// An import called by the host with arguments it could not give as primitives.
function invoke(fn, args) {
  return fn(...args.map(decode));
}

function wrap(id, kind, name, length) {
  let w = wrappers.get(id);
  if (w) return w;
  if (kind === 'function') w = exportedFunction(id, name, length);
  else {
    const C = kind === 'memory' ? Memory : kind === 'table' ? Table : kind === 'global' ? Global : null;
    if (!C) return undefined;
    w = Object.create(C.prototype);
  }
  ids.set(w, id);
  wrappers.set(id, w);
  return w;
}

function exportedFunction(id, name, length) {
  const fn = {
    [name](...args) {
      const tags = new Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const v = args[i];
        if (isObject(v) || typeof v === 'symbol') {
          const [tag, value] = encode(v);
          tags[i] = tag;
          args[i] = value;
        } else tags[i] = 0;
      }
      return decode(host.call(id, args, tags));
    },
  }[name];
  Object.defineProperty(fn, 'length', { value: length });
  return fn;
}

// A guest-made object: the host's later mentions of its id (an export of what was imported)
// give this object back.
function own(obj, id) {
  ids.set(obj, id);
  wrappers.set(id, obj);
}

function idOf(value, C, api) {
  const id = isObject(value) ? ids.get(value) : undefined;
  if (id === undefined || !(value instanceof C)) throw new TypeError(`${api}: Receiver is not a ${C === Module ? 'WebAssembly.Module' : `WebAssembly.${C.name}`}`);
  return id;
}

// The bytes of a BufferSource, as a fresh ArrayBuffer; undefined for anything else.
function bytesOf(source) {
  if (source instanceof ArrayBuffer) return source.slice(0);
  if (ArrayBuffer.isView(source)) return source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength);
  return undefined;
}

function requireNew(target, name) {
  if (target === undefined) throw new TypeError(`WebAssembly.${name}(): WebAssembly.${name} must be invoked with 'new'`);
}

// Descriptor fields as primitives: the host's engine then checks them with its own messages.
const primitive = (v) => (isObject(v) ? (typeof v === 'function' ? NaN : Number(v)) : v);

function compileSync(source, api) {
  const bytes = bytesOf(source);
  if (bytes === undefined) {
    throw new TypeError(api === 'WebAssembly.instantiate()'
      ? `${api}: Argument 0 must be a buffer source or a WebAssembly.Module object`
      : `${api}: Argument 0 must be a buffer source`);
  }
  const m = Object.create(Module.prototype);
  ids.set(m, host.compile(bytes, api));
  return m;
}

function Module(source) {
  requireNew(new.target, 'Module');
  const m = compileSync(source, 'WebAssembly.Module()');
  ids.set(this, ids.get(m));
}
function moduleId(m, api) {
  if (!(m instanceof Module) || !ids.has(m)) throw new TypeError(`${api}: Argument 0 must be a WebAssembly.Module`);
  return ids.get(m);
}
Object.defineProperties(Module, {
  exports: {
    value: function exports(m) { return JSON.parse(host.moduleInfo(moduleId(m, 'WebAssembly.Module.exports()'), 0)); },
    writable: true, configurable: true, enumerable: true,
  },
  imports: {
    value: function imports(m) { return JSON.parse(host.moduleInfo(moduleId(m, 'WebAssembly.Module.imports()'), 1)); },
    writable: true, configurable: true, enumerable: true,
  },
  customSections: {
    value: function customSections(m, name) {
      const id = moduleId(m, 'WebAssembly.Module.customSections()');
      if (name === undefined) throw new TypeError('WebAssembly.Module.customSections(): Argument 1 is required');
      return host.customSections(id, String(name));
    },
    writable: true, configurable: true, enumerable: true,
  },
});

// The imports a module asks for, read from `importObject` in the module's order: what the host
// builds its own import object from. The first import whose module is not an object ends the
// list (the host's engine fails on it, with its message).
function importEntries(id, importObject, api) {
  if (importObject !== undefined && !isObject(importObject)) throw new TypeError(`${api}: Argument 1 must be an object`);
  const wanted = JSON.parse(host.moduleInfo(id, 1));
  if (importObject === undefined) return wanted.length > 0 ? undefined : [];
  const entries = [];
  for (const { module, name } of wanted) {
    const ns = importObject[module];
    if (!isObject(ns)) {
      entries.push([module, name, 0, ns, false]);
      break;
    }
    const [tag, value] = encode(ns[name]);
    entries.push([module, name, tag, value, true]);
  }
  return entries;
}

function instantiateSync(m, importObject, api) {
  const id = ids.get(m);
  const exported = JSON.parse(host.instantiate(id, importEntries(id, importObject, api), api));
  const exports = Object.create(null);
  for (const [name, kind, ref, fnName, length] of exported) {
    Object.defineProperty(exports, name, { value: wrap(ref, kind, fnName, length), enumerable: true });
  }
  Object.freeze(exports);
  const instance = Object.create(Instance.prototype);
  instanceExports.set(instance, exports);
  return instance;
}

const instanceExports = new WeakMap();
function Instance(module, importObject) {
  requireNew(new.target, 'Instance');
  moduleId(module, 'WebAssembly.Instance()');
  const made = instantiateSync(module, importObject, 'WebAssembly.Instance()');
  instanceExports.set(this, instanceExports.get(made));
}
Object.defineProperty(Instance.prototype, 'exports', {
  get() {
    if (!instanceExports.has(this)) throw new TypeError('WebAssembly.Instance.exports(): Receiver is not a WebAssembly.Instance');
    return instanceExports.get(this);
  },
  configurable: true,
});

function Memory(descriptor) {
  requireNew(new.target, 'Memory');
  const d = isObject(descriptor);
  own(this, host.memNew(d, d ? primitive(descriptor.initial) : descriptor, d ? primitive(descriptor.maximum) : undefined, d ? Boolean(descriptor.shared) : false));
}
Memory.prototype.grow = function grow(delta) {
  return host.memGrow(idOf(this, Memory, 'WebAssembly.Memory.grow()'), primitive(delta));
};
// V8 never detaches a Memory's buffer: a transfer list copies it (and the host keeps this one
// in step with the memory)
Object.defineProperty(Memory.prototype, 'buffer', {
  get() {
    const buffer = host.memBuffer(idOf(this, Memory, 'WebAssembly.Memory.buffer'));
    markAsUntransferable(buffer);
    return buffer;
  },
  configurable: true,
});

function Table(descriptor, value) {
  requireNew(new.target, 'Table');
  const d = isObject(descriptor);
  const [tag, v] = encode(value);
  own(this, host.tableNew(d, d ? String(descriptor.element) : descriptor, d ? primitive(descriptor.initial) : undefined,
    d ? primitive(descriptor.maximum) : undefined, arguments.length > 1, tag, v));
}
Object.defineProperty(Table.prototype, 'length', {
  get() { return host.tableOp(idOf(this, Table, 'WebAssembly.Table.length'), 0); },
  configurable: true,
});
Table.prototype.grow = function grow(delta, value) {
  const id = idOf(this, Table, 'WebAssembly.Table.grow()');
  const [tag, v] = encode(value);
  return host.tableOp(id, 3, primitive(delta), arguments.length > 1, tag, v);
};
Table.prototype.set = function set(index, value) {
  const id = idOf(this, Table, 'WebAssembly.Table.set()');
  const [tag, v] = encode(value);
  host.tableOp(id, 2, primitive(index), arguments.length > 1, tag, v);
};
Table.prototype.get = function get(index) {
  return decode(host.tableOp(idOf(this, Table, 'WebAssembly.Table.get()'), 1, primitive(index)));
};

function Global(descriptor, value) {
  requireNew(new.target, 'Global');
  const d = isObject(descriptor);
  const [tag, v] = encode(value);
  own(this, host.globalNew(d, d ? String(descriptor.value) : descriptor, d ? Boolean(descriptor.mutable) : false, arguments.length > 1, tag, v));
}
Global.prototype.valueOf = function valueOf() {
  return decode(host.globalOp(idOf(this, Global, 'WebAssembly.Global.valueOf()'), 0));
};
Object.defineProperty(Global.prototype, 'value', {
  get() { return decode(host.globalOp(idOf(this, Global, 'get WebAssembly.Global.value'), 0)); },
  set(value) {
    const id = idOf(this, Global, 'set WebAssembly.Global.value');
    const [tag, v] = encode(value);
    host.globalOp(id, 1, tag, v);
  },
  configurable: true,
});

for (const [C, name] of [[Module, 'Module'], [Instance, 'Instance'], [Memory, 'Memory'], [Table, 'Table'], [Global, 'Global']]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: `WebAssembly.${name}`, configurable: true });
}

// The promise forms: a bad argument rejects at once, anything else settles in a later turn of
// the loop, as the host's asynchronous compilation posts its result as a task.
function task(run) {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(run());
      } catch (e) {
        reject(e);
      }
    });
  });
}

function rejected(run) {
  try {
    run();
  } catch (e) {
    return Promise.reject(e);
  }
  return undefined;
}

const namespace = {
  compile(source) {
    const bytes = bytesOf(source);
    return rejected(() => bytes ?? compileSync(source, 'WebAssembly.compile()')) ?? task(() => compileSync(bytes, 'WebAssembly.compile()'));
  },
  validate(source) {
    const bytes = bytesOf(source);
    if (bytes === undefined) throw new TypeError('WebAssembly.validate(): Argument 0 must be a buffer source');
    return host.validate(bytes);
  },
  instantiate(source, importObject) {
    const api = 'WebAssembly.instantiate()';
    const early = rejected(() => {
      if (importObject !== undefined && !isObject(importObject)) throw new TypeError(`${api}: Argument 1 must be an object`);
    });
    if (early) return early;
    if (source instanceof Module && ids.has(source)) return task(() => instantiateSync(source, importObject, api));
    const bytes = bytesOf(source);
    return rejected(() => bytes ?? compileSync(source, api)) ?? task(() => {
      const module = compileSync(bytes, api);
      return { module, instance: instantiateSync(module, importObject, api) };
    });
  },
  // Node 20 takes a Response only, which the sandbox has none of (no fetch)
  async compileStreaming(source) {
    throw invalidArgType('source', ['Response', 'Promise resolving to Response'], source);
  },
  async instantiateStreaming(source) {
    throw invalidArgType('source', ['Response', 'Promise resolving to Response'], source);
  },
};

export function install(g, functions) {
  host = functions;
  host.init(makeError, invoke, encode);
  const ns = {};
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  for (const name of ['compile', 'validate', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
    Object.defineProperty(ns, name, { value: namespace[name], writable: true, configurable: true, enumerable: true });
  }
  const classes = { Module, Instance, Table, Memory, Global, CompileError, LinkError, RuntimeError };
  for (const [name, value] of Object.entries(classes)) {
    Object.defineProperty(ns, name, { value, writable: true, configurable: true });
  }
  Object.defineProperty(g, 'WebAssembly', { value: ns, writable: true, configurable: true });
}
