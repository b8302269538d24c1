// Node 20's Symbol.dispose and Symbol.asyncDispose (Node defines them where V8 has none yet):
// made once per context, by the first module that needs them.
for (const [name, description] of [['dispose', 'nodejs.dispose'], ['asyncDispose', 'nodejs.asyncDispose']]) {
  if (typeof Symbol[name] !== 'symbol') {
    Object.defineProperty(Symbol, name, { value: Symbol(description), writable: false, enumerable: false, configurable: false });
  }
}

export const dispose = Symbol.dispose;
export const asyncDispose = Symbol.asyncDispose;

// util.promisify's names for a callback's several results (fs.read: bytesRead, buffer), as
// Node's kCustomPromisifyArgsSymbol: a symbol of our own, which guest code cannot name.
export const customPromisifyArgs = Symbol('customPromisifyArgs');
