// The compat corpus: Node-core-style scripts in test/compat/corpus (using require('../common'),
// tmpdir and fixtures) run through the compat harness in real Node and in a fresh sandbox. Each
// must exit 0 in Node and give the same exit code and stdout in the sandbox, unless
// test/compat/corpus/expectations.json lists it with the reason; a listed script that passes
// must be taken off the list.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { formatResult, listScripts, runCompat, type CompatReport } from "../runtime/compat/compat"

const dir = join(__dirname, "compat/corpus")
const expectFile = join(dir, "expectations.json")
const expectations = JSON.parse(readFileSync(expectFile, "utf8")) as Record<string, string>
let report: CompatReport

beforeAll(async () => {
  report = await runCompat({ inputs: [dir], expect: expectFile, jobs: 2, timeout: 60_000 })
}, 600_000)

describe("compat corpus: the sandbox matches Node", () => {
  const scripts = listScripts([dir]).map((f) => f.slice(dir.length + 1))
  for (const script of scripts) {
    it(script, () => {
      const r = report.results.find((x) => x.file.endsWith(`/${script}`))!
      expect(r.status, `fails in Node:\n${r.node.stdout}\n${r.node.stderr}`).not.toMatch(/both-fail|node-fail/)
      if (expectations[script] !== undefined) {
        expect(r.status, `${script} passes now: remove it from expectations.json`).toBe("sandbox-fail")
      } else if (r.status !== "pass") {
        expect.fail(formatResult(r))
      }
    })
  }

  it("the expectations name existing scripts", () => {
    expect(Object.keys(expectations).filter((k) => !scripts.includes(k))).toEqual([])
  })
})
