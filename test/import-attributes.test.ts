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

describe("import attributes: the specifier mark", () => {
  it("a guest that writes the rewrite's mark into a specifier gets a failed import, nothing else", async () => {
    // the rewrite carries attributes as \uE000<json>\uE000 before the specifier: a guest can write
    // that too, malformed or with a __proto__ key, and must get an ordinary rejection
    let stdout = ""
    const code = `
      for (const s of ['\\uE000bad\\uE000x', '\\uE000', '\\uE000%5B1%5D\\uE000y', '\\uE000%7B%22__proto__%22%3A%7B%22x%22%3A1%7D%7D\\uE000./z.js']) {
        try { await import(s); console.log('imported') } catch (e) { console.log(e instanceof Error) }
      }
      console.log(Object.prototype.x === undefined)`
    const sandbox = await createSandbox({ files: { "/main.mjs": code }, stdout: (t) => (stdout += t) })
    const result = await sandbox.runFile("/main.mjs")
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("true\ntrue\ntrue\ntrue\ntrue\n")
  })
})
