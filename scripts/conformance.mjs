#!/usr/bin/env node
// `make conformance`: Node 20's own tests (test/parallel of Debian 13's nodejs source, fetched
// into the cache, never into the repository) as the sandbox's conformance suite.
//
//   node scripts/conformance.mjs [--groups fs,path] [--files a.js,b.js] [--jobs 2] [--timeout ms]
//                                [--json file] [--readme] [--update-known] [--quiet]
//
// Each selected file runs in real Node (this one, with the file's `// Flags:` as Node's own test
// runner passes them) and in a fresh sandbox (a child process per file) that sees Node's test
// tree at the same absolute paths, read-only, with test/conformance/shim.js run first. A file
// counts when it passes in Node without being skipped; it passes in the sandbox when it exits 0
// there without being skipped. Groups (by file name) are in test/conformance/groups.json; the
// files that pass in Node but not in the sandbox are in test/conformance/known-failures.json.
import { fork, spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, "..")
const cache = process.env.QJSW_CACHE ?? join(root, ".cache")
const confDir = join(root, "test/conformance")
const SHIM = join(confDir, "shim.js")
const KNOWN = join(confDir, "known-failures.json")

// The pinned source: its orig tarball holds test/parallel, test/common and test/fixtures.
const SOURCE = {
  spec: "nodejs=20.19.2+dfsg-1+deb13u3",
  orig: "nodejs_20.19.2+dfsg.orig.tar.xz",
  sha256: "5e5559381ad031d245a8efa403458abbb73755f74c3e6380f185a4dd342b7949",
  top: "node-v20.19.2",
}
const TREE = join(cache, "nodejs-20.19.2-tests")
export const TEST_DIR = join(TREE, "test")
const PARALLEL = join(TEST_DIR, "parallel")
const PARTS = ["parallel", "common", "fixtures"]

const SKIPPED = /^1\.\.0 # Skipped/m

/** Fetches and extracts Node's test tree into the cache once; returns its test/ directory. */
export function ensureSource() {
  const stamp = join(TREE, ".complete")
  if (existsSync(stamp)) return TEST_DIR
  const dl = join(cache, "downloads")
  const fetched = spawnSync(join(here, "fetch-debian.sh"), ["source", SOURCE.spec, SOURCE.orig, SOURCE.sha256, dl], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  })
  if (fetched.status !== 0) throw new Error(`conformance: fetching ${SOURCE.orig} failed`)
  const tarball = fetched.stdout.trim().split("\n").pop()
  // extracted beside, then renamed: an interrupted extraction never looks complete
  const partial = `${TREE}.partial`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { recursive: true })
  const tar = spawnSync("tar", ["-xJf", tarball, "-C", partial, "--strip-components=1", ...PARTS.map((p) => `${SOURCE.top}/test/${p}`)], {
    stdio: "inherit",
  })
  if (tar.status !== 0) throw new Error(`conformance: extracting ${tarball} failed`)
  writeFileSync(join(partial, ".complete"), `${SOURCE.spec}\n`)
  rmSync(TREE, { recursive: true, force: true })
  renameSync(partial, TREE)
  return TEST_DIR
}

export function readGroups() {
  return JSON.parse(readFileSync(join(confDir, "groups.json"), "utf8")).groups
}

/** The group a test/parallel file name belongs to (the first whose stem matches), or undefined. */
export function groupOf(name, groups) {
  for (const [group, stems] of Object.entries(groups)) {
    for (const stem of stems) {
      const base = `test-${stem}`
      if (name === `${base}.js` || name === `${base}.mjs` || name.startsWith(`${base}-`)) return group
    }
  }
  return undefined
}

/** file name -> group, for every test/parallel file of the groups. */
export function selectFiles(groups, only) {
  const out = new Map()
  for (const name of readdirSync(PARALLEL).sort()) {
    if (!/\.(js|mjs)$/.test(name)) continue
    const g = groupOf(name, groups)
    if (g && (!only || only.has(g))) out.set(name, g)
  }
  return out
}

// Node's test runner (tools/test.py) passes a file's `// Flags:` lines on the command line.
function flagsOf(file) {
  const flags = []
  for (const m of readFileSync(file, "utf8").matchAll(/^\/\/\s+Flags:(.*)$/gm)) flags.push(...m[1].trim().split(/\s+/).filter(Boolean))
  return flags
}

function runProcess(args, { env, timeout }) {
  return new Promise((done) => {
    const started = Date.now()
    // its own process group, so a timeout also ends what the test started
    const child = spawn(process.execPath, args, { cwd: PARALLEL, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
    let stdout = ""
    let stderr = ""
    let timedOut = false
    child.stdout.setEncoding("utf8").on("data", (t) => (stdout += t))
    child.stderr.setEncoding("utf8").on("data", (t) => (stderr += t))
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {
        child.kill("SIGKILL")
      }
    }, timeout)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      done({ exitCode: code, signal, stdout, stderr, timedOut, ms: Date.now() - started })
    })
  })
}

function passes(r) {
  return r.exitCode === 0 && !r.timedOut && !SKIPPED.test(r.stdout)
}

// node:test's TAP output: the first failed test's name and error (not a suite's "N subtests
// failed"), as `not ok - name: error`.
function tapFailure(stdout) {
  if (!/^TAP version \d+$/m.test(stdout)) return undefined
  const lines = stdout.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^\s*not ok \d+ - (.*?)(?: # (?:SKIP|TODO).*)?$/)
    if (!m || /# TODO/.test(lines[i])) continue
    let error
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) {
      if (/^\s*failureType: 'subtestsFailed'/.test(lines[j])) error = null
      const e = error !== null && lines[j].match(/^\s*error: (.*)$/)
      if (e) {
        error = e[1] === "|-" ? lines[j + 1]?.trim() : e[1]
        break
      }
    }
    if (error) return `not ok - ${m[1]}: ${error}`
  }
  return undefined
}

/** The first line of a failed run's error, with the test tree's path shortened, as a reason. */
export function reasonOf(r, timeout = 30_000) {
  if (r.timedOut) return `timeout (no exit within ${Math.round(timeout / 1000)} s)`
  if (r.exitCode === 0) {
    const skip = r.stdout.match(SKIPPED)
    if (skip) return `skipped in the sandbox: ${r.stdout.slice(skip.index).split("\n")[0]}`
  }
  // test/common reports on stdout (console.log: mismatched mustCall counts), the runtime on stderr
  const lines = (t) => t.split("\n").map((l) => l.trimEnd())
  const isError = (l) => /^(\w*(Error|Exception)\b|Uncaught\b|Mismatched\b|Unexpected global)/.test(l)
  const isText = (l) => l.trim() !== "" && !/^\s*\^+\s*$/.test(l) && !/^\S+:\d+$/.test(l) && !/^Node\.js v/.test(l)
  const error =
    lines(r.stderr).find(isError) ??
    tapFailure(r.stdout) ??
    lines(r.stdout).find(isError) ??
    lines(r.stderr).find(isText) ??
    lines(r.stdout).find(isText)
  let text = error ? error.trim() : `exit code ${r.exitCode}${r.signal ? ` (${r.signal})` : ""}, no error printed`
  // where in the test it failed: its first stack frame in test/parallel
  const at = `${r.stderr}\n${r.stdout}`.match(/\/test\/parallel\/(test-[^:)\s]+:\d+)/)
  if (at && !text.includes(at[1])) text = `${text.length > 150 ? `${text.slice(0, 147)}...` : text} (${at[1]})`
  const short = text.split(TEST_DIR).join("test")
  return short.length > 200 ? `${short.slice(0, 197)}...` : short
}

const testEnv = (job) => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  // as test.py does for parallel jobs: each job its own tmpdir (test/.tmp.<job>)
  TEST_THREAD_ID: String(job),
})

/** Runs one file in Node and, when it passes there, in a fresh sandbox in `worker`. */
export async function runFile(name, group, worker, { job = 0, timeout = 30_000 } = {}) {
  const file = join(PARALLEL, name)
  const flags = flagsOf(file)
  const env = testEnv(job)
  const node = await runProcess([...flags, file], { env, timeout })
  const result = { file: name, group, flags, node: summary(node) }
  if (node.exitCode === 0 && !node.timedOut && SKIPPED.test(node.stdout)) return { ...result, status: "skipped" }
  if (!passes(node)) return { ...result, status: "node-fail", reason: reasonOf(node, timeout) }
  const sandbox = await worker.run({ file, flags, env, timeout })
  result.sandbox = summary(sandbox)
  if (passes(sandbox)) return { ...result, status: "pass" }
  return {
    ...result,
    status: "fail",
    reason: reasonOf(sandbox, timeout),
    stderr: sandbox.stderr.slice(0, 4000),
    stdout: sandbox.stdout.slice(-2000),
  }
}

function summary(r) {
  return { exitCode: r.exitCode, ...(r.signal && { signal: r.signal }), timedOut: r.timedOut, ms: r.ms }
}

// ---- the sandbox side ---------------------------------------------------------------------------
// Each job has a process of its own that runs its files one after another, each in a fresh
// sandbox (createSandbox per file; only the compiled Wasm is reused, which saves most of a file's
// CPU time). A file that overruns its time ends that process; the next file gets a new one.

const SHIM_GUEST = "/conformance/shim.js"

async function sandboxRun(createSandbox, { file, flags, env, timeout }) {
  let stdout = ""
  let stderr = ""
  const started = Date.now()
  const sandbox = await createSandbox({
    mounts: PARTS.map((p) => ({ hostPath: join(TEST_DIR, p), guestPath: join(TEST_DIR, p), readonly: true })),
    files: { [SHIM_GUEST]: readFileSync(SHIM) },
    cwd: PARALLEL,
    env,
    timeout,
    // the one flag that is the host's to grant (runtime/sandbox/sandbox.ts); the shim reports the others
    exposeInternals: flags.includes("--expose-internals"),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  })
  let exitCode
  try {
    const shim = await sandbox.run(`require(${JSON.stringify(SHIM_GUEST)})(${JSON.stringify(flags)})`, { filename: "/conformance/main.js" })
    if (shim.exitCode !== 0) throw new Error(`the shim failed: ${stderr}`)
    const r = file.endsWith(".mjs") ? await sandbox.import(file) : await sandbox.runFile(file)
    exitCode = r.exitCode
  } finally {
    sandbox.dispose()
  }
  return { exitCode, stdout, stderr, timedOut: false, ms: Date.now() - started }
}

async function sandboxServer() {
  const { createSandbox } = await import(pathToFileURL(join(root, "dist/index.mjs")).href)
  process.on("message", async (job) => {
    let result
    try {
      result = await sandboxRun(createSandbox, job)
    } catch (e) {
      result = { exitCode: 70, stdout: "", stderr: `conformance: the sandbox failed: ${e?.stack ?? e}\n`, timedOut: false, ms: 0 }
    }
    process.send(result)
  })
  process.send({ ready: true })
}

class SandboxWorker {
  child = undefined
  ready = undefined

  start() {
    const child = fork(fileURLToPath(import.meta.url), ["--sandbox-server"], {
      cwd: PARALLEL,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    })
    this.child = child
    this.ready = new Promise((done) => child.once("message", done))
    child.on("exit", () => {
      if (this.child === child) this.child = undefined
    })
  }

  async run(job) {
    if (!this.child) this.start()
    const child = this.child
    await this.ready
    const started = Date.now()
    return new Promise((done) => {
      const finish = (r) => {
        clearTimeout(timer)
        child.off("message", onMessage)
        child.off("exit", onExit)
        done(r)
      }
      const onMessage = (r) => finish(r)
      const onExit = (code, signal) =>
        finish({
          exitCode: null,
          signal,
          stdout: "",
          stderr: `conformance: the sandbox process ended (${signal ?? code})\n`,
          timedOut: false,
          ms: Date.now() - started,
        })
      // the guest's own CPU budget (createSandbox's timeout) ends most overruns; this ends the rest
      const timer = setTimeout(() => {
        this.child = undefined
        child.kill("SIGKILL")
        finish({ exitCode: null, stdout: "", stderr: "", timedOut: true, ms: Date.now() - started })
      }, job.timeout + 5_000)
      child.on("message", onMessage)
      child.on("exit", onExit)
      child.send(job)
    })
  }

  stop() {
    this.child?.kill()
    this.child = undefined
  }
}

// ---- the whole run ----------------------------------------------------------------------------

function percent(a, b) {
  return b === 0 ? "-" : `${Math.floor((1000 * a) / b) / 10}%`
}

export function tabulate(results, groups) {
  const rows = {}
  for (const g of Object.keys(groups)) rows[g] = { files: 0, run: 0, nodePass: 0, sandboxPass: 0 }
  for (const r of results) {
    const row = rows[r.group]
    row.files++
    if (r.status !== "skipped") row.run++
    if (r.status === "pass" || r.status === "fail") row.nodePass++
    if (r.status === "pass") row.sandboxPass++
  }
  const total = { files: 0, run: 0, nodePass: 0, sandboxPass: 0 }
  for (const row of Object.values(rows)) for (const k of Object.keys(total)) total[k] += row[k]
  return { rows, total }
}

export function markdownTable({ rows, total }) {
  const out = ["| group | files | run | pass in Node | pass in sandbox | % |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
  for (const [g, r] of Object.entries(rows)) {
    if (r.files) out.push(`| ${g} | ${r.files} | ${r.run} | ${r.nodePass} | ${r.sandboxPass} | ${percent(r.sandboxPass, r.nodePass)} |`)
  }
  out.push(
    `| **total** | ${total.files} | ${total.run} | ${total.nodePass} | ${total.sandboxPass} | ${percent(total.sandboxPass, total.nodePass)} |`,
  )
  return out.join("\n")
}

function parseArgs(argv) {
  const o = { jobs: 2, timeout: 30_000, json: join(root, "build/conformance.json") }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => argv[++i]
    if (a === "--groups") o.groups = new Set(value().split(","))
    else if (a === "--files") o.files = value().split(",")
    else if (a === "--jobs") o.jobs = Number(value())
    else if (a === "--timeout") o.timeout = Number(value())
    else if (a === "--json") o.json = resolve(value())
    else if (a === "--readme") o.readme = true
    else if (a === "--update-known") o.updateKnown = true
    else if (a === "--quiet") o.quiet = true
    else throw new Error(`conformance: unknown argument ${a}`)
  }
  return o
}

async function main(argv) {
  const o = parseArgs(argv)
  ensureSource()
  const groups = readGroups()
  let selected = selectFiles(groups, o.groups)
  if (o.files) {
    const all = selectFiles(groups)
    selected = new Map(o.files.map((f) => [f, all.get(f)]))
    const outside = o.files.filter((f) => !all.has(f))
    if (outside.length) throw new Error(`conformance: not in any group (or missing): ${outside.join(", ")}`)
  }
  const known = existsSync(KNOWN) ? JSON.parse(readFileSync(KNOWN, "utf8")) : {}
  const names = [...selected.keys()]
  const results = new Array(names.length)
  const started = Date.now()
  let next = 0
  let finished = 0
  const worker = async (job) => {
    const sandboxes = new SandboxWorker()
    try {
      await work(job, sandboxes)
    } finally {
      sandboxes.stop()
    }
  }
  const work = async (job, sandboxes) => {
    while (next < names.length) {
      const i = next++
      const r = await runFile(names[i], selected.get(names[i]), sandboxes, { job, timeout: o.timeout })
      results[i] = r
      finished++
      if (!o.quiet || r.status === "fail") {
        const mark = { pass: "pass", fail: "FAIL", skipped: "skip", "node-fail": "node-fail" }[r.status]
        console.log(`[${finished}/${names.length}] ${mark.padEnd(9)} ${r.file}${r.reason ? `  ${r.reason}` : ""}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, (_, j) => worker(j)))
  const table = tabulate(results, groups)
  const failing = results.filter((r) => r.status === "fail")
  const unexpected = failing.filter((r) => !(r.file in known)).map((r) => r.file)
  const stale = results.filter((r) => r.file in known && r.status !== "fail").map((r) => r.file)
  const report = {
    source: `${SOURCE.spec} (${SOURCE.orig})`,
    testDir: TEST_DIR,
    node: process.version,
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    groups: table.rows,
    total: table.total,
    unexpected,
    stale,
    results,
  }
  mkdirSync(dirname(o.json), { recursive: true })
  writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`)
  const md = markdownTable(table)
  console.log(`\n${md}\n`)
  console.log(`Node ${process.version}, ${report.seconds} s; JSON: ${o.json}`)
  const some = (names) => `${names.slice(0, 20).join(", ")}${names.length > 20 ? `, ... (${names.length}; all in the JSON)` : ""}`
  if (unexpected.length) console.log(`failing and not in known-failures.json: ${some(unexpected)}`)
  if (stale.length) console.log(`passing (or no longer counted) and still in known-failures.json: ${some(stale)}`)
  if (o.updateKnown) {
    const next = { ...known }
    for (const r of results) {
      if (r.status === "fail") next[r.file] = r.reason
      else delete next[r.file]
    }
    const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)))
    writeFileSync(KNOWN, `${JSON.stringify(sorted, null, 2)}\n`)
    console.log(`wrote ${KNOWN}`)
  }
  if (o.readme && (o.groups || o.files)) console.log("README.md left as it is: its table is of every group")
  else if (o.readme) {
    const readme = join(root, "README.md")
    const text = readFileSync(readme, "utf8")
    const block = /(<!-- conformance:start -->\n)[\s\S]*?(<!-- conformance:end -->)/
    if (!block.test(text)) throw new Error("conformance: README.md has no <!-- conformance:start --> block")
    writeFileSync(readme, text.replace(block, `$1${md}\n$2`))
    console.log("updated the table in README.md")
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode] = process.argv.slice(2)
  if (mode === "--sandbox-server") {
    await sandboxServer()
  } else {
    main(process.argv.slice(2)).catch((e) => {
      console.error(e instanceof Error ? e.message : e)
      process.exit(1)
    })
  }
}
