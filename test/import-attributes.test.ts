// Differential test of import attributes (JSON modules) as Node 20 has them: every entry of
// test/fixtures/import-attributes runs in real Node and in the sandbox, with the same stdout and
// exit code; an entry that fails must fail with Node's error message.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"
import { readTree } from "./guest"

const fixture = join(__dirname, "fixtures/import-attributes")
const entries = ["static.mjs", "dynamic.mjs", "dynamic.cjs", "missing.mjs", "wrong-type.mjs", "unsupported.mjs"]

describe("import attributes", () => {
  for (const entry of entries) {
    it(`match Node: ${entry}`, async () => {
      const node = spawnSync(process.execPath, [entry], { cwd: fixture, encoding: "utf8" })
      let stdout = ""
      let stderr = ""
      const sandbox = await createSandbox({
        files: readTree(fixture, fixture),
        cwd: fixture,
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
      })
      const result = await sandbox.runFile(join(fixture, entry))
      sandbox.dispose()
      expect({ stdout, exitCode: result.exitCode }).toEqual({ stdout: node.stdout, exitCode: node.status })
      const thrown = /^TypeError \[ERR_\w+\]: (.*)$/m.exec(node.stderr)
      if (thrown) expect(stderr).toContain(`TypeError: ${thrown[1]}`)
      else expect(node.status).toBe(0)
    })
  }
})
