// The compat harness tests itself: scripts in test/compat/harness that pass, fail only in the
// sandbox, fail in both, and miss a mustCall must each be reported as such, with the exit codes
// of both worlds; the CLI writes its JSON and Markdown reports and exits by the expectations.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { bareSpecifiers, compareFile, type CompatReport } from "../runtime/compat/compat"

const dir = join(__dirname, "compat/harness")
const cli = join(__dirname, "../dist/cli.mjs")
const out = mkdtempSync(join(tmpdir(), "qjsw-compat-test-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe("compat harness", () => {
  it("reports a file that passes in both worlds", async () => {
    const r = await compareFile(join(dir, "pass.js"))
    expect(r.node.stderr).toBe("")
    expect(r.status).toBe("pass")
    expect([r.node.exitCode, r.sandbox.exitCode]).toEqual([0, 0])
    expect(r.sandbox.stdout).toBe(r.node.stdout)
    expect(r.node.stdout).toMatch(/^read back hello$/m)
    expect(r.node.stdout).toMatch(/^tmpdir is inside the run: true$/m)
  })

  it("reports a file that fails only in the sandbox, with the first differing line", async () => {
    const r = await compareFile(join(dir, "sandbox-only.js"))
    expect(r.status).toBe("sandbox-fail")
    expect([r.node.exitCode, r.sandbox.exitCode]).toEqual([0, 1])
    expect(r.stdoutDifference).toEqual({ stream: "stdout", line: 1, node: "42", sandbox: "" })
    expect(r.sandbox.stderr).toMatch(/child_process/)
  })

  it("reports a file that fails in both", async () => {
    const r = await compareFile(join(dir, "both-fail.js"))
    expect(r.status).toBe("both-fail")
    expect([r.node.exitCode, r.sandbox.exitCode]).toEqual([1, 1])
    expect(r.node.stdout).toBe("before\n")
    expect(r.sandbox.stdout).toBe("before\n")
    for (const w of [r.node, r.sandbox]) expect(w.stderr).toMatch(/AssertionError/)
  })

  it("fails a run whose mustCall functions were not called as declared, at exit, in both worlds", async () => {
    const r = await compareFile(join(dir, "missing-mustcall.js"))
    expect(r.status).toBe("both-fail")
    expect([r.node.exitCode, r.sandbox.exitCode]).toEqual([1, 1])
    for (const w of [r.node, r.sandbox]) {
      expect(w.stdout).toBe("main script done\n")
      expect(w.stderr).toMatch(/^Mismatched neverCalled function calls\. Expected 1, actual 0\.$/m)
      expect(w.stderr).toMatch(/^Mismatched <anonymous> function calls\. Expected 2, actual 1\.$/m)
      expect(w.stderr).toMatch(/missing-mustcall\.js:5$/m)
    }
  })

  for (const name of ["hang.js", "spin.js"]) {
    it(`stops a run that does not end, in both worlds: ${name}`, async () => {
      const started = Date.now()
      const r = await compareFile(join(__dirname, "compat/harness-timeout", name), { timeout: 1500 })
      expect(Date.now() - started).toBeLessThan(15_000)
      expect(r.status).toBe("both-fail")
      expect([r.node.timedOut, r.sandbox.timedOut]).toEqual([true, true])
      expect([r.node.stdout, r.sandbox.stdout]).toEqual(["started\n", "started\n"])
    }, 30_000)
  }

  it("finds the packages a script names", () => {
    expect(
      bareSpecifiers(`require('fs'); require("lodash/fp"); import x from '@scope/pkg/sub'; import('./local'); require('node:path')`),
    ).toEqual(["lodash", "@scope/pkg"])
  })

  it("CLI: summary, reports, and the exit code follows the expectations", () => {
    const json = join(out, "r.json")
    const md = join(out, "r.md")
    const listed = spawnSync(
      process.execPath,
      [cli, "compat", dir, "--expect", join(dir, "expectations.json"), "--json", json, "--md", md],
      {
        encoding: "utf8",
      },
    )
    expect(listed.stderr).toBe("")
    expect(listed.status).toBe(0)
    expect(listed.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed")
    expect(listed.stdout).toMatch(/^FAIL \(sandbox only\) \(expected\)  .*sandbox-only\.js$/m)
    const report = JSON.parse(readFileSync(json, "utf8")) as CompatReport
    expect(report.results.map((r) => [r.file.split("/").at(-1), r.status])).toEqual([
      ["both-fail.js", "both-fail"],
      ["missing-mustcall.js", "both-fail"],
      ["pass.js", "pass"],
      ["sandbox-only.js", "sandbox-fail"],
    ])
    expect(report).toMatchObject({ passed: 1, failed: 1, expectedFailures: 1, nodeFailures: 2, unexpected: [], stale: [] })
    expect(readFileSync(md, "utf8")).toMatch(/\| .*sandbox-only\.js \| exit 0 \| exit 1 \| FAIL \(sandbox only\) \(known\) \|/)

    const unlisted = spawnSync(process.execPath, [cli, "compat", dir, "--quiet"], { encoding: "utf8" })
    expect(unlisted.status).toBe(1)
    expect(unlisted.stdout).not.toMatch(/^pass /m)
    expect(unlisted.stdout).toMatch(/unexpected failures: .*sandbox-only\.js/)

    const filtered = spawnSync(process.execPath, [cli, "compat", dir, "--filter", "pass"], { encoding: "utf8" })
    expect(filtered.status).toBe(0)
    expect(filtered.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed")
  })

  it("--browser: the sandbox world runs in Chromium, in memory and on /opfs, and reports the same way", () => {
    const json = join(out, "browser.json")
    const r = spawnSync(process.execPath, [cli, "compat", "--browser", dir, "--expect", join(dir, "expectations.json"), "--json", json], {
      encoding: "utf8",
    })
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    const report = JSON.parse(readFileSync(json, "utf8")) as CompatReport
    expect(report.results.map((x) => [x.file.split("/").at(-1), x.status, x.sandbox.exitCode, x.opfs?.exitCode])).toEqual([
      ["both-fail.js", "both-fail", 1, 1],
      ["missing-mustcall.js", "both-fail", 1, 1],
      ["pass.js", "pass", 0, 0],
      ["sandbox-only.js", "sandbox-fail", 1, 1],
    ])
    const pass = report.results.find((x) => x.file.endsWith("pass.js"))!
    expect(pass.sandbox.stdout).toBe(pass.node.stdout)
    expect(pass.opfs!.stdout).toBe(pass.node.stdout)
  }, 120_000)
})
