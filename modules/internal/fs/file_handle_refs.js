// A FileHandle stays open while a stream uses it: the stream takes a reference (kRef) and gives
// it back when it closes (kUnref); handle.close() only closes the fd once no stream holds it.
// Symbols held here, out of guests' reach, shared by node:fs/promises and the fs streams.
export const kRef = Symbol('kRef');
export const kUnref = Symbol('kUnref');
