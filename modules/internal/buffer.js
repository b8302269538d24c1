// The class of every Buffer (Buffer.prototype is its prototype), as Node's internal/buffer.js:
// builtins that wrap bytes they made (fs reads) construct it directly, since Buffer() itself
// runs the DEP0005 check, a stack walk, on each call.
export class FastBuffer extends Uint8Array {}
