// The differential fs suite (test/fs-scenarios) again, with the sandbox in Chromium: a dedicated
// Worker from quickjs-wasmfs/browser (dist/browser.mjs) with `opfs: true`, the scenarios' root
// a fresh directory of the origin's real Origin Private File System (/opfs/compat/<file>).
// Each file runs as one program (runner.ts's sandboxProgram: the same harness and transcripts
// as the in-process suites) in a new sandbox, and OPFS is emptied after it. As in the mounted
// suite, scenarios that already differ in memory (known-differences.json) are skipped over;
// those that differ only on /opfs are listed with a reason in known-differences-opfs.json, and
// that list must be exact. A crash or a hang is never a known difference.
//
// QJSW_COMPAT_REPORT=/path/report.json writes every result to /path/report.opfs.json.
import { readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { htmlPage, launchChromium, serveRepo, type Chromium, type RepoServer } from "./browser-harness"
import {
  compareScenario,
  formatDifferences,
  nodeFileProblems,
  readSandboxProgramOutput,
  runInNode,
  sandboxProgram,
  scenarioFiles,
  type ScenarioResult,
} from "./fs-scenarios/runner"

const here = join(__dirname, "fs-scenarios")
const inMemory = JSON.parse(readFileSync(join(here, "known-differences.json"), "utf8")) as Record<string, string>
const known = JSON.parse(readFileSync(join(here, "known-differences-opfs.json"), "utf8")) as Record<string, string>
const files = scenarioFiles(join(here, "scenarios"))
const results: ScenarioResult[] = []
const ran = new Set<string>()
const started = Date.now()
// Wall-clock limit of one program (a file's remaining scenarios) in the browser.
const RUN_MS = Number(process.env.QJSW_COMPAT_OPFS_RUN_MS ?? 60_000)

const has = (o: Record<string, string>, id: string) => Object.prototype.hasOwnProperty.call(o, id)

// runProgram(): a new sandbox with OPFS, the program run in it, the sandbox disposed and the
// origin's OPFS emptied. Its stdout is kept in window.current as it comes, so what a run that
// never ends did is still there.
const PAGE = htmlPage(`
  import { createSandbox } from "/dist/browser.mjs"
  async function clearOpfs() {
    const root = await navigator.storage.getDirectory()
    const left = []
    for await (const name of root.keys()) {
      try { await root.removeEntry(name, { recursive: true }) } catch (e) { left.push(name + ": " + e.name) }
    }
    return left
  }
  window.clearOpfs = clearOpfs
  window.runProgram = async ({ program, filename }) => {
    const current = window.current = { stdout: "", stderr: "", warnings: [] }
    const sandbox = await createSandbox({
      opfs: true,
      stdout: (t) => { current.stdout += t },
      stderr: (t) => { current.stderr += t },
      onWarning: (m) => { current.warnings.push(m) },
    })
    current.opfs = sandbox.opfs
    try {
      current.result = await sandbox.run(program, { filename })
    } catch (e) {
      current.result = { thrown: String(e && e.message || e) }
    }
    try { await sandbox.dispose() } catch (e) { current.disposeError = String(e && e.message || e) }
    // what the guest wrote is in the origin's OPFS itself
    current.compatDirs = []
    try {
      const compat = await (await navigator.storage.getDirectory()).getDirectoryHandle("compat")
      for await (const name of compat.keys()) current.compatDirs.push(name)
    } catch (e) { current.compatDirs.push(e.name) }
    current.leftInOpfs = await clearOpfs()
    return current
  }
  window.ready = true
`)

interface Run {
  stdout: string
  stderr: string
  warnings: string[]
  opfs?: { backend: string; path: string; reason?: string }
  result?: { exitCode?: number; error?: unknown; thrown?: string }
  disposeError?: string
  /** the directories in OPFS's compat/ after the run */
  compatDirs?: string[]
  leftInOpfs?: string[]
  /** set here when the run did not end in time */
  timedOut?: boolean
}

let server: RepoServer
let chromium: Chromium
let page: Page | undefined

async function openPage(): Promise<Page> {
  if (!page) {
    page = await chromium.context.newPage()
    await page.goto(server.url)
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
  }
  return page
}

async function runInBrowser(program: string, filename: string): Promise<Run> {
  const tab = await openPage()
  let timer: NodeJS.Timeout | undefined
  const wall = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), RUN_MS)))
  try {
    const run = await Promise.race([
      tab.evaluate((a) => (window as unknown as { runProgram(a: unknown): Promise<Run> }).runProgram(a), { program, filename }),
      wall,
    ])
    if (run !== "timeout") return run
    // what it did so far; then the page (and its worker) goes, and OPFS is emptied from a new one
    const partial = await tab.evaluate(() => (window as unknown as { current: Run }).current)
    page = undefined
    await tab.close()
    const left = await (await openPage()).evaluate(() => (window as unknown as { clearOpfs(): Promise<string[]> }).clearOpfs())
    return { ...partial, leftInOpfs: left, timedOut: true }
  } finally {
    clearTimeout(timer)
  }
}

function describeRun(run: Run): string {
  const parts: string[] = []
  if (run.timedOut) parts.push(`no end after ${RUN_MS} ms`)
  if (run.result) parts.push(`result ${JSON.stringify(run.result)}`)
  if (run.stderr) parts.push(`stderr ${JSON.stringify(run.stderr.slice(-800))}`)
  return parts.join("; ")
}

beforeAll(async () => {
  server = await serveRepo({ "/": PAGE })
  chromium = await launchChromium()
}, 60_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe("node:fs on the browser's OPFS (/opfs) matches Node 20", () => {
  for (const path of files) {
    it(
      basename(path),
      async () => {
        const file = basename(path)
        const source = readFileSync(path, "utf8")
        const node = await runInNode(source)
        const failures = nodeFileProblems(node).map((p) => `${file}: ${p}`)
        const root = `/opfs/compat/${file}`
        const scenarios: ScenarioResult[] = []
        // One program for the whole file; after a scenario that crashed or hung the sandbox, a
        // new sandbox goes on with the next one.
        for (let from = 0; from < node.names.length;) {
          const run = await runInBrowser(sandboxProgram(source, root, from), `/qjsw-compat/${file}`)
          if (run.opfs?.backend !== "jspi") {
            expect.fail(`the sandbox did not get OPFS: ${JSON.stringify(run.opfs)} ${run.warnings.join("; ")}`)
          }
          if (!run.timedOut && !run.compatDirs?.includes(file)) {
            failures.push(`${file}: the scenarios' root is not in the origin's OPFS (compat/: ${JSON.stringify(run.compatDirs)})`)
          }
          if (run.leftInOpfs?.length) failures.push(`${file}: OPFS could not be emptied: ${run.leftInOpfs.join(", ")}`)
          if (run.disposeError) failures.push(`${file}: dispose failed: ${run.disposeError}`)
          const out = readSandboxProgramOutput(run.stdout)
          if (out.failed) failures.push(`${file}: the program failed: ${out.failed}`)
          if (out.done && run.result?.exitCode !== 0) failures.push(`${file}: the program ended badly: ${describeRun(run)}`)
          if (from === 0 && JSON.stringify(out.loaded?.names) !== JSON.stringify(node.names)) {
            failures.push(`${file}: sandbox registered different scenarios: ${JSON.stringify(out.loaded?.names)}`)
          }
          let i = from
          for (; i < node.names.length && out.runs.has(i); i++) {
            const r = out.runs.get(i)!
            scenarios.push(compareScenario(file, i, node, r, () => r.health))
          }
          if (i >= node.names.length) break
          const broken = { transcript: [["<sandbox>", "failed", describeRun(run) || "ended early"]], missing: [] }
          scenarios.push(compareScenario(file, i, node, broken, () => "sandbox gone"))
          from = i + 1
        }
        results.push(...scenarios)
        ran.add(file)

        const mine = scenarios.filter((s) => !has(inMemory, s.id))
        const unexpected = mine.filter((s) => !s.same && !has(known, s.id))
        if (unexpected.length) {
          failures.push(`differs from Node but is not in known-differences-opfs.json:\n${formatDifferences(unexpected)}`)
        }
        const nowMatching = mine.filter((s) => s.same && has(known, s.id))
        if (nowMatching.length) {
          failures.push(`now matches Node; remove from known-differences-opfs.json:\n${nowMatching.map((s) => `  ${s.id}`).join("\n")}`)
        }
        // a crash, a hang or a broken sandbox is a bug to fix, whatever the list says
        const broken = scenarios.filter(
          (s) =>
            (s.sandboxHealth !== undefined && s.sandboxHealth !== "ok") ||
            s.sandbox.some(
              ([label, kind]) =>
                label === "<sandbox>" || kind === "stalled" || kind === "never settled" || kind === "callback never called",
            ),
        )
        const brokenOnlyHere = broken.filter((s) => !has(inMemory, s.id))
        if (brokenOnlyHere.length) failures.push(`crashed, hung or broke the sandbox on /opfs:\n${formatDifferences(brokenOnlyHere)}`)
        if (failures.length) expect.fail(failures.join("\n"))
      },
      300_000,
    )
  }

  // What OPFS itself refuses, which no scenario reaches in full: Node's errnos, not EIO.
  it("what OPFS refuses gets Node's errnos: a name it cannot hold, offsets and sizes beyond it", async () => {
    const program = `const fs = require('fs');
      const code = (f) => { try { f(); return 'ok'; } catch (e) { return e.code; } };
      const d = '/opfs/refusals', bad = d + '/back\\\\slash';
      fs.mkdirSync(d);
      fs.writeFileSync(d + '/f', 'x');
      fs.mkdirSync(d + '/sub');
      const out = {
        create: code(() => fs.writeFileSync(bad, 'x')),
        mkdir: code(() => fs.mkdirSync(bad)),
        renameFile: code(() => fs.renameSync(d + '/f', bad)),
        renameDir: code(() => fs.renameSync(d + '/sub', bad)),
      };
      const fd = fs.openSync(d + '/f', 'r+');
      // 2 ** 53 is no offset for Node (not a safe integer): the byte goes to the current position
      out.writeUnsafePosition = code(() => fs.writeSync(fd, Buffer.from('y'), 0, 1, 2 ** 53));
      out.writeOverQuota = code(() => fs.writeSync(fd, Buffer.from('y'), 0, 1, 2 ** 45));
      out.truncateOverQuota = code(() => fs.ftruncateSync(fd, 2 ** 45));
      out.size = fs.fstatSync(fd).size;
      out.content = fs.readFileSync(d + '/f', 'utf8');
      fs.closeSync(fd);
      // a later turn: the directory's listing no longer vouches for absent names, OPFS is asked
      setTimeout(() => {
        out.statLater = code(() => fs.statSync(bad));
        out.unlinkLater = code(() => fs.unlinkSync(bad));
        out.left = fs.readdirSync(d).sort();
        process.stdout.write(JSON.stringify(out));
      }, 1);`
    const run = await runInBrowser(program, "/refusals.js")
    expect(run.opfs?.backend).toBe("jspi")
    expect(run.result).toEqual({ exitCode: 0 })
    expect(JSON.parse(run.stdout)).toEqual({
      create: "EINVAL",
      mkdir: "EINVAL",
      renameFile: "EINVAL",
      renameDir: "EINVAL",
      writeUnsafePosition: "ok",
      writeOverQuota: "ENOSPC",
      truncateOverQuota: "ENOSPC",
      size: 1,
      content: "y",
      statLater: "ENOENT",
      unlinkLater: "ENOENT",
      left: ["f", "sub"],
    })
  }, 60_000)

  it("known-differences-opfs.json names only scenarios that exist, each with a reason", () => {
    if (!files.every((f) => ran.has(basename(f)))) return // a filtered run (-t) cannot judge the whole list
    const ids = new Set(results.map((r) => r.id))
    const stale = Object.keys(known).filter((id) => !ids.has(id) || has(inMemory, id))
    const noReason = Object.keys(known).filter((id) => typeof known[id] !== "string" || !known[id]!.trim())
    expect({ stale, noReason }).toEqual({ stale: [], noReason: [] })
  })
})

afterAll(() => {
  if (!results.length) return
  const differing = results.filter((r) => !r.same)
  console.log(
    `fs compat (opfs): ${results.length} scenarios, ${results.length - differing.length} match Node, ` +
      `${differing.filter((r) => has(known, r.id)).length} differ only on /opfs (listed), ` +
      `${differing.filter((r) => has(inMemory, r.id)).length} differ as in memory; ${((Date.now() - started) / 1000).toFixed(1)}s`,
  )
  const report = process.env.QJSW_COMPAT_REPORT
  if (report) writeFileSync(report.replace(/(\.json)?$/, ".opfs.json"), JSON.stringify(results, null, 1))
})
