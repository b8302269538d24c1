// require('internal/test/binding') under --expose-internals (see ../../node_internals.js):
// internalBinding(name) for the bindings Node's tests read values or call functions of, built
// from what the sandbox's own modules give. Each binding is a fresh-per-sandbox plain object:
// a test that replaces a function on it changes nothing the sandbox itself calls.
import process from 'qjsw:internal/process_object';
import { importBuiltin } from 'qjsw:binding/module';
import { errno as errnoConstants, errname } from 'qjsw:binding/uv';
import { getProxyDetails, previewEntries } from 'qjsw:binding/util';
import { nodeError } from 'qjsw:internal/errors';
import { makeExternal, markHostObject } from 'qjsw:internal/host_objects';

process.emitWarning('These APIs are for internal testing only. Do not use them.', 'internal/test/binding');

const started = Date.now();

const makers = {
  __proto__: null,
  uv() {
    // (a JS function of its own: the native one stays the builtins')
    const binding = { errname: (err) => errname(err | 0) };
    for (const [name, value] of Object.entries(errnoConstants)) binding[`UV_${name}`] = -value;
    binding.getErrorMap = () => importBuiltin('node:util').getSystemErrorMap();
    return binding;
  },
  constants() {
    const os = importBuiltin('node:os');
    const fs = importBuiltin('node:fs');
    return {
      os: os.default?.constants ?? os.constants,
      fs: fs.default?.constants ?? fs.constants,
      crypto: importBuiltin('node:crypto').constants ?? {},
      zlib: importBuiltin('node:zlib').constants ?? {},
      trace: {},
    };
  },
  util() {
    return {
      getProxyDetails: (value, full = true) => getProxyDetails(value, full),
      // previewEntries(iterator[, isIterator]): the entries, flat; with isIterator, [entries, isKeyValue]
      previewEntries(value, isIterator) {
        const [entries, isKeyValue] = previewEntries(value);
        return isIterator ? [entries, isKeyValue] : entries;
      },
    };
  },
  // JSStream, a StreamBase Node's tests use for a host object and an External value
  // (_externalStream); not a stream here
  js_stream() {
    const streams = new WeakMap();
    class JSStream {
      constructor() {
        markHostObject(this);
        streams.set(this, makeExternal());
      }
      get _externalStream() {
        return streams.get(this);
      }
    }
    return { JSStream };
  },
  timers() {
    // libuv's loop time: milliseconds since the loop started
    return { getLibuvNow: () => Date.now() - started };
  },
  url() {
    const { URL } = importBuiltin('node:url');
    return { canParse: (input, base) => (base === undefined ? URL.canParse(input) : URL.canParse(input, base)) };
  },
  buffer() {
    const { Buffer } = importBuiltin('node:buffer');
    return {
      // fill(buffer, value, start, end, encoding): the range is checked here, as Node's C++ does
      fill(buf, value, start, end, encoding) {
        if (start < 0 || end > buf.length || start > end) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
        Buffer.prototype.fill.call(buf, value, start, end, encoding);
        return undefined;
      },
      kMaxLength: Buffer.constants?.MAX_LENGTH,
      kStringMaxLength: Buffer.constants?.MAX_STRING_LENGTH,
    };
  },
};

const made = new Map();

export function internalBinding(id) {
  if (typeof id === 'string' && id.startsWith('internal_only')) {
    const error = new Error(`No such binding: ${id}`);
    error.code = 'ERR_INVALID_MODULE';
    throw error;
  }
  let binding = made.get(id);
  if (binding === undefined) {
    const make = typeof id === 'string' ? makers[id] : undefined;
    if (typeof make !== 'function') throw new Error(`No such binding: ${id}`);
    binding = make();
    made.set(id, binding);
  }
  return binding;
}

export default { internalBinding, primordials: undefined };
