// Startup rows of `npm run bench`: how fast a sandbox is ready, and how fast it loads a module
// tree, next to the closest thing each baseline has.
//
//   cold-start   fresh Node process, nothing loaded: instantiate + boot (scripts/bench/startup-child.mjs),
//                median of several processes
//   warm-start   a new sandbox on an already loaded Wasm module (quickjs: runtime + bare context;
//                node: vm.createContext)
//   require-200  require() of a 201-module tree (20 packages in node_modules, 10 files each, plus
//                the entry) with require.cache emptied before each load; node: its own CommonJS
//                loader on the same tree in a temp directory, with its resolution cache emptied too
import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import vm from "node:vm"

export const STARTUP_SCENARIOS = ["cold-start", "warm-start", "require-200"]
export const STARTUP_IMPLS = ["sandbox", "quickjs", "node"]
export const STARTUP_TARGET_MS = { "cold-start": 50, "warm-start": 5 }
const COLD_SAMPLES = 7
const CHILD = fileURLToPath(new URL("./startup-child.mjs", import.meta.url))

// The module tree, as relative path -> source. Every package's m1 also requires the next
// package, so some requires are cache hits, as in real trees.
export function moduleTree() {
  const files = {}
  const packages = 20
  for (let p = 0; p < packages; p++) {
    const dir = `node_modules/pkg${p}`
    files[`${dir}/package.json`] = JSON.stringify({ name: `pkg${p}`, version: "1.0.0", main: "lib/index.js" })
    const parts = []
    for (let m = 1; m <= 9; m++) {
      const next = m === 1 ? `const next = require('pkg${(p + 1) % packages}');\n` : ""
      files[`${dir}/lib/m${m}.js`] =
        `'use strict';\n${next}const base = ${p * 10 + m};\n` + `module.exports = { value: base, twice(x) { return (x + base) * 2; } };\n`
      parts.push(`require('./m${m}')`)
    }
    files[`${dir}/lib/index.js`] =
      `'use strict';\nconst parts = [${parts.join(", ")}];\n` + `module.exports = parts.reduce((sum, part) => sum + part.twice(1), 0);\n`
  }
  files["entry.js"] = `let total = 0;\nfor (let p = 0; p < ${packages}; p++) total += require('pkg' + p);\nmodule.exports = total;\n`
  return files
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

function coldStart(distUrl, log) {
  const samples = Object.fromEntries(STARTUP_IMPLS.map((impl) => [impl, []]))
  for (let i = 0; i < COLD_SAMPLES; i++) {
    for (const impl of STARTUP_IMPLS) {
      const out = execFileSync(process.execPath, [CHILD, impl, distUrl], { encoding: "utf8" })
      samples[impl].push(JSON.parse(out).ms)
    }
  }
  log(`cold-start samples (ms): ${STARTUP_IMPLS.map((i) => `${i} ${samples[i].map((x) => x.toFixed(1)).join(" ")}`).join("; ")}`)
  return Object.fromEntries(STARTUP_IMPLS.map((impl) => [impl, median(samples[impl])]))
}

// Best ms per op over batches of `n` ops for about timeMs in all.
function timed(timeMs, op) {
  let n = 1
  for (;;) {
    const t0 = performance.now()
    for (let i = 0; i < n; i++) op()
    const ms = performance.now() - t0
    if (ms >= 20 || n >= 1 << 20) break
    n *= 2
  }
  let best = Infinity
  const end = performance.now() + timeMs
  do {
    const t0 = performance.now()
    for (let i = 0; i < n; i++) op()
    best = Math.min(best, (performance.now() - t0) / n)
  } while (performance.now() < end)
  return best
}

async function warmStart(dist, timeMs) {
  const { newQuickJSWASMModuleFromVariant } = await import("quickjs-emscripten-core")
  const { default: variant } = await import("@jitl/quickjs-wasmfile-release-sync")
  const ours = await dist.newQuickJSWASMModuleWithWasmFS()
  const stock = await newQuickJSWASMModuleFromVariant(variant)
  const quiet = { stdout: () => {}, stderr: () => {} }
  return {
    sandbox: timed(timeMs, () => new dist.Sandbox(ours, quiet).dispose()),
    quickjs: timed(timeMs, () => {
      const rt = stock.newRuntime()
      rt.newContext().dispose()
      rt.dispose()
    }),
    node: timed(timeMs, () => vm.runInContext("1", vm.createContext({}))),
  }
}

async function requireTree(dist, timeMs, nodeRoot) {
  const tree = moduleTree()
  const guestRoot = "/proj"
  const files = Object.fromEntries(Object.entries(tree).map(([p, src]) => [`${guestRoot}/${p}`, src]))
  let printed = ""
  const sandbox = await dist.createSandbox({ files, stdout: (t) => (printed += t), stderr: (t) => (printed += t) })
  // One run per batch; the guest times its own loop.
  const guestBatch = async (n) => {
    printed = ""
    const result = await sandbox.run(
      `const t0 = Date.now(); let total;
       for (let i = 0; i < ${n}; i++) {
         for (const key of Object.keys(require.cache)) if (key.startsWith('${guestRoot}/')) delete require.cache[key];
         total = require('${guestRoot}/entry.js');
       }
       console.log(JSON.stringify({ ms: Date.now() - t0, total }));`,
      { filename: "/bench-require.js" },
    )
    if (result.exitCode !== 0) throw new Error(`require-200 in the sandbox failed: ${printed}`)
    return JSON.parse(printed.trim().split("\n").pop())
  }

  const dir = join(nodeRoot, "require-200")
  for (const [p, src] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true })
    writeFileSync(join(dir, p), src)
  }
  const nodeRequire = createRequire(join(dir, "bench.js"))
  const Module = nodeRequire("node:module")
  const nodeLoad = () => {
    for (const key of Object.keys(nodeRequire.cache)) if (key.startsWith(dir)) delete nodeRequire.cache[key]
    for (const key of Object.keys(Module._pathCache)) delete Module._pathCache[key]
    return nodeRequire(join(dir, "entry.js"))
  }

  const expected = nodeLoad()
  const check = await guestBatch(1)
  if (check.total !== expected) throw new Error(`require-200: sandbox computed ${check.total}, node ${expected}`)
  let n = 1
  while ((await guestBatch(n)).ms < 30 && n < 4096) n *= 2
  let best = Infinity
  const end = performance.now() + timeMs
  do {
    best = Math.min(best, (await guestBatch(n)).ms / n)
  } while (performance.now() < end)
  sandbox.dispose()
  return { sandbox: best, node: timed(timeMs, nodeLoad) }
}

// -> { scenario: { impl: ms per op } } for the scenarios asked for.
export async function runStartup(scenarios, { dist, distUrl, timeMs, nodeRoot, log }) {
  const results = {}
  if (scenarios.includes("cold-start")) results["cold-start"] = coldStart(distUrl, log)
  if (scenarios.includes("warm-start")) results["warm-start"] = await warmStart(dist, timeMs)
  if (scenarios.includes("require-200")) results["require-200"] = await requireTree(dist, timeMs, nodeRoot)
  return results
}
