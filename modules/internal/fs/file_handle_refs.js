// A FileHandle stays open while a stream uses it: the stream takes a reference (kRef) and gives
// it back when it closes (kUnref); handle.close() only closes the fd once no stream holds it.
// Symbols held here, out of guests' reach, shared by node:fs/promises and the fs streams.
export const kRef = Symbol('kRef');
export const kUnref = Symbol('kUnref');

// worker_threads transfer of a FileHandle (qjsw:internal/worker/message_codec): kTransferFd
// checks that the handle may go (no operation or stream holds it, no close pending) and gives
// its fd; kDetach leaves it closed here once the message is sent, without closing the fd or
// emitting 'close': the receiver's FileHandle owns the fd (one module, one fd table).
export const kTransferFd = Symbol('kTransferFd');
export const kDetach = Symbol('kDetach');
// The FileHandle class, set by node:fs/promises as it loads: handles exist only once it has.
let handleClass = null;
export function setFileHandleClass(c) {
  handleClass = c;
}
export function isFileHandle(v) {
  return handleClass !== null && v instanceof handleClass;
}
