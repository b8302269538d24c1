// CLI rows of `npm run bench`: what a user waits for from typing the command to its exit,
// `quickjs-wasmfs run <bin>` against `node <bin>`, each a fresh process (median of several).
//
//   cli-hello   a one-line console.log script
//   cli-tsc     tsc -p of test/fixtures/real-tools (TypeScript's compiler: 6 MB of JS to load)
//   cli-terser  terser --compress --mangle of one file of that project
//
// The sandbox runs twice per sample: with an empty compile cache (a tool's first run on a
// machine) and with the cache the first run left (every later run: the CLI's default).
import { spawnSync } from "node:child_process"
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"

export const CLI_SCENARIOS = ["cli-hello", "cli-tsc", "cli-terser"]
export const CLI_TARGETS = { "cli-hello": { ms: 100 }, "cli-tsc": { ratio: 2 }, "cli-terser": { ratio: 2 } }
const SAMPLES = 5

const repo = fileURLToPath(new URL("../..", import.meta.url))
const cli = join(repo, "dist/cli.mjs")
const nodeModules = join(repo, "node_modules")
const fixture = join(repo, "test/fixtures/real-tools")

function binOf(pkg, name) {
  const bin = JSON.parse(readFileSync(join(nodeModules, pkg, "package.json"), "utf8")).bin
  return join(pkg, typeof bin === "string" ? bin : bin[name])
}

const TOOLS = {
  "cli-tsc": { bin: () => binOf("typescript", "tsc"), args: ["-p", "tsconfig.json"] },
  "cli-terser": {
    bin: () => binOf("terser", "terser"),
    args: ["src/js/lib.js", "--module", "--compress", "--mangle", "-o", "out/lib.min.js"],
  },
}

function timed(argv, cwd) {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, argv, { cwd, env: {}, stdio: "ignore" })
  const ms = performance.now() - t0
  if (r.status === null) throw new Error(`${argv.join(" ")}: ${r.error?.message ?? r.signal}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

function measure(scenario, root) {
  const samples = { node: [], cold: [], warm: [] }
  for (let i = 0; i < SAMPLES; i++) {
    const base = mkdtempSync(join(root, `${scenario}-`))
    const work = join(base, "work")
    const cache = join(base, "compile-cache")
    let nodeArgv
    let guestArgv
    if (scenario === "cli-hello") {
      cpSync(join(repo, "scripts/bench/hello"), work, { recursive: true })
      nodeArgv = [join(work, "hello.js")]
      guestArgv = [cli, "run", "--compile-cache", cache, join(work, "hello.js")]
    } else {
      const tool = TOOLS[scenario]
      cpSync(fixture, work, { recursive: true })
      symlinkSync(nodeModules, join(base, "node_modules"))
      nodeArgv = [join(nodeModules, tool.bin()), ...tool.args]
      guestArgv = [
        cli,
        "run",
        "--compile-cache",
        cache,
        "--mount",
        `${work}:/work`,
        "--mount",
        `${nodeModules}:/node_modules:ro`,
        "--cwd",
        "/work",
        `/node_modules/${tool.bin()}`,
        ...tool.args,
      ]
    }
    samples.node.push(timed(nodeArgv, work))
    samples.cold.push(timed(guestArgv, repo))
    samples.warm.push(timed(guestArgv, repo))
    rmSync(base, { recursive: true, force: true })
  }
  return { node: median(samples.node), cold: median(samples.cold), warm: median(samples.warm), samples }
}

export function runCli(scenarios, { log }) {
  const root = mkdtempSync(join(tmpdir(), "qjsw-bench-cli-"))
  try {
    const results = {}
    for (const s of scenarios) {
      results[s] = measure(s, root)
      const r = results[s].samples
      log(
        `${s} samples (ms): node ${r.node.map((x) => x.toFixed(0)).join(" ")}; cold ${r.cold.map((x) => x.toFixed(0)).join(" ")}; warm ${r.warm.map((x) => x.toFixed(0)).join(" ")}`,
      )
    }
    return results
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

// The target is met by what users get on every run but a tool's first: the warm cache.
export function cliTarget(scenario, row) {
  const t = CLI_TARGETS[scenario]
  if (!t) return []
  if (t.ms !== undefined) return [`<=${t.ms} ms ${row.warm <= t.ms ? "PASS" : "MISS"}`]
  return [`<=${t.ratio}x node ${row.warm / row.node <= t.ratio ? "PASS" : "MISS"}`]
}
