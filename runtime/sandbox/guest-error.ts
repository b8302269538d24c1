/**
 * RunResult.error: an uncaught guest exception as the host gets it, always an Error, as
 * worker_threads delivers a worker's. A guest Error (what ctx.dump copies of it: an object with
 * a string name and message) becomes a host Error of the same standard class where there is one
 * (TypeError, RangeError, ...; others, such as QuickJS's InternalError, keep their name on an
 * Error), with the guest's message, its stack (Node's "Name: message" line first), and its own
 * enumerable fields (code, errno, syscall, path, ...). Any other thrown value (`throw 42`,
 * `throw null`, a plain object) is an Error "Uncaught <value>" whose `cause` is that value.
 */
const STANDARD: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
}

type Dumped = { name: string; message: string; stack?: unknown; [field: string]: unknown }

const isErrorLike = (v: unknown): v is Dumped =>
  typeof v === "object" && v !== null && typeof (v as Dumped).name === "string" && typeof (v as Dumped).message === "string"

function render(v: unknown): string {
  if (typeof v === "string") return v
  if (typeof v === "bigint") return `${v}n`
  if (typeof v === "object" && v !== null) {
    try {
      return JSON.stringify(v)
    } catch {
      return String(v)
    }
  }
  return String(v)
}

export function hostError(dumped: unknown): Error {
  if (dumped instanceof Error) return dumped
  if (!isErrorLike(dumped)) return new Error(`Uncaught ${render(dumped)}`, { cause: dumped })
  const { name, message, stack, ...fields } = dumped
  const err = new (STANDARD[name] ?? Error)(message)
  if (err.name !== name) Object.defineProperty(err, "name", { value: name, writable: true, configurable: true })
  // the guest's stack as V8 formats it ("Name: message" and the frames: patch 024), or, from a
  // guest that replaced it with bare frames, those under the header
  const text = typeof stack === "string" ? stack.replace(/\n$/, "") : ""
  const framesOnly = text === "" || /^\s+at /.test(text)
  Object.defineProperty(err, "stack", {
    value: !framesOnly ? text : text ? `${name}: ${message}\n${text}` : `${name}: ${message}`,
    writable: true,
    configurable: true,
  })
  // as own data properties: Object.assign would run setters, and a guest's own "__proto__" key
  // (JSON keeps it) would swap the Error's prototype
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(err, key, { value, writable: true, enumerable: true, configurable: true })
  }
  return err
}
