// Differential runner for the fs compatibility scenarios in test/fs-scenarios/scenarios/*.js.
//
// A scenario file is plain JavaScript that runs unchanged in two worlds:
//   - real Node: in-process, `fs` is node:fs, `root` a fresh mkdtemp directory;
//   - the sandbox: a fresh QuickJS+WasmFS module per file, `fs` is the guest's node:fs,
//     `root` is '/sandbox/root'.
// The same harness code (harness.js, read into HARNESS below) runs in both worlds and turns
// every recorded call into a JSON transcript, so normalisation is identical on both sides. The
// host then compares the transcripts scenario by scenario.
//
// Free variables a scenario file sees: fs, Buffer, root, scenario, rec, recAsync, recCallback.
//   scenario(name, fn)          registers a scenario; fn(dir) gets a fresh empty directory
//                               (root + '/' + index) and may be async.
//   rec(label, fn, opts?)       calls fn() and records its value or the error it threw;
//                               returns the raw value (undefined if it threw).
//   await recAsync(label, fn, opts?)  calls fn(), awaits the promise it returns and records
//                               the resolution or rejection (a synchronous throw is recorded
//                               as such); returns the raw value.
//   await recCallback(label, (cb) => fs.x(..., cb), opts?)  records the callback's arguments,
//                               plus whether it was called synchronously, more than once or
//                               never; returns the raw argument array.
//   opts: { mode: true } records (mode & 0o777) of Stats, { times: true } atimeMs/mtimeMs,
//         { fd: true } records a non-negative integer result as {$:'fd'} (fd numbers differ).
// Scenario files must only define helpers and call scenario() at top level.

import * as nodeFs from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import { mountHostDirectories, newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

/** One transcript entry: [label, kind, value?]. */
export type Entry = unknown[]

export interface Difference {
  /** Index of the first differing transcript entry. */
  index: number
  label: string
  node: Entry | "<missing>"
  sandbox: Entry | "<missing>"
}

export interface ScenarioResult {
  file: string
  scenario: string
  /** "file#scenario" — the key used by known-differences.json. */
  id: string
  same: boolean
  firstDifference?: Difference
  /**
   * Only for differing scenarios: "ok" if the same sandbox still did a writeFileSync +
   * readFileSync round trip afterwards, otherwise what went wrong.
   */
  sandboxHealth?: string
  /** Only for differing scenarios: fs functions the scenario names that the sandbox lacks. */
  sandboxMissing?: string[]
  /** Problems on the Node side (the scenario itself is broken). */
  nodeProblems: string[]
  node: Entry[]
  sandbox: Entry[]
}

export interface FileResult {
  file: string
  scenarios: ScenarioResult[]
  /** Problems that concern the whole file (load failures, scenario lists that differ). */
  problems: string[]
  ms: number
}

export const SANDBOX_ROOT = "/sandbox/root"
const STEP_MS = Number(process.env.QJSW_COMPAT_STEP_MS ?? 20_000)

// The harness: the same source in both worlds, kept as text in harness.js next to this file
// (one function expression, `(function createHarness(fs, Buffer, root, hooks) {...})`):
// runInNode evaluates it, SandboxInstance and sandboxProgram embed it verbatim in the guest.
export const HARNESS = nodeFs.readFileSync(new URL("./harness.js", import.meta.url), "utf8").trimEnd()

const SCENARIO_PARAMS = ["fs", "Buffer", "root", "scenario", "rec", "recAsync", "recCallback"]

interface Harness {
  load(defineFile: unknown): Promise<string>
  runOne(i: number): Promise<string>
  stall(): boolean
  count(): number
}

interface RunOne {
  transcript: Entry[]
  /** fs functions the scenario names that this world does not have. */
  missing: string[]
}

interface Loaded {
  names: string[]
  problems: string[]
}

// ---------------------------------------------------------------------------------------------
// Node side

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>

export interface NodeRun {
  names: string[]
  transcripts: Entry[][]
  /** Per scenario: fs functions it names that Node itself does not have (e.g. lchmod). */
  missing: string[][]
  problems: string[]
}

export async function runInNode(source: string): Promise<NodeRun> {
  const root = nodeFs.realpathSync(nodeFs.mkdtempSync(join(tmpdir(), "qjsw-compat-")))
  try {
    const create = new Function(`return ${HARNESS}`)() as (...args: unknown[]) => Harness
    const hooks = {
      arm(w: { stall(): void }) {
        const timer = setTimeout(() => w.stall(), 10_000)
        return () => clearTimeout(timer)
      },
      settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
    }
    const harness = create(nodeFs, Buffer, root, hooks)
    const defineFile = new AsyncFunction(...SCENARIO_PARAMS, source)
    const loaded = JSON.parse(await harness.load(defineFile)) as Loaded
    const transcripts: Entry[][] = []
    const missing: string[][] = []
    for (let i = 0; i < loaded.names.length; i++) {
      const run = JSON.parse(await harness.runOne(i)) as RunOne
      transcripts.push(run.transcript)
      missing.push(run.missing)
    }
    return { names: loaded.names, transcripts, missing, problems: loaded.problems }
  } finally {
    // Scenarios may leave read-only directories behind; we run as root, but be thorough.
    nodeFs.rmSync(root, { recursive: true, force: true, maxRetries: 2 })
  }
}

// ---------------------------------------------------------------------------------------------
// Sandbox side

class SandboxInstance {
  private rt!: QuickJSRuntime
  private ctx!: QuickJSContext
  private deadline = 0
  private healthCounter = 0

  /** With `mountedRoot`, the host directory mounted (read-write) at SANDBOX_ROOT. */
  private mountedRoot?: string

  static async create(
    source: string,
    fileName: string,
    options: RunOptions = {},
  ): Promise<{ instance: SandboxInstance; loaded: Loaded }> {
    const instance = new SandboxInstance()
    const mod = await newQuickJSWASMModuleWithWasmFS()
    if (options.mounted) {
      instance.mountedRoot = nodeFs.realpathSync(nodeFs.mkdtempSync(join(tmpdir(), "qjsw-compat-mount-")))
      mountHostDirectories(mod, [{ hostPath: instance.mountedRoot, guestPath: SANDBOX_ROOT }])
    }
    const loaded = instance.init(mod, source, fileName)
    return { instance, loaded }
  }

  private init(mod: QuickJSWASMModule, source: string, fileName: string): Loaded {
    this.rt = mod.newRuntime()
    this.rt.setInterruptHandler(() => Date.now() > this.deadline)
    this.ctx = this.rt.newContext()
    this.evalVoid(
      `import fs from 'node:fs'; import { Buffer } from 'node:buffer';
       globalThis.__qjswFs = fs; globalThis.__qjswBuffer = Buffer;
       // Plain mkdir calls: the setup should not depend on more of the fs than it must.
       ${this.mountedRoot ? "" : `fs.mkdirSync(${JSON.stringify(SANDBOX_ROOT.slice(0, SANDBOX_ROOT.lastIndexOf("/")))});
       fs.mkdirSync(${JSON.stringify(SANDBOX_ROOT)});`}`,
      "/qjsw-compat-setup.mjs",
      "module",
    )
    this.evalVoid(
      `globalThis.__qjswH = (${HARNESS})(__qjswFs, __qjswBuffer, ${JSON.stringify(SANDBOX_ROOT)}, {
         arm: function () { return null; },
         settle: async function () { for (var i = 0; i < 20; i++) await null; },
       });`,
      "/qjsw-compat-harness.js",
    )
    this.evalVoid(
      `globalThis.__qjswDefine = async function (${SCENARIO_PARAMS.join(", ")}) {\n${source}\n};`,
      `/${fileName}`,
    )
    return JSON.parse(this.drive("__qjswH.load(__qjswDefine)")) as Loaded
  }

  private evalVoid(code: string, filename: string, type: "global" | "module" = "global") {
    this.deadline = Date.now() + STEP_MS
    const result = this.ctx.evalCode(code, filename, { type })
    if (result.error) {
      const err = this.ctx.dump(result.error)
      result.error.dispose()
      throw new Error(`sandbox eval of ${filename} failed: ${JSON.stringify(err)}`)
    }
    result.value.dispose()
  }

  private evalString(code: string): string | undefined {
    this.deadline = Date.now() + STEP_MS
    const result = this.ctx.evalCode(code, "/qjsw-compat-driver.js")
    if (result.error) {
      const err = this.ctx.dump(result.error)
      result.error.dispose()
      throw new Error(`sandbox driver eval failed: ${JSON.stringify(err)}`)
    }
    const value = this.ctx.typeof(result.value) === "string" ? this.ctx.getString(result.value) : undefined
    result.value.dispose()
    return value
  }

  /** Starts `expr` (a promise of a string) in the guest and drives jobs until it settles. */
  private drive(expr: string): string {
    this.evalVoid(
      `globalThis.__qjswOut = undefined;
       Promise.resolve(${expr}).then(function (s) { globalThis.__qjswOut = 'ok:' + s; },
         function (e) { globalThis.__qjswOut = 'err:' + String(e && e.stack ? e.name + ': ' + e.message + '\\n' + e.stack : e); });`,
      "/qjsw-compat-driver.js",
    )
    const fileDeadline = Date.now() + 4 * STEP_MS
    for (;;) {
      const out = this.evalString("globalThis.__qjswOut")
      if (out !== undefined) {
        if (out.startsWith("ok:")) return out.slice(3)
        throw new Error(`guest harness failed: ${out.slice(4)}`)
      }
      if (Date.now() > fileDeadline) throw new Error("guest did not finish in time")
      this.deadline = Date.now() + STEP_MS
      const jobs = this.rt.executePendingJobs()
      if (jobs.error) {
        const err = this.ctx.dump(jobs.error)
        jobs.error.dispose()
        throw new Error(`guest job failed: ${JSON.stringify(err)}`)
      }
      const executed = jobs.value
      if (executed === 0 && this.evalString("__qjswH.stall() ? 'stalled' : 'idle'") === "idle") {
        throw new Error("guest is waiting for something that can never happen (no pending jobs)")
      }
    }
  }

  runOne(i: number): RunOne {
    return JSON.parse(this.drive(`__qjswH.runOne(${i})`)) as RunOne
  }

  /** A plain writeFileSync + readFileSync round trip in the same sandbox. */
  health(): string {
    const n = ++this.healthCounter
    try {
      return this.evalString(`(${HEALTH_CHECK})(__qjswFs, ${n})`) ?? "no answer"
    } catch (e) {
      return `sandbox unusable: ${String(e)}`
    }
  }

  dispose() {
    try {
      this.ctx.dispose()
      this.rt.dispose()
    } catch {
      // A dead instance cannot be disposed cleanly; it is garbage either way.
    }
    if (this.mountedRoot) nodeFs.rmSync(this.mountedRoot, { recursive: true, force: true, maxRetries: 2 })
  }
}

// A plain writeFileSync + readFileSync round trip in the sandbox's memory root: (fs, n) -> 'ok'
// or what went wrong.
const HEALTH_CHECK = String.raw`function (fs, n) {
  try {
    var p = '/qjsw-health-' + n + '.txt', text = 'health check ' + n + ' ✓';
    fs.writeFileSync(p, text);
    var back = fs.readFileSync(p, 'utf8');
    return back === text ? 'ok' : 'read back ' + JSON.stringify(back);
  } catch (e) { return 'threw ' + String(e && e.stack ? e.name + ': ' + e.message : e); }
}`

// ---------------------------------------------------------------------------------------------
// A whole file as one program for createSandbox (its event loop, e.g. in a browser worker)

/** Starts the stdout lines of a sandbox program that carry its results. */
const RECORD = "\u0001qjsw-compat "

/**
 * The main module (CommonJS) that runs scenario file `source` in a sandbox made by
 * createSandbox, with `root` (created if missing) as the scenarios' root: the same harness
 * as above, scenarios `from` on, each followed by a health check. Results are stdout lines;
 * read them with readSandboxProgramOutput. A scenario waiting for something that never
 * happens is stalled when the event loop runs dry ('beforeExit'), as the in-process sandbox
 * stalls it when no job is left.
 */
export function sandboxProgram(source: string, root: string, from = 0): string {
  return `var __qjsw = (function () {
  var fs = require('fs'), Buffer = require('buffer').Buffer, root = ${JSON.stringify(root)};
  function emit(o) { process.stdout.write(${JSON.stringify(RECORD)} + JSON.stringify(o) + '\\n'); }
  // plain mkdir calls: the setup should not depend on more of the fs than it must
  var parts = root.split('/');
  for (var i = 2; i <= parts.length; i++) {
    try { fs.mkdirSync(parts.slice(0, i).join('/')); } catch (e) { if (e.code !== 'EEXIST') throw e; }
  }
  var H = (${HARNESS})(fs, Buffer, root, {
    arm: function () { return null; },
    settle: function () { return new Promise(function (resolve) { setImmediate(resolve); }); },
  });
  process.on('beforeExit', function () { if (H.stall()) setImmediate(function () {}); });
  var health = (${HEALTH_CHECK});
  return { fs: fs, H: H, emit: emit, health: health };
})();
__qjsw.define = async function (${SCENARIO_PARAMS.join(", ")}) {
${source}
};
(async function (q) {
  q.emit({ loaded: JSON.parse(await q.H.load(q.define)) });
  for (var i = ${from}; i < q.H.count(); i++) {
    var run = JSON.parse(await q.H.runOne(i));
    q.emit({ index: i, transcript: run.transcript, missing: run.missing, health: q.health(q.fs, i) });
  }
  q.emit({ done: true });
})(__qjsw).catch(function (e) {
  __qjsw.emit({ failed: String(e && e.stack ? e.name + ': ' + e.message + '\\n' + e.stack : e) });
});
`
}

export interface SandboxProgramOutput {
  /** The scenarios the file registered, as the harness's load() reports them. */
  loaded?: Loaded
  /** Scenario index -> what it did, with the health check that followed it. */
  runs: Map<number, SandboxScenario & { health: string }>
  /** The program got through all its scenarios. */
  done: boolean
  /** The program's own failure (not a scenario's), if any. */
  failed?: string
}

/** Reads the results out of a sandboxProgram's stdout. */
export function readSandboxProgramOutput(stdout: string): SandboxProgramOutput {
  const out: SandboxProgramOutput = { runs: new Map(), done: false }
  for (const line of stdout.split("\n")) {
    if (!line.startsWith(RECORD)) continue
    const record = JSON.parse(line.slice(RECORD.length)) as {
      loaded?: Loaded
      index?: number
      transcript?: Entry[]
      missing?: string[]
      health?: string
      done?: boolean
      failed?: string
    }
    if (record.loaded) out.loaded = record.loaded
    else if (record.index !== undefined) {
      out.runs.set(record.index, { transcript: record.transcript!, missing: record.missing!, health: record.health! })
    } else if (record.done) out.done = true
    else if (record.failed !== undefined) out.failed = record.failed
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Comparison

function firstDifference(node: Entry[], sandbox: Entry[]): Difference | undefined {
  const n = Math.max(node.length, sandbox.length)
  for (let i = 0; i < n; i++) {
    const a = node[i]
    const b = sandbox[i]
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      return {
        index: i,
        label: String((a ?? b)?.[0]),
        node: a ?? "<missing>",
        sandbox: b ?? "<missing>",
      }
    }
  }
  return undefined
}

function nodeProblemsOf(transcript: Entry[]): string[] {
  const problems: string[] = []
  for (const entry of transcript) {
    const [label, kind] = entry as [string, string]
    if ((label.startsWith("<") && label !== "<tree>") || /never|times|after throwing|not a promise/.test(kind)) {
      problems.push(`${label}: ${kind} ${JSON.stringify(entry[2] ?? "")}`)
    }
    if (label === "<tree>" && typeof entry[2] === "object" && entry[2] && "treeError" in entry[2]) {
      problems.push(`tree: ${JSON.stringify(entry[2])}`)
    }
  }
  return problems
}

export interface RunOptions {
  /** The sandbox's root is a host directory mounted into it (runtime/mounts/mounts.ts), not WasmFS memory. */
  mounted?: boolean
}

/** Problems of a file's Node run that make its scenarios meaningless (load errors, duplicate names). */
export function nodeFileProblems(node: NodeRun): string[] {
  const problems = node.problems.map((p) => `node load: ${p}`)
  const dupes = node.names.filter((n, i) => node.names.indexOf(n) !== i)
  if (dupes.length) problems.push(`scenario names must be unique: ${JSON.stringify(dupes)}`)
  return problems
}

/** What one scenario did in a sandbox (or `missing: []` and a "<sandbox>" entry if it could not run). */
export interface SandboxScenario {
  transcript: Entry[]
  /** fs functions the scenario names that the sandbox lacks (runOne's `missing`). */
  missing: string[]
}

/**
 * Scenario `index` of `file`: Node's transcript against the sandbox's. `health` is asked only
 * when they differ (whether the same sandbox still does a plain write + read round trip).
 */
export function compareScenario(
  file: string,
  index: number,
  node: NodeRun,
  sandbox: SandboxScenario,
  health: () => string,
): ScenarioResult {
  const name = node.names[index]!
  const nodeTranscript = node.transcripts[index]!
  const diff = firstDifference(nodeTranscript, sandbox.transcript)
  const result: ScenarioResult = {
    file,
    scenario: name,
    id: `${file}#${name}`,
    same: diff === undefined,
    nodeProblems: nodeProblemsOf(nodeTranscript),
    node: nodeTranscript,
    sandbox: sandbox.transcript,
  }
  if (diff) {
    result.firstDifference = diff
    const missing = sandbox.missing.filter((m) => !node.missing[index]!.includes(m))
    if (missing.length) result.sandboxMissing = missing
    result.sandboxHealth = health()
  }
  return result
}

export async function runScenarioFile(path: string, options: RunOptions = {}): Promise<FileResult> {
  const started = Date.now()
  const file = basename(path)
  const source = nodeFs.readFileSync(path, "utf8")
  const node = await runInNode(source)
  const problems = nodeFileProblems(node)

  const results: ScenarioResult[] = []
  let instance: SandboxInstance | undefined
  let loadError: string | undefined
  const fresh = async () => {
    instance?.dispose()
    instance = undefined
    try {
      const created = await SandboxInstance.create(source, file, options)
      instance = created.instance
      if (JSON.stringify(created.loaded.names) !== JSON.stringify(node.names)) {
        problems.push(`sandbox registered different scenarios: ${JSON.stringify(created.loaded.names)}`)
      }
      loadError = undefined
    } catch (e) {
      loadError = `sandbox could not load the file: ${String(e)}`
    }
  }
  await fresh()
  if (loadError) problems.push(loadError)

  for (let i = 0; i < node.names.length; i++) {
    let sandbox: SandboxScenario
    let broken = false
    if (!instance) {
      sandbox = { transcript: [["<sandbox>", "unavailable", loadError ?? "no instance"]], missing: [] }
    } else {
      try {
        sandbox = instance.runOne(i)
      } catch (e) {
        sandbox = { transcript: [["<sandbox>", "failed", String(e)]], missing: [] }
        broken = true
      }
    }
    const result = compareScenario(file, i, node, sandbox, () => (instance ? instance.health() : "no instance"))
    if (result.sandboxHealth !== undefined && result.sandboxHealth !== "ok") broken = true
    results.push(result)
    // A sandbox that failed a step or a health check is not trusted with the next scenario.
    if (broken) await fresh()
  }
  instance?.dispose()
  return { file, scenarios: results, problems, ms: Date.now() - started }
}

/** Scenario files in a directory, sorted. */
export function scenarioFiles(dir: string): string[] {
  return nodeFs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => join(dir, f))
}

function show(value: unknown): string {
  const s = JSON.stringify(value)
  return s.length > 600 ? `${s.slice(0, 600)}…` : s
}

/** A readable report of differing scenarios. */
export function formatDifferences(results: ScenarioResult[]): string {
  const lines: string[] = []
  for (const r of results) {
    if (r.same || !r.firstDifference) continue
    const d = r.firstDifference
    lines.push(`✗ ${r.id}`)
    lines.push(`    entry #${d.index} (${d.label})`)
    if (r.sandboxMissing?.length) lines.push(`    missing in the sandbox: ${r.sandboxMissing.join(", ")}`)
    lines.push(`    node:    ${show(d.node)}`)
    lines.push(`    sandbox: ${show(d.sandbox)}`)
    if (r.sandboxHealth && r.sandboxHealth !== "ok") lines.push(`    sandbox health afterwards: ${r.sandboxHealth}`)
  }
  return lines.join("\n")
}
