// The differential fs suite (test/fs-scenarios) again, with the sandbox's root a host directory
// mounted into it (createSandbox's `mounts`) instead of WasmFS memory: the mount backend
// must behave as Node's fs on the same host. Scenarios that differ here but also differ in
// memory (known-differences.json) are not the mount's doing and are skipped over; those that
// differ only when mounted are listed with a reason in known-differences-mounted.json, and
// that list must be exact, as the in-memory one is.
import { readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { formatDifferences, runScenarioFile, scenarioFiles, type ScenarioResult } from "./fs-scenarios/runner"

const here = join(__dirname, "fs-scenarios")
const inMemory = JSON.parse(readFileSync(join(here, "known-differences.json"), "utf8")) as Record<string, string>
const known = JSON.parse(readFileSync(join(here, "known-differences-mounted.json"), "utf8")) as Record<string, string>
const files = scenarioFiles(join(here, "scenarios"))
const results: ScenarioResult[] = []
const ran = new Set<string>()

const has = (o: Record<string, string>, id: string) => Object.prototype.hasOwnProperty.call(o, id)

describe("node:fs on a mounted host directory matches Node 20", () => {
  for (const path of files) {
    it(
      basename(path),
      async () => {
        const file = await runScenarioFile(path, { mounted: true })
        results.push(...file.scenarios)
        ran.add(file.file)
        const failures: string[] = [...file.problems.map((p) => `${file.file}: ${p}`)]
        const mine = file.scenarios.filter((s) => !has(inMemory, s.id))
        const unexpected = mine.filter((s) => !s.same && !has(known, s.id))
        if (unexpected.length) {
          failures.push(`differs from Node but is not in known-differences-mounted.json:\n${formatDifferences(unexpected)}`)
        }
        const nowMatching = mine.filter((s) => s.same && has(known, s.id))
        if (nowMatching.length) {
          failures.push(`now matches Node; remove from known-differences-mounted.json:\n${nowMatching.map((s) => `  ${s.id}`).join("\n")}`)
        }
        if (failures.length) expect.fail(failures.join("\n"))
      },
      600_000,
    )
  }

  it("known-differences-mounted.json names only scenarios that exist", () => {
    if (!files.every((f) => ran.has(basename(f)))) return
    const ids = new Set(results.map((r) => r.id))
    const stale = Object.keys(known).filter((id) => !ids.has(id) || has(inMemory, id))
    expect(stale).toEqual([])
  })
})

afterAll(() => {
  if (!results.length) return
  const differing = results.filter((r) => !r.same)
  console.log(
    `fs compat (mounted): ${results.length} scenarios, ${results.length - differing.length} match Node, ` +
      `${differing.filter((r) => has(known, r.id)).length} differ only when mounted (listed), ` +
      `${differing.filter((r) => has(inMemory, r.id)).length} differ as in memory`,
  )
  // next to the in-memory suite's report, which the same variable names
  const report = process.env.QJSW_COMPAT_REPORT
  if (report) writeFileSync(report.replace(/(\.json)?$/, ".mounted.json"), JSON.stringify(results, null, 1))
})
