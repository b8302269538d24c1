// A seeded fuzz of guests that run into their memory limit. QuickJS has hundreds of places
// where an allocation can fail; each one reached at the limit must end in an error the guest
// can catch, never in a lost instance (a Wasm trap, an assertion, "unusable after a host
// error") or a catch block that cannot run. Which allocation fails depends on the heap's
// layout, so each program varies it: the limit, a padding of live objects, what is allocated
// (strings, objects, closures, compiled code, regexps, errors with backtraces, promises,
// vm contexts, builtins loaded on first use...) and where (recursion, eval, a generator, a
// promise job, a vm context, a callback of a builtin).
// After each program, from the host:
//   - the run ends with exit code 0 and the guest's catch block printed an Error's name and
//     message (a caught null or non-Error is a failure);
//   - a second run in the same sandbox works, and dispose() returns.
// Run by test/security/oom-fuzz.test.ts (a small count) and by `npm run fuzz:oom` for longer:
// node test/security/oom-fuzz.mjs --seed N --count N [--max-limit MiB] [--verbose] [--only N [--print]]
import { parseArgs } from "node:util"
import { createSandbox } from "../../dist/index.mjs"
import { mulberry32 } from "../seeded-random.mjs"

const rng = mulberry32

// What one step of the filling loop allocates; `n` is the step's number, `k` a size.
const ALLOCATIONS = [
  "'x'.repeat(k) + n",
  "{ a: n, b: [n, n + 1], c: 'v' + n }",
  "new Array(k).fill(n)",
  "new ArrayBuffer(k * 8)",
  "new Float64Array(k)",
  "Buffer.alloc(k, n & 255)",
  "Buffer.from('b' + n + 'x'.repeat(k % 64))",
  "JSON.parse(JSON.stringify({ a: [n, { b: 'x'.repeat(k % 100) }] }))",
  "JSON.stringify({ n, list: [1, 2, 3], s: 's' + n })",
  "new Map([[n, { n }], [n + 1, []]])",
  "new Set([n, 'v' + n])",
  "(() => { const c = n; return () => c })()",
  "new Function('a', 'return a + ' + n)",
  "eval('({ v: ' + n + ' })')",
  "/a(b+)c(?<d>x)?/.exec('zabbc' + n)",
  "new RegExp('a' + n + '(x|y)*z', 'g')",
  "('a,b,' + n).split(',')",
  "String(n).padStart(k % 200 + 1, '0')",
  "('k' + n).replace(/k(\\d)/g, (m, d) => d + m)",
  "Symbol('s' + n)",
  "BigInt(n) ** 40n",
  "new Error('e' + n)",
  "new TypeError('t' + n, { cause: n })",
  "new Proxy({ n }, {})",
  "(function* () { yield n })()",
  "Promise.resolve(n).then((v) => v + 1)",
  "(async () => n)()",
  "[n, n + 1].concat([n + 2], [n + 3]).map((v) => v * 2)",
  "Array.from({ length: k % 50 + 1 }, (_, i) => i + n)",
  "Object.assign({}, { x: 1 }, { ['k' + n]: n })",
  "Object.entries({ a: n, b: n + 1 })",
  "new (class { a = n; #b = n; get b() { return this.#b } })()",
  "new WeakRef({ n })",
  "new Date(n * 1000).toISOString()",
  "new TextEncoder().encode('t' + n + 'x'.repeat(k % 300))",
  "new TextDecoder().decode(new Uint8Array([104, 105, n & 127]))",
  "structuredClone({ n, a: [n], m: new Map([[1, n]]) })",
  "require('path').join('/a', 'b' + n, '..', 'c')",
  "require('util').inspect({ n, a: [n, { b: 'x' }] })",
  "require('util').format('%s:%d:%j', 's', n, { n })",
  "new URL('http://h/p' + n + '?q=' + n).href",
  "new URLSearchParams('a=' + n + '&b=2').toString()",
  "new Intl.NumberFormat('en-US').format(n * 1.5)",
  "(n * 1.5).toLocaleString()",
  "new (require('events'))().on('x', () => n)",
  "require('crypto').createHash('sha256').update('h' + n).digest('hex')",
  "require('fs').readdirSync('/')",
  "(require('fs').writeFileSync('/tmp/oom-' + (n % 8), 'f' + n), require('fs').readFileSync('/tmp/oom-' + (n % 8)))",
  "require('vm').createContext({ n })",
  "require('vm').runInNewContext('[' + (n % 97) + ', {}]')",
  "[...'abc' + n].reverse().join('')",
  "Array.prototype.slice.call({ length: 3, 0: n })",
  "Reflect.ownKeys({ [n]: 1, ['p' + n]: 2 })",
  "new Uint8Array(k % 1000 + 1).map((v, i) => i)",
  "Symbol.for('s' + n)",
  "(globalThis.shared ??= {})['p' + n] = n",
  "JSON.parse('{\"k' + n + '\": [1, 2]}')",
  "new Function('a' + n, 'return a' + n + ' + 1')",
  "Object.defineProperty({}, 'x' + n, { get() { return n } })",
  "'x'.repeat(k % 500).split('')",
  "Array(k % 400 + 1).join('ab')",
  "('e\u0301' + n).normalize('NFC')",
  "((s, ...v) => s.raw.join('') + v)`a${n}b${k}`",
  "(async function* () { yield n })()",
  "new (class extends Array {})(3).fill(n)",
  "((a, b) => a + b).bind(null, n)",
  "Reflect.construct(Date, [n])",
  "Buffer.concat([Buffer.from('a' + n), Buffer.alloc(k % 100)])",
  "require('zlib').deflateSync('z' + n + 'x'.repeat(k % 200))",
  "[...new Map([[n, 1], [n + 1, 2]]).entries()]",
  "BigInt.asUintN(64, BigInt(n) << 40n).toString(16)",
  "String(Symbol('d' + n).description).at(-1)",
]

// Where the filling loop runs; WORK is the call `work(keep)`.
const PLACES = [
  "WORK",
  "deep(DEPTH, () => WORK)",
  "eval('WORK')",
  "new Function('work', 'keep', 'return WORK')(work, keep)",
  "[...(function* () { yield WORK })()]",
  "[0].map(() => WORK)",
  "[2, 1].sort(() => WORK)",
  "JSON.parse('[1]', () => WORK)",
  "'ab'.replace(/a/, () => WORK)",
  "new Proxy({}, { get: () => WORK }).x",
  "({ get g() { return WORK } }).g",
  "Reflect.apply(work, null, [keep])",
  "require('vm').runInNewContext('work(keep)', { work, keep })",
  "(() => { try { return WORK } finally { globalThis.tail = 'y'.repeat(40) } })()",
  "await (async () => WORK)()",
  "await Promise.resolve().then(() => WORK)",
  "await new Promise((resolve, reject) => setTimeout(() => { try { resolve(WORK) } catch (e) { reject(e) } }, 0))",
  "for (const v of { *[Symbol.iterator]() { yield WORK } }) v",
  "new (class { constructor() { WORK } })()",
  "String(Object.defineProperty({}, 'toString', { value: () => WORK }))",
]

function program(rand, maxLimitMiB, padShift = 0) {
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const int = (n) => Math.floor(rand() * n)
  const kinds = Array.from({ length: 1 + int(3) }, () => pick(ALLOCATIONS))
  const place = pick(PLACES)
    .replace("DEPTH", String(int(40)))
    .replaceAll("WORK", "work(keep)")
  const size = 1 + int(2000)
  const padding = int(3000) + padShift
  const limit = (4 + int(maxLimitMiB - 3)) << 20
  const source = `
    globalThis.pad = [];
    for (let j = 0; j < ${padding}; j++) pad.push(j % 3 ? { j } : 'p' + j);
    function deep(d, f) { return d > 0 ? deep(d - 1, f) : f() }
    function work(keep) {
      for (let n = 0; ; n++) {
        const k = (n * 7919) % ${size} + 1;
        ${kinds.map((kind, i) => `if (n % ${kinds.length} === ${i}) keep.push(${kind});`).join("\n        ")}
      }
    }
    (async () => {
    let keep = [];
    let caught;
    try {
      ${place};
      caught = 'returned';
    } catch (e) {
      caught = e === null || typeof e !== 'object' ? 'non-error: ' + String(e) : e.name + ': ' + e.message;
    }
    const filled = keep.length;
    keep = [];
    globalThis.shared = undefined;
    console.log('caught', caught, filled > 0);
    })().catch((e) => console.log('escaped', e === null || typeof e !== 'object' ? String(e) : e.name + ': ' + e.message));
  `
  return { source, limit, kinds, place }
}

// Errors a guest may meet at its limit: QuickJS's own and those of what it allocates. (Nothing
// may have been kept: the first step may load a builtin larger than the room, as Intl is.)
const EXPECTED =
  /^caught (InternalError: out of memory|RangeError: (Invalid (string|array) length|Array buffer allocation failed|invalid array buffer length|Maximum call stack size exceeded)|Error: (Cannot create a string longer than .*|out of memory)) (true|false)\n$/

// What the program's builtins hold once loaded (Intl takes about 5 MB), with no limit: the
// program run with its loop cut to a few turns, then the runtime's size.
async function heldByBuiltins(source) {
  let out = ""
  const sandbox = await createSandbox({ timeout: 60_000, stdout: (t) => (out += t), stderr: () => {} })
  try {
    await sandbox.run(source.replace("for (let n = 0; ; n++)", "for (let n = 0; n < 6; n++)"), { filename: "/oom.js" })
    out = ""
    await sandbox.run("console.log(process.memoryUsage().heapTotal)")
    return Number(out) || 0
  } finally {
    sandbox.dispose()
  }
}

// One program: its seed decides everything, the limit up to maxLimitMiB (from 4 MiB);
// padShift moves the heap's layout (more or fewer padding objects).
export async function runOne(seed, maxLimitMiB = 20, padShift = 0) {
  const rand = rng(seed)
  const { source, limit, kinds, place } = program(rand, maxLimitMiB, padShift)
  const problems = []
  const kept = await heldByBuiltins(source)
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    memoryLimit: limit,
    timeout: 180_000,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  })
  try {
    const result = await sandbox.run(source, { filename: "/oom.js" })
    // Promise jobs left pending at the limit run before the awaiting catch block and may spend
    // the reserve it would print with: the run then ends in its uncaught "out of memory", as
    // a program that never catches it does
    const pending = /await|Promise|async/.test(place + kinds.join())
    const uncaught = pending && result.exitCode === 1 && result.error?.name === "InternalError" && result.error.message === "out of memory"
    // ... or settling the program's own async function (after its catch block, or instead of
    // it when the error is thrown from a promise job) finds the reserve spent: the program's
    // .catch then reports it. Which of the three happens depends on the heap's layout to the
    // byte: seed 270 escaped at one padding of sixteen when the host ran the event loop, and
    // at its own padding, after seed 1008 ran in the same process, once the guest did.
    const escapedLine = "escaped InternalError: out of memory\n"
    const escaped =
      pending &&
      result.exitCode === 0 &&
      stdout.endsWith(escapedLine) &&
      (stdout === escapedLine || EXPECTED.test(stdout.slice(0, -escapedLine.length)))
    if (!uncaught && !escaped) {
      if (result.exitCode !== 0) problems.push(`exit ${result.exitCode}: ${result.error?.name}: ${result.error?.message}`)
      if (!EXPECTED.test(stdout)) problems.push(`printed ${JSON.stringify(stdout.slice(0, 300))}`)
    }
    // Nothing the first run filled may be kept for the next: half of what the builtins it
    // loaded leave of the limit must be free again (taken in small strings: each new one may
    // collect the first run's garbage cycles)
    const half = Math.max(0, (limit - kept) >> 1)
    stdout = ""
    const second = await sandbox.run(`
      const half = [];
      for (let n = 0; n < ${half}; n += 1024) half.push('x'.repeat(1000) + n);
      console.log('again', half.length)`)
    if (second.exitCode !== 0 || stdout !== `again ${Math.ceil(half / 1024)}\n`) {
      problems.push(`second run: exit ${second.exitCode} ${second.error?.message ?? ""} ${JSON.stringify(stdout.slice(0, 200))}`)
    }
  } catch (error) {
    problems.push(`host error: ${error?.stack ?? error}`)
  }
  try {
    sandbox.dispose()
  } catch (error) {
    problems.push(`dispose: ${error?.message ?? error}`)
  }
  return { seed, limit, kinds, place, problems, stderr: stderr.slice(-400) }
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  const { values: opts } = parseArgs({
    options: {
      seed: { type: "string", default: "1" },
      count: { type: "string", default: "20" },
      "max-limit": { type: "string", default: "20" },
      "pad-shift": { type: "string", default: "0" },
      only: { type: "string" },
      print: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
    },
  })
  if (opts.print) {
    const { source, limit } = program(rng(Number(opts.only)), Number(opts["max-limit"]), Number(opts["pad-shift"]))
    console.log(`// memoryLimit ${limit}\n${source}`)
    process.exit(0)
  }
  const first = Number(opts.seed)
  const seeds = opts.only !== undefined ? [Number(opts.only)] : Array.from({ length: Number(opts.count) }, (_, i) => first + i)
  let failed = 0
  const started = Date.now()
  for (const seed of seeds) {
    const outcome = await runOne(seed, Number(opts["max-limit"]), Number(opts["pad-shift"]))
    if (outcome.problems.length) {
      failed++
      console.log(JSON.stringify(outcome))
    } else if (opts.verbose) {
      console.log(`seed ${seed} ok (${outcome.limit >> 20} MiB, ${outcome.kinds.length} kinds, ${outcome.place.slice(0, 40)})`)
    }
  }
  console.log(`oom fuzz: ${seeds.length} programs, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  process.exitCode = failed ? 1 : 0
}
