// `quickjs-wasmfs compat`: runs scripts in real Node and in a fresh sandbox and reports, file by
// file, whether code that works in Node works in the sandbox.
//
// Each script runs in a "run directory" laid out as Node core's own tests are, the same in both
// worlds (host: a new temp dir; sandbox: the same path in a fresh in-memory tree):
//
//   <run>/test/parallel/...    the script's directory, recursively (without node_modules)
//   <run>/test/common/...      the harness's `common` helper: require('../common')
//   <run>/test/fixtures/...    its small fixture set: require('../common/fixtures')
//   <run>/node_modules/...     the packages the script names (require/import), found in the
//                              node_modules above its directory, with their dependencies, laid
//                              out as on the host
//
// The script runs with its directory as cwd and the same environment in both worlds. A file
// passes in a world when it exits with 0; the sandbox result also needs the same stdout as Node.
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { createSandbox } from "../sandbox/sandbox"

export type CompatStatus = "pass" | "sandbox-fail" | "both-fail" | "node-fail"

export interface WorldResult {
  exitCode: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

export interface Difference {
  stream: "stdout" | "stderr"
  /** 1-based line number */
  line: number
  node: string | null
  sandbox: string | null
}

export interface CompatFileResult {
  /** The file as given (or found below a given directory), relative to the cwd when inside it. */
  file: string
  status: CompatStatus
  /** The reason from the expectations file, when the file is listed there. */
  expected?: string
  node: WorldResult
  /** The sandbox world (with --browser: Chromium on the in-memory root). */
  sandbox: WorldResult
  /** With --browser: the same script run in Chromium with its files on /opfs. */
  opfs?: WorldResult
  /** The sandbox world a difference below is from, when not the first ("opfs"). */
  differingWorld?: string
  /** First line of stdout that differs (decides the result with the exit codes). */
  stdoutDifference?: Difference
  /** First line of stderr that differs (shown only: stacks and warnings differ between engines). */
  stderrDifference?: Difference
  /** Packages the script names (require/import). */
  requires: string[]
  /** Packages copied into node_modules for this file (those and their dependencies). */
  packages: string[]
  ms: number
}

export interface CompatReport {
  results: CompatFileResult[]
  passed: number
  failed: number
  /** Files that fail in the sandbox but are listed in the expectations. */
  expectedFailures: number
  /** Files that fail in Node (not counted in passed/failed). */
  nodeFailures: number
  /** Listed in the expectations but passing now. */
  stale: string[]
  /** Failing in the sandbox after passing in Node, and not listed. */
  unexpected: string[]
}

export interface CompatOptions {
  /** Files or directories (searched recursively for .js/.cjs/.mjs, see `listScripts`). */
  inputs: string[]
  filter?: RegExp
  /** Expectations: { "path relative to the expectations file": "reason" }. */
  expect?: string
  /** Wall-clock limit per run, ms (default 30 s). */
  timeout?: number
  /** Node binary (default: the one running this). */
  node?: string
  /** Extra environment, for both worlds. */
  env?: Record<string, string>
  /** Files run at once (default 2). */
  jobs?: number
  /**
   * Run the sandbox world in Chromium (needs playwright-core) instead of in this process, twice:
   * on the in-memory root, and with the run's files on /opfs (the browser OPFS mount).
   */
  browser?: boolean
  onResult?: (result: CompatFileResult) => void
}

const SCRIPT = /\.(c|m)?js$/
const SKIP_DIRS = new Set(["node_modules", "common", "fixtures"])

/** The harness's own files: compat/common and compat/fixtures next to runtime/ or dist/. */
export function harnessDir(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const up of ["..", "../.."]) {
    const d = resolve(here, up, "compat")
    if (existsSync(join(d, "common", "index.js"))) return d
  }
  throw new Error(`quickjs-wasmfs: the compat helper files are missing (looked for compat/common next to ${here})`)
}

/**
 * Scripts among `inputs`: files as given; below directories every .js/.cjs/.mjs file except
 * names starting with "_" or "." (helpers) and the node_modules, common and fixtures directories.
 */
export function listScripts(inputs: string[], filter?: RegExp): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith(".") || e.name.startsWith("_")) continue
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p)
      } else if (SCRIPT.test(e.name)) out.push(p)
    }
  }
  for (const input of inputs) {
    const abs = resolve(input)
    if (statSync(abs).isDirectory()) walk(abs)
    else out.push(abs)
  }
  return [...new Set(out)].filter((f) => !filter || filter.test(displayName(f)))
}

function displayName(abs: string): string {
  const rel = relative(process.cwd(), abs)
  return rel.startsWith("..") || rel === "" ? abs : rel.split(sep).join("/")
}

// ---- files of a run -------------------------------------------------------------------------

type Tree = Map<string, Uint8Array> // path relative to the tree's root -> contents
const treeCache = new Map<string, Tree>()

/** Every regular file below `dir` (symlinks followed to files), without `skip` directories. */
function readTree(dir: string, skip: Set<string>, cache = true): Tree {
  const hit = cache ? treeCache.get(dir) : undefined
  if (hit) return hit
  const out: Tree = new Map()
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      const r = rel ? `${rel}/${e.name}` : e.name
      try {
        if (e.isDirectory()) {
          if (!skip.has(e.name)) walk(p, r)
        } else if (e.isFile() || (e.isSymbolicLink() && statSync(p).isFile())) out.set(r, readFileSync(p))
      } catch {
        // unreadable: left out
      }
    }
  }
  walk(dir, "")
  if (cache) treeCache.set(dir, out)
  return out
}

const builtins = new Set(builtinModules)

/** Package names a script names in require()/import()/import ... from. */
export function bareSpecifiers(source: string): string[] {
  const names = new Set<string>()
  const re = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)(['"])([^'"\n]+)\1/g
  for (const m of source.matchAll(re)) {
    const id = m[2]!
    if (id.startsWith(".") || id.startsWith("/") || id.startsWith("node:") || id.startsWith("#")) continue
    const parts = id.split("/")
    const name = id.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!
    if (!builtins.has(name) && !builtins.has(id)) names.add(name)
  }
  return [...names]
}

function findPackage(name: string, from: string): string | undefined {
  for (let d = from; ; d = dirname(d)) {
    if (!d.endsWith(`${sep}node_modules`)) {
      const candidate = join(d, "node_modules", name)
      if (existsSync(join(candidate, "package.json"))) return candidate
    }
    if (dirname(d) === d) return undefined
  }
}

/**
 * The packages `names` resolve to from `scriptDir`, with their dependencies (also optional and
 * peer ones that are installed): run-relative path ("node_modules/a/node_modules/b") -> host dir.
 */
export function packageClosure(names: string[], scriptDir: string): Map<string, string> {
  const out = new Map<string, string>()
  const runPath = (host: string) => {
    // below the nearest ancestor of the script's directory that holds it in its node_modules
    for (let d = scriptDir; ; d = dirname(d)) {
      const prefix = join(d, "node_modules") + sep
      if (host.startsWith(prefix)) return `node_modules/${host.slice(prefix.length).split(sep).join("/")}`
      if (dirname(d) === d) return undefined
    }
  }
  const visit = (name: string, from: string) => {
    const host = findPackage(name, from)
    if (!host) return
    const rel = runPath(host)
    if (!rel || out.has(rel)) return
    out.set(rel, host)
    let pkg: Record<string, Record<string, string> | undefined>
    try {
      pkg = JSON.parse(readFileSync(join(host, "package.json"), "utf8"))
    } catch {
      return
    }
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      for (const dep of Object.keys(pkg[field] ?? {})) visit(dep, host)
    }
  }
  for (const name of names) visit(name, scriptDir)
  return out
}

export interface RunLayout {
  /** run-relative path -> contents */
  files: Map<string, Uint8Array>
  /** run-relative path of the script and of its directory */
  script: string
  dir: string
  requires: string[]
  packages: string[]
  /** the script asks for the guest's WebAssembly (a `// sandbox: --wasm` line; Node has it always) */
  wasm: boolean
}

function layout(script: string): RunLayout {
  const scriptDir = dirname(script)
  const files = new Map<string, Uint8Array>()
  const add = (prefix: string, tree: Tree) => {
    for (const [rel, data] of tree) files.set(`${prefix}/${rel}`, data)
  }
  const harness = harnessDir()
  add("test/common", readTree(join(harness, "common"), new Set()))
  add("test/fixtures", readTree(join(harness, "fixtures"), new Set()))
  add("test/parallel", readTree(scriptDir, new Set(["node_modules"]), false))
  const source = readFileSync(script, "utf8")
  const requires = bareSpecifiers(source)
  const closure = packageClosure(requires, scriptDir)
  for (const [rel, host] of closure) add(rel, readTree(host, new Set(["node_modules"])))
  return {
    files,
    script: `test/parallel/${relative(scriptDir, script).split(sep).join("/")}`,
    dir: "test/parallel",
    requires: requires.sort(),
    packages: [...closure.keys()].map((k) => k.replace(/^node_modules\//, "")).sort(),
    wasm: /^\/\/ sandbox: --wasm$/m.test(source),
  }
}

// ---- the two worlds -------------------------------------------------------------------------

function runInNode(node: string, root: string, run: RunLayout, env: Record<string, string>, timeout: number): Promise<WorldResult> {
  for (const [rel, data] of run.files) {
    const p = join(root, rel)
    mkdirSync(dirname(p), { recursive: true })
    writeFileSync(p, data)
  }
  return new Promise((done) => {
    const child = spawn(node, [join(root, run.script)], { cwd: join(root, run.dir), env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    let timedOut = false
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t))
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill("SIGKILL")
    }, timeout)
    child.on("close", (code) => {
      clearTimeout(timer)
      done({ exitCode: code, stdout, stderr, timedOut })
    })
    child.on("error", (e) => {
      clearTimeout(timer)
      done({ exitCode: null, stdout, stderr: `${stderr}quickjs-wasmfs compat: cannot run ${node}: ${e.message}\n`, timedOut })
    })
  })
}

// Sandboxes run on this thread: one at a time, so a busy guest cannot delay another's timers
// (the Node runs, child processes, go on in parallel).
let sandboxQueue: Promise<unknown> = Promise.resolve()

function runInSandbox(root: string, run: RunLayout, env: Record<string, string>, timeout: number): Promise<WorldResult> {
  const result = sandboxQueue.then(() => runInSandboxNow(root, run, env, timeout))
  sandboxQueue = result.catch(() => {})
  return result
}

const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()
const wellFormed = (text: string) => fromUtf8.decode(utf8.encode(text))

async function runInSandboxNow(root: string, run: RunLayout, env: Record<string, string>, timeout: number): Promise<WorldResult> {
  let stdout = ""
  let stderr = ""
  const files: Record<string, Uint8Array> = {}
  for (const [rel, data] of run.files) files[`${root}/${rel}`] = data
  const sandbox = await createSandbox({
    files,
    webAssembly: run.wasm,
    cwd: `${root}/${run.dir}`,
    env,
    timeout,
    // Node's side is UTF-8 bytes decoded, where a lone surrogate has become U+FFFD
    stdout: (t) => (stdout += wellFormed(t)),
    stderr: (t) => (stderr += wellFormed(t)),
  })
  let timer: NodeJS.Timeout | undefined
  const wall = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), timeout)))
  const running = sandbox.runFile(`${root}/${run.script}`)
  try {
    const r = await Promise.race([running, wall])
    if (r === "timeout") {
      // disposing ends the loop at its next step (the run then rejects: ignored)
      running.catch(() => {})
      return { exitCode: null, stdout, stderr, timedOut: true }
    }
    const interrupted = (r.error as { message?: string } | undefined)?.message === "interrupted"
    return { exitCode: r.exitCode, stdout, stderr, timedOut: interrupted }
  } catch (e) {
    return { exitCode: null, stdout, stderr: `${stderr}quickjs-wasmfs compat: ${e instanceof Error ? e.message : String(e)}\n`, timedOut: false }
  } finally {
    clearTimeout(timer)
    sandbox.dispose()
  }
}

function firstDifference(stream: "stdout" | "stderr", node: string, sandbox: string): Difference | undefined {
  if (node === sandbox) return undefined
  const a = node.split("\n")
  const b = sandbox.split("\n")
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { stream, line: i + 1, node: a[i] ?? null, sandbox: b[i] ?? null }
  }
  return undefined
}

/** Runs one script in a sandbox world; its outputs name the run's directory as `root`. */
type SandboxWorld = (root: string, run: RunLayout, env: Record<string, string>, timeout: number) => Promise<WorldResult>

/** Runs one script in Node and in the sandbox world (and in the /opfs one, when given). */
export async function compareFile(
  script: string,
  options: { node?: string; timeout?: number; env?: Record<string, string>; sandboxWorld?: SandboxWorld; opfsWorld?: SandboxWorld } = {},
): Promise<CompatFileResult> {
  const started = Date.now()
  const run = layout(script)
  const timeout = options.timeout ?? 30_000
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env }
  const root = mkdtempSync(join(tmpdir(), "qjsw-compat-"))
  const clean = (text: string) => text.split(root).join("<run>")
  let node: WorldResult
  let worlds: [string, WorldResult][]
  try {
    const runSandboxes = async () => {
      const out: [string, WorldResult][] = [["sandbox", await (options.sandboxWorld ?? runInSandbox)(root, run, env, timeout)]]
      if (options.opfsWorld) out.push(["opfs", await options.opfsWorld(root, run, env, timeout)])
      return out
    }
    ;[node, worlds] = await Promise.all([runInNode(options.node ?? process.execPath, root, run, env, timeout), runSandboxes()])
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  for (const w of [node, ...worlds.map(([, r]) => r)]) {
    w.stdout = clean(w.stdout)
    w.stderr = clean(w.stderr)
  }
  const nodePasses = node.exitCode === 0 && !node.timedOut
  const matches = (w: WorldResult) => w.exitCode === node.exitCode && !firstDifference("stdout", node.stdout, w.stdout) && !w.timedOut
  // the first world that differs decides and is reported (all pass: the first)
  const [name, shown] = worlds.find(([, w]) => !matches(w)) ?? worlds[0]!
  const sandbox = worlds[0]![1]
  const stdoutDifference = firstDifference("stdout", node.stdout, shown.stdout)
  const stderrDifference = firstDifference("stderr", node.stderr, shown.stderr)
  const sandboxPasses = worlds.every(([, w]) => w.exitCode === 0 && !w.timedOut)
  const same = worlds.every(([, w]) => matches(w))
  const status: CompatStatus = nodePasses ? (same ? "pass" : "sandbox-fail") : sandboxPasses ? "node-fail" : "both-fail"
  return {
    file: displayName(script),
    status,
    node,
    sandbox,
    ...(worlds[1] && { opfs: worlds[1][1] }),
    ...(name !== "sandbox" && { differingWorld: name }),
    ...(stdoutDifference && { stdoutDifference }),
    ...(stderrDifference && { stderrDifference }),
    requires: run.requires,
    packages: run.packages,
    ms: Date.now() - started,
  }
}

/** Reads an expectations file: { "path relative to it": "reason" } -> absolute path -> reason. */
export function readExpectations(file: string): Map<string, string> {
  const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>
  return new Map(Object.entries(data).map(([k, v]) => [resolve(dirname(resolve(file)), k), v]))
}

export async function runCompat(options: CompatOptions): Promise<CompatReport> {
  const scripts = listScripts(options.inputs, options.filter)
  const expectations = options.expect ? readExpectations(options.expect) : new Map<string, string>()
  const results: CompatFileResult[] = new Array(scripts.length)
  const browser = options.browser ? await (await import("./compat-browser")).BrowserWorld.start() : undefined
  const sandboxWorld: SandboxWorld | undefined = browser && ((...args) => browser.run(...args))
  const opfsWorld: SandboxWorld | undefined = browser && ((...args) => browser.run(...args, { opfs: true }))
  let next = 0
  const worker = async () => {
    while (next < scripts.length) {
      const i = next++
      const script = scripts[i]!
      const r = await compareFile(script, { ...options, sandboxWorld, opfsWorld })
      const reason = expectations.get(script)
      if (reason !== undefined) r.expected = reason
      results[i] = r
      options.onResult?.(r)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 2) }, worker))
  } finally {
    await browser?.close()
  }
  const counted = results.filter((r) => r.status === "pass" || r.status === "sandbox-fail")
  const failing = counted.filter((r) => r.status === "sandbox-fail")
  const listed = new Set(scripts.filter((s) => expectations.has(s)))
  return {
    results,
    passed: counted.length - failing.length,
    failed: failing.length,
    expectedFailures: failing.filter((r) => r.expected !== undefined).length,
    nodeFailures: results.length - counted.length,
    stale: results.filter((r, i) => listed.has(scripts[i]!) && r.status === "pass").map((r) => r.file),
    unexpected: failing.filter((r) => r.expected === undefined).map((r) => r.file),
  }
}

// ---- reports --------------------------------------------------------------------------------

const LABEL: Record<CompatStatus, string> = {
  pass: "pass",
  "sandbox-fail": "FAIL (sandbox only)",
  "both-fail": "fails in both",
  "node-fail": "fails in Node only",
}

function exitText(w: WorldResult): string {
  return w.timedOut ? "timeout" : String(w.exitCode)
}

function show(line: string | null): string {
  return line === null ? "<no line>" : JSON.stringify(line.length > 160 ? `${line.slice(0, 157)}...` : line)
}

/** One block per file, as the CLI prints it. */
export function formatResult(r: CompatFileResult): string {
  const head = `${LABEL[r.status]}${r.expected !== undefined && r.status === "sandbox-fail" ? " (expected)" : ""}  ${r.file}`
  if (r.status === "pass") return head
  const world = r.differingWorld ?? "sandbox"
  const shown = r.differingWorld === "opfs" ? r.opfs! : r.sandbox
  const lines = [head, `    exit codes: node ${exitText(r.node)}, ${world} ${exitText(shown)}`]
  for (const d of [r.stdoutDifference, r.stderrDifference]) {
    if (!d) continue
    lines.push(`    first difference in ${d.stream}, line ${d.line}:`, `      node:    ${show(d.node)}`, `      ${`${world}:`.padEnd(8)} ${show(d.sandbox)}`)
  }
  if (r.expected !== undefined) lines.push(`    expected: ${r.expected}`)
  return lines.join("\n")
}

/** The summary: details on one line, then `N passed, M failed` alone on the last. */
export function formatSummary(report: CompatReport): string {
  const notes = [
    `${report.results.length} files`,
    `${report.expectedFailures} of the failures expected`,
    `${report.nodeFailures} failing in Node (not counted)`,
  ]
  const lines = [notes.join(", ")]
  if (report.stale.length) lines.push(`passing now, remove from the expectations: ${report.stale.join(", ")}`)
  if (report.unexpected.length) lines.push(`unexpected failures: ${report.unexpected.join(", ")}`)
  lines.push(`${report.passed} passed, ${report.failed} failed`)
  return lines.join("\n")
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ")
}

/** A Markdown table of the results. */
export function formatMarkdown(report: CompatReport): string {
  const rows = [
    "| file | Node | sandbox | result | packages | note |",
    "| --- | --- | --- | --- | --- | --- |",
  ]
  for (const r of report.results) {
    const d = r.stdoutDifference ?? r.stderrDifference
    const note =
      r.expected ??
      (r.status === "pass" ? "" : d ? `${d.stream} line ${d.line}: node ${show(d.node)}, sandbox ${show(d.sandbox)}` : "")
    rows.push(
      `| ${cell(r.file)} | exit ${exitText(r.node)} | exit ${exitText(r.sandbox)} | ${LABEL[r.status]}${r.expected !== undefined && r.status === "sandbox-fail" ? " (known)" : ""} | ${r.requires.join(", ")}${r.packages.length > r.requires.length ? ` (+${r.packages.length - r.requires.length} deps)` : ""} | ${cell(note)} |`,
    )
  }
  rows.push("", `${report.passed} passed, ${report.failed} failed (${report.expectedFailures} expected), ${report.nodeFailures} failing in Node.`)
  return `${rows.join("\n")}\n`
}

/** The JSON report: the summary and every result with both worlds' output. */
export function toJSON(report: CompatReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
