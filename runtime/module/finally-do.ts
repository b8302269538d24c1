// `done` once `run` is over: at once when it returns or throws, or when its promise settles
// (a guest call may be synchronous, or wait for OPFS through JSPI).
export function finallyDo<T>(run: () => T, done: () => void): T {
  let result: T
  try {
    result = run()
  } catch (e) {
    done()
    throw e
  }
  if (result instanceof Promise) return result.finally(done) as T
  done()
  return result
}
