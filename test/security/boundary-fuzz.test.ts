// The seeded boundary fuzz (test/security/fuzz.mjs) with a small count, in a child process whose
// stdin is a pipe holding a secret and whose stdout must stay empty: everything a guest writes
// belongs to the sandbox's callbacks. `npm run fuzz` runs more programs.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const SCRIPT = join(__dirname, "fuzz.mjs")
const SEEDS = [1, 2, 3]
const COUNT = 12

describe("trust boundary fuzz", () => {
  it.each(SEEDS)(
    "seed %i: no program reaches the host, loads an internal or breaks the sandbox",
    (seed) => {
      const dir = mkdtempSync(join(tmpdir(), "qjsw-fuzz-report-"))
      try {
        const report = join(dir, "report.json")
        const child = spawnSync(process.execPath, [SCRIPT, "--seed", String(seed), "--count", String(COUNT), "--report", report], {
          input: "STDIN-SECRET-7f3a\n",
          encoding: "utf8",
          timeout: 120_000,
        })
        expect(child.stderr).not.toMatch(/GUEST-MARK-|STDIN-SECRET|Aborted|RuntimeError/)
        expect(child.stdout).toBe("")
        const { programs, failures } = JSON.parse(readFileSync(report, "utf8"))
        expect(programs).toBe(COUNT)
        expect(failures).toEqual([])
        expect(child.status).toBe(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    150_000,
  )
})
