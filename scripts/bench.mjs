#!/usr/bin/env node
// `npm run bench`: small-file and 16 MiB fs throughput of four implementations, in one process,
// running the same scenario source (scripts/bench/scenarios.mjs) over the same data:
//
//   sandbox     a guest in our Wasm module; `import fs from 'node:fs'` runs in C against WasmFS.
//               The timed loop runs inside the guest, timed with the guest's Date.now().
//   bridge      the same Wasm module and engine, but the guest's fs is a shim over host functions
//               (context.newFunction) that call memfs on the host (scripts/bench/bridge.mjs).
//               The timed loop runs inside the guest too.
//   node-memfs  Node calling memfs directly (host loop).
//   node-fs     Node's real fs in a temporary directory (host loop).
//
// Per scenario, every implementation gets its files created (untimed, results checked once), is
// warmed up while calibrating a batch size of about --time/3 seconds (plus one untimed batch of
// that size), then timed batches run round-robin across implementations (so noise hits all
// alike) until each has at least 3 batches and --time seconds, and its last batch no longer
// improved on the best by more than 5% (at most 8); the best batch gives ops/s.
//
// Then the startup rows (scripts/bench/startup.mjs): cold and warm sandbox start, require() of
// a 201-module tree, next to quickjs-emscripten's stock variant and Node's own equivalents;
// and the builtin rows (scripts/bench/builtins.mjs): each builtin's first require() in a fresh
// sandbox, and a 1 KiB Buffer round trip, next to Node.
//
// The fs rows are measured as users meet them, at V8's default flags: the first run of each
// scenario in a fresh process (one batch of the steady-state size, nothing warmed up: the Wasm
// still on V8's baseline tier, as in a CLI run or a page's first load), then steady state;
// --no-liftoff (the Wasm compiled by the optimizing tier up front) only as an extra table.
// Each measurement runs in a child process of this script (QJSW_BENCH_CHILD), so flags and
// warm-up never leak from one to the next.
//
// Options: --time SECONDS (default 0.5), --filter REGEX (scenario names), --json FILE.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import * as nodeFs from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"
import v8 from "node:v8"
import { BIG_SIZE, SCENARIO_NAMES, SCENARIO_SOURCE } from "./bench/scenarios.mjs"
import { BRIDGE_SHIM_SOURCE, installBridgeHost } from "./bench/bridge.mjs"
import { STARTUP_IMPLS, STARTUP_SCENARIOS, STARTUP_TARGET_MS, runStartup } from "./bench/startup.mjs"
import { BUILTIN_MODULES, runBuiltins } from "./bench/builtins.mjs"
import { WATCH_OVERHEAD_TARGET, WATCH_SCENARIOS, runWatchBench } from "./bench/watch.mjs"
import { CLI_SCENARIOS, cliTarget, runCli } from "./bench/cli.mjs"
import { fmtOps, parseArgs, ratio, table } from "./bench/report.mjs"

// V8 first runs Wasm on its baseline compiler (Liftoff) and swaps in optimized code when a
// background compile of the hot functions finishes; a function already running (QuickJS's
// interpreter loop, for a whole guest loop) stays on the code it entered with. The extra
// --no-liftoff table compiles with the optimizing tier from the start. The flag must be set
// before the module compiles (dist/index.mjs is imported dynamically, after this).
const CHILD = process.env.QJSW_BENCH_CHILD ? JSON.parse(process.env.QJSW_BENCH_CHILD) : null
if (CHILD?.flags === "no-liftoff") v8.setFlagsFromString("--no-liftoff")

const IMPLS = ["sandbox", "bridge", "node-memfs", "node-fs"]
const BUILTIN_SCENARIOS = [...BUILTIN_MODULES.map((m) => `require-${m}`), "buffer-roundtrip-1KiB"]
const SMALL_SCENARIOS = new Set(SCENARIO_NAMES.filter((s) => !s.includes("16MiB")))
const TARGET_VS_BRIDGE = 5
const TARGET_VS_MEMFS = 1.5
const TARGET_MBPS = 1000 // 1 GB/s, MB = 10^6 bytes
const MIN_BATCHES = 3
const MAX_BATCHES = 8

function usage(code) {
  const out = code ? process.stderr : process.stdout
  out.write(
    "usage: node scripts/bench.mjs [--time SECONDS] [--filter REGEX] [--json FILE]\n" +
      "  --time SECONDS  timed seconds per scenario and implementation (default 0.5)\n" +
      "  --filter REGEX  only scenarios whose name matches\n" +
      "  --json FILE     also write [{ scenario, impl, opsPerSec }] to FILE\n" +
      `scenarios: ${[...SCENARIO_NAMES, ...STARTUP_SCENARIOS, ...BUILTIN_SCENARIOS, ...WATCH_SCENARIOS, ...CLI_SCENARIOS].join(", ")}\n`,
  )
  process.exit(code)
}

// --- implementations --------------------------------------------------------------------------
// Each one: setup(name) -> null | "missing fs.X", run(name, n) -> { ms, hostMs? }, dispose().

const GUEST_ROOT = "/bench"
const GUEST_CLOCK = "function () { return Date.now(); }"

async function guestImpl(newModule, { imports, prelude = "", beforeEval }) {
  const wasm = await newModule()
  const ctx = wasm.newContext()
  beforeEval?.(ctx)
  const source = `${imports}
${prelude}
${SCENARIO_SOURCE}
globalThis.__bench = makeBench(fs, Buffer, ${JSON.stringify(GUEST_ROOT)}, ${GUEST_CLOCK});
`
  ctx.unwrapResult(ctx.evalCode(source, "/bench-main.mjs", { type: "module" })).dispose()
  const jobs = ctx.runtime.executePendingJobs()
  if (jobs.error) {
    const cause = ctx.dump(jobs.error)
    jobs.error.dispose()
    throw new Error(`guest bench setup failed: ${JSON.stringify(cause)}`)
  }
  const call = (code) => {
    const handle = ctx.unwrapResult(ctx.evalCode(code, "/bench-call.js", { type: "global" }))
    try {
      return ctx.dump(handle)
    } finally {
      handle.dispose()
    }
  }
  if (call("typeof globalThis.__bench") !== "object") throw new Error("guest bench did not initialise")
  return {
    setup: (name) => call(`__bench.setup(${JSON.stringify(name)})`),
    run: (name, n) => {
      const t0 = performance.now()
      const ms = call(`__bench.run(${JSON.stringify(name)}, ${n})`)
      return { ms, hostMs: performance.now() - t0 }
    },
    dispose: () => ctx.dispose(),
  }
}

function hostImpl(fs, root) {
  // A fresh compile per implementation, so V8's type feedback is not shared between them.
  const makeBench = new Function(`${SCENARIO_SOURCE}\nreturn makeBench;`)()
  const bench = makeBench(fs, Buffer, root, () => performance.now())
  return {
    setup: (name) => bench.setup(name),
    run: (name, n) => ({ ms: bench.run(name, n) }),
    dispose: () => {},
  }
}

// --- measuring --------------------------------------------------------------------------------

function calibrate(impl, name, batchMs) {
  // Doubles (or more) the count until a run takes calMs; these runs are also the warm-up.
  const calMs = Math.max(5, Math.min(25, batchMs / 4))
  let n = 1
  for (let i = 0; i < 40; i++) {
    const { ms } = impl.run(name, n)
    if (ms >= calMs) {
      n = Math.max(1, Math.round((n * batchMs) / ms))
      impl.run(name, n) // one untimed full batch, so every code path is hot before timing
      return n
    }
    n = ms <= 0 ? n * 10 : Math.min(n * 10, Math.max(n * 2, Math.ceil((n * calMs * 1.5) / ms)))
  }
  throw new Error(`could not calibrate ${name}: still under ${calMs} ms at n=${n}`)
}

function errorText(err) {
  const msg = err && typeof err === "object" && "message" in err ? err.message : String(err)
  return String(msg).split("\n")[0]
}

// --- output -----------------------------------------------------------------------------------

const mbps = (opsPerSec) => (opsPerSec * BIG_SIZE) / 1e6

function fmtCell(scenario, cell) {
  if (!cell) return "-"
  if (cell.status === "missing") return `n/a (${cell.note})`
  if (cell.status === "error") return "error"
  const ops = fmtOps(cell.opsPerSec)
  return SMALL_SCENARIOS.has(scenario) ? ops : `${ops} (${Math.round(mbps(cell.opsPerSec))} MB/s)`
}

const fmtRatio = (r) => (r == null ? "-" : `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`)
const verdict = (ok) => (ok ? "PASS" : "MISS")

function targets(scenario, row) {
  const sb = row.sandbox
  if (SMALL_SCENARIOS.has(scenario)) {
    const vb = ratio(sb, row.bridge)
    const vm = ratio(sb, row["node-memfs"])
    return [
      `>=${TARGET_VS_BRIDGE}x bridge ${vb == null ? "n/a" : verdict(vb >= TARGET_VS_BRIDGE)}`,
      `>=${TARGET_VS_MEMFS}x memfs ${vm == null ? "n/a" : verdict(vm >= TARGET_VS_MEMFS)}`,
    ]
  }
  return [`>=1 GB/s ${sb?.status === "ok" ? verdict(mbps(sb.opsPerSec) >= TARGET_MBPS) : "n/a"}`]
}

const HEADER = ["scenario", ...IMPLS, "sb/bridge", "sb/memfs", "sb/fs", "targets"]

// Startup rows: ms per op (ops/s), the sandbox's speed relative to each baseline, the target.
function startupTarget(scenario, row) {
  const target = STARTUP_TARGET_MS[scenario]
  return target === undefined ? [] : [`<=${target} ms ${verdict(row.sandbox <= target)}`]
}

function startupTable(scenarios, startup) {
  const header = ["startup", ...STARTUP_IMPLS, ...STARTUP_IMPLS.slice(1).map((i) => `sb/${i}`), "targets"]
  const cell = (ms) => (ms === undefined ? "-" : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms (${fmtOps(1000 / ms)}/s)`)
  const rows = [header]
  for (const s of scenarios) {
    const row = startup[s]
    rows.push([
      s,
      ...STARTUP_IMPLS.map((impl) => cell(row[impl])),
      ...STARTUP_IMPLS.slice(1).map((impl) => fmtRatio(row[impl] === undefined ? null : row[impl] / row.sandbox)),
      startupTarget(s, row).join("  "),
    ])
  }
  return table(rows)
}

// Builtin rows: ms per op (ops/s) in the sandbox and in Node, and their ratio.
function builtinsTable(builtins) {
  const cell = (ms) => `${ms < 0.1 ? ms.toFixed(4) : ms.toFixed(ms >= 10 ? 1 : 2)} ms (${fmtOps(1000 / ms)}/s)`
  const rows = [["builtins", "sandbox", "node", "sb/node"]]
  for (const [scenario, row] of Object.entries(builtins)) {
    rows.push([scenario, cell(row.sandbox), cell(row.node), fmtRatio(row.node / row.sandbox)])
  }
  return table(rows)
}

// Watch rows: the journal's cost on the small-file write loop, and change-to-listener latency.
// CLI rows: process start to exit, the sandbox with its compile cache empty and warm.
function cliTable(scenarios, rows) {
  const out = [["cli (process start to exit)", "node", "sandbox cold", "sandbox warm", "cold/node", "warm/node", "targets"]]
  const ms = (x) => `${x.toFixed(0)} ms`
  for (const s of scenarios) {
    const r = rows[s]
    out.push([s, ms(r.node), ms(r.cold), ms(r.warm), fmtRatio(r.cold / r.node), fmtRatio(r.warm / r.node), cliTarget(s, r).join("")])
  }
  return table(out)
}

function watchTargets(watch) {
  const w = watch["writeFileSync-100B-watched"]
  return w ? [`journal overhead <=${WATCH_OVERHEAD_TARGET * 100}% ${verdict(w.watched >= w.unwatched * (1 - WATCH_OVERHEAD_TARGET))}`] : []
}

function watchTable(watch) {
  const rows = [["watch", "sandbox", "unwatched", "watched/unwatched", "targets"]]
  const w = watch["writeFileSync-100B-watched"]
  if (w)
    rows.push([
      "writeFileSync-100B-watched",
      fmtOps(w.watched),
      fmtOps(w.unwatched),
      fmtRatio(w.watched / w.unwatched),
      watchTargets(watch).join(""),
    ])
  for (const s of ["watch-latency-host", "watch-latency-guest"]) {
    if (watch[s]) rows.push([s, `${(watch[s].ms * 1000).toFixed(0)} µs`, "-", "-", ""])
  }
  return table(rows)
}

// --- measuring in child processes --------------------------------------------------------------

async function makeImpls(names, distModule, nodeRoot) {
  const { newQuickJSWASMModuleWithWasmFS } = distModule
  const { Volume } = await import("memfs")
  const make = {
    sandbox: () =>
      guestImpl(newQuickJSWASMModuleWithWasmFS, {
        imports: "import fs from 'node:fs';\nimport { Buffer } from 'node:buffer';",
      }),
    bridge: () =>
      guestImpl(newQuickJSWASMModuleWithWasmFS, {
        // The guest gets Buffer from the module's builtin (same engine, same Buffer); only fs differs.
        imports: "import { Buffer } from 'node:buffer';",
        prelude: BRIDGE_SHIM_SOURCE,
        beforeEval: (ctx) => installBridgeHost(ctx, new Volume()),
      }),
    "node-memfs": () => hostImpl(new Volume(), "/bench"),
    "node-fs": () => hostImpl(nodeFs, nodeRoot),
  }
  const impls = {}
  for (const name of names) impls[name] = await make[name]()
  return impls
}

// Steady state of each scenario: every implementation calibrated (its warm-up), then timed
// batches round-robin until each is settled; the best batch gives ops/s.
function measureSteady(scenarios, impls, timeMs, log) {
  const batchMs = timeMs / MIN_BATCHES
  const started = performance.now()
  const results = {}
  const notes = []
  const clockWarnings = []
  let errors = 0
  for (const scenario of scenarios) {
    const row = {}
    results[scenario] = row
    const active = []
    for (const name of IMPLS) {
      const cell = { status: "ok", opsPerSec: 0, batches: 0, totalMs: 0, n: 0 }
      row[name] = cell
      try {
        const missing = impls[name].setup(scenario)
        if (missing) {
          cell.status = "missing"
          cell.note = missing
          continue
        }
        cell.n = calibrate(impls[name], scenario, batchMs)
        active.push(name)
      } catch (err) {
        const text = errorText(err)
        const m = /fs\.(\w+) is not a function|(\w+) is not a function/.exec(text)
        if (m && name === "sandbox") {
          cell.status = "missing"
          cell.note = `missing fs.${m[1] ?? m[2]}`
        } else {
          cell.status = "error"
          cell.note = text
          errors++
          notes.push(`${scenario} / ${name}: ${text}`)
        }
      }
    }

    for (let round = 0; round < MAX_BATCHES; round++) {
      const pending = active.filter((name) => {
        const c = row[name]
        // Another batch while under 3 batches or --time, or while the last batch still set a
        // clearly better best (the code was still warming up).
        return c.status === "ok" && (c.batches < MIN_BATCHES || c.totalMs < timeMs || c.improving)
      })
      if (pending.length === 0) break
      // Rotate the order each round so no implementation always runs right after another.
      const order = pending.map((_, i) => pending[(i + round) % pending.length])
      for (const name of order) {
        const cell = row[name]
        try {
          const { ms, hostMs } = impls[name].run(scenario, cell.n)
          cell.batches++
          cell.totalMs += ms
          if (hostMs !== undefined && Math.abs(hostMs - ms) > 0.1 * ms + 3) {
            clockWarnings.push(`${scenario} / ${name}: guest clock ${ms} ms vs host ${hostMs.toFixed(1)} ms for one batch`)
          }
          const ops = ms > 0 ? (cell.n * 1000) / ms : 0
          cell.improving = cell.batches > 1 && ops > cell.opsPerSec * 1.05
          cell.opsPerSec = Math.max(cell.opsPerSec, ops)
        } catch (err) {
          cell.status = "error"
          cell.note = errorText(err)
          errors++
          notes.push(`${scenario} / ${name}: ${cell.note}`)
        }
      }
    }

    for (const name of IMPLS) {
      if (row[name].status === "missing") notes.push(`${scenario} / ${name}: ${row[name].note}`)
    }
    log(`  ${scenario} done (${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
  return { results, notes, clockWarnings, errors }
}

// A scenario's first run in a fresh process: its setup, then one batch of `n` operations.
function measureFirst(scenario, impl, n) {
  try {
    const missing = impl.setup(scenario)
    if (missing) return { status: "missing", note: missing }
    const { ms } = impl.run(scenario, n)
    return { status: "ok", opsPerSec: ms > 0 ? (n * 1000) / ms : 0, n }
  } catch (err) {
    return { status: "error", note: errorText(err) }
  }
}

async function childMain() {
  const distModule = await import("../dist/index.mjs")
  const nodeRoot = mkdtempSync(join(tmpdir(), "qjsw-bench-"))
  try {
    const log = (line) => process.stderr.write(`${line}\n`)
    let out
    if (CHILD.mode === "steady") {
      const impls = await makeImpls(IMPLS, distModule, nodeRoot)
      out = measureSteady(CHILD.scenarios, impls, CHILD.timeMs, log)
      for (const impl of Object.values(impls)) impl.dispose()
    } else {
      const impls = await makeImpls([CHILD.impl], distModule, nodeRoot)
      out = measureFirst(CHILD.scenario, impls[CHILD.impl], CHILD.n)
    }
    process.stdout.write(JSON.stringify(out))
  } finally {
    rmSync(nodeRoot, { recursive: true, force: true })
  }
}

function runChild(spec) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, QJSW_BENCH_CHILD: JSON.stringify(spec) },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  })
  if (r.status !== 0) throw new Error(`bench child (${JSON.stringify(spec)}) exited with ${r.status ?? r.signal}`)
  return JSON.parse(r.stdout)
}

function fsTable(scenarios, results, withTargets) {
  const rows = [withTargets ? HEADER : HEADER.slice(0, -1)]
  for (const scenario of scenarios) {
    const row = results[scenario]
    const sb = row.sandbox
    rows.push([
      scenario,
      ...IMPLS.map((name) => fmtCell(scenario, row[name])),
      fmtRatio(ratio(sb, row.bridge)),
      fmtRatio(ratio(sb, row["node-memfs"])),
      fmtRatio(ratio(sb, row["node-fs"])),
      ...(withTargets ? [targets(scenario, row).join("  ")] : []),
    ])
  }
  return table(rows)
}

// --- main -------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2), usage)
  const scenarios = SCENARIO_NAMES.filter((s) => !opts.filter || opts.filter.test(s))
  const startupScenarios = STARTUP_SCENARIOS.filter((s) => !opts.filter || opts.filter.test(s))
  const builtinScenarios = BUILTIN_SCENARIOS.filter((s) => !opts.filter || opts.filter.test(s))
  const watchScenarioNames = WATCH_SCENARIOS.filter((s) => !opts.filter || opts.filter.test(s))
  const cliScenarios = CLI_SCENARIOS.filter((s) => !opts.filter || opts.filter.test(s))
  if (
    scenarios.length === 0 &&
    startupScenarios.length === 0 &&
    builtinScenarios.length === 0 &&
    watchScenarioNames.length === 0 &&
    cliScenarios.length === 0
  ) {
    process.stderr.write(`no scenario matches ${opts.filter}\n`)
    process.exit(2)
  }
  const timeMs = opts.time * 1000
  const started = performance.now()

  let distModule
  try {
    distModule = await import("../dist/index.mjs")
  } catch (err) {
    process.stderr.write(`cannot load dist/index.mjs (build first: npm run bench): ${errorText(err)}\n`)
    process.exit(1)
  }

  const nodeRoot = mkdtempSync(join(tmpdir(), "qjsw-bench-"))
  let cleaned = false
  const cleanup = () => {
    if (cleaned) return
    cleaned = true
    rmSync(nodeRoot, { recursive: true, force: true })
  }
  process.on("exit", cleanup)
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      cleanup()
      process.exit(130)
    })
  }

  const cpu = cpus()[0]?.model ?? "unknown cpu"
  console.log(
    `quickjs-wasmfs fs benchmark: node ${process.version}, ${cpu} x${cpus().length}, ` +
      `${opts.time} s timed per cell, best of >=${MIN_BATCHES} batches, ops/s (16 MiB rows: files/s and MB/s, MB = 10^6 B)`,
  )
  console.log("")

  const notes = []
  const clockWarnings = new Set()
  let errors = 0
  let steady = { results: {} }
  let noLiftoff = { results: {} }
  const first = {}
  if (scenarios.length) {
    process.stderr.write("  steady state, default flags\n")
    steady = runChild({ mode: "steady", flags: "default", scenarios, timeMs })
    process.stderr.write("  first runs, default flags, a fresh process each\n")
    for (const scenario of scenarios) {
      first[scenario] = {}
      for (const impl of IMPLS) {
        const cell = steady.results[scenario][impl]
        first[scenario][impl] = cell.status === "ok" ? runChild({ mode: "first", flags: "default", scenario, impl, n: cell.n }) : cell
      }
    }
    process.stderr.write("  steady state, --no-liftoff\n")
    noLiftoff = runChild({ mode: "steady", flags: "no-liftoff", scenarios, timeMs })
    for (const r of [steady, noLiftoff]) {
      notes.push(...r.notes)
      for (const w of r.clockWarnings) clockWarnings.add(w)
      errors += r.errors
    }
    for (const scenario of scenarios) {
      for (const impl of IMPLS) if (first[scenario][impl].status === "error") errors++
    }
  }

  const startup = startupScenarios.length
    ? await runStartup(startupScenarios, {
        dist: distModule,
        distUrl: new URL("../dist/index.mjs", import.meta.url).href,
        timeMs,
        nodeRoot,
        log: (line) => process.stderr.write(`  ${line}\n`),
      })
    : {}
  const builtins = builtinScenarios.length ? await runBuiltins({ dist: distModule, timeMs, filter: opts.filter }) : {}
  const watchScenarios = WATCH_SCENARIOS.filter((s) => !opts.filter || opts.filter.test(s))
  const watch = watchScenarios.length ? await runWatchBench({ dist: distModule, timeMs, filter: opts.filter }) : {}
  const cliRows = cliScenarios.length ? runCli(cliScenarios, { log: (line) => process.stderr.write(`  ${line}\n`) }) : {}
  cleanup()

  const verdicts = [
    ...scenarios.flatMap((s) => targets(s, first[s])),
    ...scenarios.flatMap((s) => targets(s, steady.results[s])),
    ...startupScenarios.flatMap((s) => startupTarget(s, startup[s])),
    ...watchTargets(watch),
    ...cliScenarios.flatMap((s) => cliTarget(s, cliRows[s])),
  ]
  const pass = verdicts.filter((v) => v.endsWith("PASS")).length
  const miss = verdicts.filter((v) => v.endsWith("MISS")).length
  const na = verdicts.length - pass - miss
  if (scenarios.length) {
    console.log("First run in a fresh process, V8's default flags (what a CLI run or a page's first load gets):")
    console.log(fsTable(scenarios, first, true))
    console.log("")
    console.log("Steady state, V8's default flags:")
    console.log(fsTable(scenarios, steady.results, true))
    console.log("")
    console.log("Steady state, --no-liftoff (the Wasm compiled by V8's optimizing tier up front; no targets):")
    console.log(fsTable(scenarios, noLiftoff.results, false))
  }
  if (startupScenarios.length) {
    if (scenarios.length) console.log("")
    console.log(startupTable(startupScenarios, startup))
  }
  if (Object.keys(builtins).length) {
    console.log("")
    console.log(builtinsTable(builtins))
  }
  if (Object.keys(watch).length) {
    console.log("")
    console.log(watchTable(watch))
  }
  if (cliScenarios.length) {
    console.log("")
    console.log(cliTable(cliScenarios, cliRows))
  }
  console.log("")
  console.log(`targets: ${pass} PASS, ${miss} MISS${na ? `, ${na} n/a` : ""} (fs rows: first run and steady state, default flags)`)
  for (const note of new Set(notes)) console.log(`note: ${note}`)
  for (const w of clockWarnings) console.log(`warning: ${w}`)

  if (opts.json) {
    const out = []
    const fsRows = (results, run, flags) => {
      for (const scenario of scenarios) {
        for (const impl of IMPLS) {
          const cell = results[scenario][impl]
          if (cell.status === "ok" && cell.opsPerSec > 0) out.push({ scenario, impl, opsPerSec: cell.opsPerSec, run, flags })
        }
      }
    }
    fsRows(first, "first", "default")
    fsRows(steady.results, "steady", "default")
    fsRows(noLiftoff.results, "steady", "no-liftoff")
    for (const scenario of startupScenarios) {
      for (const [impl, ms] of Object.entries(startup[scenario])) out.push({ scenario, impl, opsPerSec: 1000 / ms, flags: "default" })
    }
    for (const [scenario, row] of Object.entries(builtins)) {
      for (const [impl, ms] of Object.entries(row)) out.push({ scenario, impl, opsPerSec: 1000 / ms, flags: "default" })
    }
    const w = watch["writeFileSync-100B-watched"]
    if (w) {
      out.push({ scenario: "writeFileSync-100B-watched", impl: "sandbox", opsPerSec: w.watched, flags: "default" })
      out.push({ scenario: "writeFileSync-100B-watched", impl: "sandbox-unwatched", opsPerSec: w.unwatched, flags: "default" })
    }
    for (const s of ["watch-latency-host", "watch-latency-guest"])
      if (watch[s]) out.push({ scenario: s, impl: "sandbox", opsPerSec: 1000 / watch[s].ms, flags: "default" })
    for (const [scenario, row] of Object.entries(cliRows)) {
      for (const impl of ["node", "cold", "warm"])
        out.push({ scenario, impl: impl === "node" ? "node" : `sandbox-${impl}-cache`, opsPerSec: 1000 / row[impl], flags: "default" })
    }
    writeFileSync(opts.json, JSON.stringify(out, null, 2) + "\n")
    console.log(`wrote ${out.length} results to ${opts.json}`)
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`)
  if (errors) process.exitCode = 1
}

if (CHILD) await childMain()
else await main()
