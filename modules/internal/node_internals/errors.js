// require('internal/errors') under --expose-internals (see ../node_internals.js): Node's `codes`
// (error classes with Node's messages, for the codes its tests construct), AbortError,
// hideStackFrames and the helpers tests call, over the sandbox's own error shapes.
import { uvException, invalidArgType, invalidArgValue, outOfRange, inspectValue, aggregateTwoErrors } from 'qjsw:internal/errors';
// (the sandbox's own, which its streams and web streams recognize)
import { AbortError } from 'qjsw:internal/streams/utils';

export { AbortError, aggregateTwoErrors };

// The message a code's class makes from its arguments (Node's lib/internal/errors.js E() table,
// for the codes the sandbox's tests need).
const messages = {
  __proto__: null,
  ERR_ILLEGAL_CONSTRUCTOR: [TypeError, () => 'Illegal constructor'],
  ERR_INVALID_ARG_TYPE: [TypeError, (name, expected, actual) => invalidArgType(name, expected, actual).message],
  ERR_INVALID_ARG_VALUE: [TypeError, (name, value, reason) => invalidArgValue(name, value, reason).message],
  ERR_INVALID_RETURN_VALUE: [TypeError, (input, name, value) => {
    const type = value?.constructor?.name ? `instance of ${value.constructor.name}` : `type ${typeof value}`;
    return `Expected ${input} to be returned from the "${name}" function but got ${type}.`;
  }],
  ERR_INVALID_STATE: [Error, (message) => `Invalid state: ${message}`],
  ERR_INVALID_THIS: [TypeError, (type) => `Value of "this" must be of type ${type}`],
  ERR_IPC_CHANNEL_CLOSED: [Error, () => 'Channel closed'],
  ERR_METHOD_NOT_IMPLEMENTED: [Error, (name) => `The ${name} method is not implemented`],
  ERR_MISSING_ARGS: [TypeError, (...args) => {
    let msg = 'The ';
    const wrap = (a) => `"${a}"`;
    args = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
    if (args.length === 1) msg += `${args[0]} argument`;
    else if (args.length === 2) msg += `${args[0]} and ${args[1]} arguments`;
    else msg += `${args.slice(0, -1).join(', ')}, and ${args[args.length - 1]} arguments`;
    return `${msg} must be specified`;
  }],
  ERR_OPERATION_FAILED: [Error, (reason) => `Operation failed: ${reason}`],
  ERR_OUT_OF_RANGE: [RangeError, (name, range, value) => outOfRange(name, range, value).message],
  ERR_STREAM_PREMATURE_CLOSE: [Error, () => 'Premature close'],
  ERR_UNHANDLED_ERROR: [Error, (err) => {
    const msg = 'Unhandled error.';
    return err === undefined ? msg : `${msg} (${inspectValue(err)})`;
  }],
};

// Node's NodeError classes: `name` the base class's, an own enumerable `code`, and the stack and
// toString() headed `Name [CODE]: message`.
function makeClass(code, Base, message) {
  const NodeError = class extends Base {
    constructor(...args) {
      super(message(...args));
      Object.defineProperty(this, 'code', { __proto__: null, value: code, enumerable: true, writable: true, configurable: true });
      const stack = this.stack;
      const frames = typeof stack === 'string' ? stack.slice(stack.startsWith(this.name) ? stack.indexOf('\n') + 1 : 0) : '';
      Object.defineProperty(this, 'stack', {
        __proto__: null, value: `${this.name} [${code}]: ${this.message}\n${frames}`, writable: true, configurable: true,
      });
    }

    toString() {
      return `${this.name} [${code}]: ${this.message}`;
    }
  };
  Object.defineProperty(NodeError, 'name', { value: Base.name });
  return NodeError;
}

export const codes = {};
for (const code of Object.keys(messages)) codes[code] = makeClass(code, messages[code][0], messages[code][1]);

// Node 20: errors thrown through `fn` get their stack from the caller of the wrapper.
export function hideStackFrames(fn) {
  function wrappedFn(...args) {
    try {
      return Reflect.apply(fn, this, args);
    } catch (error) {
      if (Error.stackTraceLimit && typeof Error.captureStackTrace === 'function' && error !== null && typeof error === 'object') {
        Error.captureStackTrace(error, wrappedFn);
      }
      throw error;
    }
  }
  wrappedFn.withoutStackTrace = fn;
  return wrappedFn;
}

export function UVException(ctx) {
  return uvException(ctx.errno, ctx.syscall, ctx.path, ctx.dest);
}

export function genericNodeError(message, errorProperties) {
  const err = new Error(message);
  Object.assign(err, errorProperties);
  return err;
}

export function isErrorStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  return desc === undefined ? Object.isExtensible(Error) : desc.writable === true || typeof desc.set === 'function';
}

export default { codes, AbortError, hideStackFrames, UVException, genericNodeError, aggregateTwoErrors, isErrorStackTraceLimitWritable };
