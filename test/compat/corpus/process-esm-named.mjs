// node:process's ESM namespace: Node exports each enumerable own property of process as a named
// export, read at the first import; tools write `import { argv, env, exit } from 'node:process'`.
import process, { argv, env, cwd, nextTick, platform, version, exitCode } from 'node:process';
import * as ns from 'node:process';

console.log(argv === process.argv, env === process.env, cwd === process.cwd, platform, version === process.version);
console.log(typeof nextTick, exitCode);
// the names both have in common are all there, holding process's values
const shared = Object.keys(process).filter((k) => k in ns);
console.log(shared.every((k) => ns[k] === process[k] || k === 'exitCode'));
console.log(['argv', 'env', 'stdout', 'stderr', 'stdin', 'exit', 'hrtime', 'memoryUsage', 'emitWarning', 'title'].filter((k) => !(k in ns)));
// a snapshot, not a live binding (Node updates it only on module.syncBuiltinESMExports())
process.exitCode = 0;
console.log(ns.exitCode, process.exitCode);
