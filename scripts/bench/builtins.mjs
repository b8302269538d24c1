// Builtin rows of `npm run bench`: the first require() of each builtin in a fresh sandbox (the
// module loads from its build-time bytecode and runs its top level), and a 1 KiB
// Buffer.from(string)/toString() round trip, each next to Node doing the same.
import { execFileSync } from "node:child_process"
import { performance } from "node:perf_hooks"

export const BUILTIN_MODULES = [
  "assert",
  "buffer",
  "console",
  "crypto",
  "events",
  "fs",
  "fs/promises",
  "module",
  "os",
  "path",
  "process",
  "querystring",
  "stream",
  "string_decoder",
  "timers",
  "timers/promises",
  "url",
  "util",
]
const SAMPLES = 5
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

// Node's first require() of `name` in a fresh process, after the process has written to its
// console once (a one-time ~1.5 ms setup would otherwise land on whichever require comes first;
// it also loads util and stream, as any Node program that prints has them loaded).
function nodeFirstRequire(name) {
  const code = `const h = process.hrtime.bigint; console.error(''); const t0 = h(); require(${JSON.stringify(name)}); process.stdout.write(String(Number(h() - t0) / 1e6));`
  return Number(execFileSync(process.execPath, ["-e", code], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }))
}

async function sandboxFirstRequire(dist, module, name) {
  let out = ""
  const sandbox = new dist.Sandbox(module, { stdout: (t) => (out += t), stderr: () => {} })
  const result = await sandbox.run(
    `const t0 = performance.now(); require(${JSON.stringify(name)}); process.stdout.write(String(performance.now() - t0));`,
  )
  sandbox.dispose()
  if (result.exitCode !== 0) return undefined
  return Number(out)
}

const ROUND_TRIP = `
  const text = 'quickjs-wasmfs é€ '.repeat(60).slice(0, 1024);
  function roundTrip(n) { let len = 0; for (let i = 0; i < n; i++) len += Buffer.from(text).toString().length; return len; }`

async function bufferRoundTrip(dist, module, timeMs) {
  let out = ""
  const sandbox = new dist.Sandbox(module, { stdout: (t) => (out += t), stderr: () => {} })
  const guestBatch = async (n) => {
    out = ""
    await sandbox.run(`${ROUND_TRIP}\nconst t0 = performance.now(); roundTrip(${n}); process.stdout.write(String(performance.now() - t0));`)
    return Number(out)
  }
  let n = 100
  while ((await guestBatch(n)) < 30) n *= 2
  let best = Infinity
  const end = performance.now() + timeMs
  do best = Math.min(best, (await guestBatch(n)) / n)
  while (performance.now() < end)
  sandbox.dispose()

  const roundTrip = new Function(`${ROUND_TRIP}\nreturn roundTrip;`)()
  let m = 1000
  for (;;) {
    const t0 = performance.now()
    roundTrip(m)
    if (performance.now() - t0 > 30) break
    m *= 2
  }
  let nodeBest = Infinity
  const nodeEnd = performance.now() + timeMs
  do {
    const t0 = performance.now()
    roundTrip(m)
    nodeBest = Math.min(nodeBest, (performance.now() - t0) / m)
  } while (performance.now() < nodeEnd)
  return { sandbox: best, node: nodeBest }
}

// -> { "require <name>": { sandbox, node }, "Buffer 1 KiB round trip": { sandbox, node } } in ms per op.
export async function runBuiltins({ dist, timeMs, filter }) {
  const results = {}
  const module = await dist.newQuickJSWASMModuleWithWasmFS()
  for (const name of BUILTIN_MODULES) {
    const scenario = `require-${name}`
    if (filter && !filter.test(scenario)) continue
    const sandbox = []
    const node = []
    for (let i = 0; i < SAMPLES; i++) {
      const ms = await sandboxFirstRequire(dist, module, name)
      if (ms === undefined) break
      sandbox.push(ms)
      node.push(nodeFirstRequire(name))
    }
    if (sandbox.length) results[scenario] = { sandbox: median(sandbox), node: median(node) }
  }
  if (!filter || filter.test("buffer-roundtrip-1KiB")) results["buffer-roundtrip-1KiB"] = await bufferRoundTrip(dist, module, timeMs)
  return results
}
