// Differential fs suite: every scenario in test/fs-scenarios/scenarios/*.js runs in real Node
// and in the sandbox (test/fs-scenarios/runner.ts), and their transcripts must agree — except
// for the scenarios listed (with a reason) in test/fs-scenarios/known-differences.json. That
// list must be exact: a listed scenario that now matches fails too, so the list can only shrink
// as the sandbox catches up.
//
// QJSW_COMPAT_REPORT=/path/report.json writes every result (both transcripts) to a file.
import { readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { formatDifferences, runScenarioFile, scenarioFiles, type ScenarioResult } from "./fs-scenarios/runner"

const here = join(__dirname, "fs-scenarios")
const known = JSON.parse(readFileSync(join(here, "known-differences.json"), "utf8")) as Record<string, string>
const files = scenarioFiles(join(here, "scenarios"))
const results: ScenarioResult[] = []
const ran = new Set<string>()
const started = Date.now()

function listed(r: ScenarioResult) {
  return Object.prototype.hasOwnProperty.call(known, r.id)
}

describe("node:fs in the sandbox matches Node 20", () => {
  for (const path of files) {
    it(
      basename(path),
      async () => {
        const file = await runScenarioFile(path)
        results.push(...file.scenarios)
        ran.add(file.file)

        const failures: string[] = [...file.problems.map((p) => `${file.file}: ${p}`)]
        for (const s of file.scenarios) {
          if (s.nodeProblems.length) failures.push(`${s.id} is broken in real Node: ${s.nodeProblems.join("; ")}`)
        }
        const unexpected = file.scenarios.filter((s) => !s.same && !listed(s))
        if (unexpected.length) {
          failures.push(`differs from Node but is not in known-differences.json:\n${formatDifferences(unexpected)}`)
        }
        const nowMatching = file.scenarios.filter((s) => s.same && listed(s))
        if (nowMatching.length) {
          failures.push(`now matches Node; remove from known-differences.json:\n${nowMatching.map((s) => `  ${s.id}`).join("\n")}`)
        }
        if (failures.length) expect.fail(failures.join("\n"))
      },
      600_000,
    )
  }

  it("known-differences.json lists exactly the differing scenarios", () => {
    const allRan = files.every((f) => ran.has(basename(f)))
    if (!allRan) return // a filtered run (-t) cannot judge the whole list
    const differing = new Set(results.filter((r) => !r.same).map((r) => r.id))
    const unlisted = [...differing].filter((id) => !Object.prototype.hasOwnProperty.call(known, id))
    const stale = Object.keys(known).filter((id) => !differing.has(id))
    const lines: string[] = []
    const noReason = Object.keys(known).filter((id) => typeof known[id] !== "string" || !known[id]!.trim())
    if (noReason.length) lines.push(`Listed without a reason: ${noReason.join(", ")}`)
    if (unlisted.length) {
      lines.push("Differ but are not listed:")
      lines.push(formatDifferences(results.filter((r) => unlisted.includes(r.id))))
    }
    if (stale.length) {
      lines.push("Listed but do not differ (fixed, renamed or removed):")
      for (const id of stale) lines.push(`  ${id}`)
    }
    if (lines.length) expect.fail(lines.join("\n"))
  })
})

afterAll(() => {
  if (!results.length) return
  const differing = results.filter((r) => !r.same)
  const broken = differing.filter((r) => r.sandboxHealth && r.sandboxHealth !== "ok")
  console.log(
    `fs compat: ${ran.size} files, ${results.length} scenarios, ${results.length - differing.length} match Node, ` +
      `${differing.length} differ (${differing.filter(listed).length} known), ` +
      `${broken.length} left the sandbox unusable; ${((Date.now() - started) / 1000).toFixed(1)}s`,
  )
  const report = process.env.QJSW_COMPAT_REPORT
  if (report) writeFileSync(report, JSON.stringify(results, null, 1))
})
