// Issue 13, item 11: one permission model, Linux's rules for the uid the sandbox reports (0),
// the same in memory, on mounts and on /opfs. The rules themselves are the differential
// scenarios of test/fs-scenarios/scenarios/permissions.js, which the fs scenario suites also
// run in memory, mounted and (in Chromium) on /opfs against Node; here they must match Node
// outright, with no known difference allowed, and the reported identity must be root's
// everywhere.
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { createSandbox } from "../../runtime/index"
import { formatDifferences, runScenarioFile } from "../fs-scenarios/runner"

const scenarios = join(__dirname, "../fs-scenarios/scenarios/permissions.js")
// Node is the reference only when it runs with root's rules too (CI and the dev machines do).
const asRoot = process.getuid?.() === 0
const base = fs.mkdtempSync(join(tmpdir(), "qjsw-perms-"))

afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

describe("the permission model is root's (issue 13, item 11)", () => {
  for (const mounted of [false, true]) {
    it.skipIf(!asRoot)(`mode bits never deny root ${mounted ? "on a mount" : "in memory"}, as in Node`, async () => {
      const file = await runScenarioFile(scenarios, { mounted })
      expect(file.problems).toEqual([])
      expect(file.scenarios.length).toBeGreaterThanOrEqual(8)
      const differing = file.scenarios.filter((s) => !s.same)
      if (differing.length) expect.fail(formatDifferences(differing))
    })
  }

  it("the sandbox reports uid and gid 0, and its files are root's", async () => {
    const host = fs.mkdtempSync(join(base, "m-"))
    let out = ""
    const sandbox = await createSandbox({ mounts: { "/m": host }, stdout: (t) => (out += t) })
    try {
      const r = await sandbox.run(
        `const fs = require('fs'), os = require('os');
         fs.writeFileSync('/tmp/f', 'x');
         fs.writeFileSync('/m/f', 'x');
         const { uid, gid, username, homedir } = os.userInfo();
         const owner = (p) => { const s = fs.statSync(p); return [s.uid, s.gid]; };
         console.log(JSON.stringify({
           ids: [process.getuid(), process.geteuid(), process.getgid(), process.getegid()],
           groups: process.getgroups(),
           user: { uid, gid, username, homedir },
           memory: owner('/tmp/f'),
           mounted: owner('/m/f'),
           chown: (() => { fs.chownSync('/tmp/f', 0, 0); return owner('/tmp/f'); })(),
         }));`,
        { filename: "/main.js" },
      )
      expect(r.exitCode).toBe(0)
      const seen = JSON.parse(out)
      expect(seen.ids).toEqual([0, 0, 0, 0])
      expect(seen.groups).toEqual([0])
      expect(seen.user).toEqual({ uid: 0, gid: 0, username: "root", homedir: "/root" })
      // every file is root's, whoever owns a mounted one on the host
      expect(seen.memory).toEqual([0, 0])
      expect(seen.mounted).toEqual([0, 0])
      expect(seen.chown).toEqual([0, 0])
    } finally {
      await sandbox.dispose()
    }
  })

  // Root may now change /dev (it was read-only by mode before): what a run does to it must not
  // redirect the next run's standard streams.
  it("a guest that rewrites /dev cannot take the next run's stdio", async () => {
    let out = ""
    let err = ""
    const sandbox = await createSandbox({ stdout: (t) => (out += t), stderr: (t) => (err += t) })
    try {
      const first = await sandbox.run(
        `const fs = require('fs');
         fs.writeFileSync('/tmp/trap', '');
         fs.unlinkSync('/dev/stdout');
         fs.writeFileSync('/dev/stdout', 'planted');
         fs.unlinkSync('/dev/stderr');
         fs.symlinkSync('/tmp/trap', '/dev/stderr');
         fs.rmSync('/dev/fd', { recursive: true });
         fs.writeFileSync('/dev/fd', 'not a directory');
         fs.writeFileSync('/dev/extra', 'x');`,
        { filename: "/first.js" },
      )
      expect(first.exitCode).toBe(0)
      out = ""
      err = ""
      const second = await sandbox.run(
        `const fs = require('fs');
         console.log('one');
         fs.writeFileSync('/dev/stdout', 'two\\n');
         fs.writeFileSync('/dev/fd/1', 'three\\n');
         fs.writeFileSync('/dev/stderr', 'four\\n');
         console.error('five');
         fs.writeFileSync('/dev/fd/2', 'six\\n');`,
        { filename: "/second.js" },
      )
      expect(second.exitCode).toBe(0)
      expect(out).toBe("one\ntwo\nthree\n")
      expect(err).toBe("four\nfive\nsix\n")
      expect(sandbox.fs.readFileSync("/tmp/trap", "utf8")).toBe("")
    } finally {
      await sandbox.dispose()
    }
  })
})
