// Real npm packages (pinned devDependencies) in the sandbox: each script in
// test/compat/packages runs through the compat harness in real Node and in a fresh sandbox, with
// the package and its dependencies copied into node_modules. A script must print the same and
// exit the same in both, unless test/compat/packages/expectations.json lists it (with the
// reason); a listed script that passes must be taken off the list. README.md's table of these
// results is the harness's --md output (node scripts/compat-table.mjs regenerates it).
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { formatMarkdown, formatResult, listScripts, runCompat, type CompatReport } from "../runtime/compat/compat"

const dir = join(__dirname, "compat/packages")
const expectFile = join(dir, "expectations.json")
const expectations = JSON.parse(readFileSync(expectFile, "utf8")) as Record<string, string>
let report: CompatReport

beforeAll(async () => {
  report = await runCompat({ inputs: [dir], expect: expectFile, jobs: 2, timeout: 60_000 })
}, 300_000)

describe("real packages in the sandbox match Node", () => {
  const scripts = listScripts([dir]).map((f) => f.slice(dir.length + 1))
  for (const script of scripts) {
    it(script, () => {
      const r = report.results.find((x) => x.file.endsWith(`/${script}`))!
      expect(r.status, `fails in Node:\n${r.node.stderr}`).not.toMatch(/both-fail|node-fail/)
      expect(r.node.stdout.split("\n").length).toBeGreaterThan(3)
      if (expectations[script] !== undefined) {
        expect(r.status, `${script} passes now: remove it from expectations.json`).toBe("sandbox-fail")
      } else if (r.status !== "pass") {
        expect.fail(formatResult(r))
      }
    })
  }

  it("every package in the issue's list is exercised", () => {
    const used = new Set(report.results.flatMap((r) => r.requires))
    for (const name of [
      "fs-extra",
      "graceful-fs",
      "glob",
      "mkdirp",
      "rimraf",
      "jsonfile",
      "js-yaml",
      "semver",
      "minimist",
      "yargs-parser",
      "lodash",
      "uuid",
      "debug",
      "ms",
    ]) {
      expect(used, name).toContain(name)
    }
  })

  it("the expectations name existing scripts", () => {
    expect(Object.keys(expectations).filter((k) => !scripts.includes(k))).toEqual([])
  })

  it("README.md carries the harness's table", () => {
    const readme = readFileSync(join(__dirname, "../README.md"), "utf8")
    const table = /<!-- compat-packages:start -->\n([\s\S]*?)<!-- compat-packages:end -->/.exec(readme)?.[1]
    expect(table, "regenerate it: node scripts/compat-table.mjs").toBe(formatMarkdown(report))
  })
})
