// Node's system errors (libuv's numbers and names) as the host sees them: one shape for the
// errors of a sandbox's fs in Node, in the browser, and on the wire from its worker.

/** The fields Node gives a system error. */
export interface SystemErrorFields {
  code?: string
  errno?: number
  syscall?: string
  path?: string
  dest?: string
}

/** A file-system error from the sandbox, shaped as Node's. */
export class SandboxFsError extends Error implements SystemErrorFields {
  code?: string
  errno?: number
  syscall?: string
  path?: string
  dest?: string
}

/** `CODE: text, syscall 'path' -> 'dest'` with its fields, as Node's UVException builds it. */
export function systemError(code: string, text: string, errno: number, syscall: string, path?: string, dest?: string): SandboxFsError {
  let message = `${code}: ${text}, ${syscall}`
  if (path !== undefined) message += ` '${path}'`
  if (dest !== undefined) message += ` -> '${dest}'`
  const err = new SandboxFsError(message)
  err.errno = errno
  err.code = code
  err.syscall = syscall
  if (path !== undefined) err.path = path
  if (dest !== undefined) err.dest = dest
  return err
}
