// Differential test of package "imports" (#name) and "exports": the entries of
// test/fixtures/packages-project print one line per specifier (result or error code and message)
// and must print the same in real Node and in the sandbox, under require() and under import.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"
import { readTree } from "./guest"

const fixture = join(__dirname, "fixtures/packages-project")

async function runInSandbox(entry: string) {
  let stdout = ""
  const sandbox = await createSandbox({ files: readTree(fixture, "/proj"), cwd: "/proj", stdout: (t) => (stdout += t), stderr: () => {} })
  try {
    const result = await sandbox.runFile(`/proj/${entry}`)
    return { exitCode: result.exitCode, stdout }
  } finally {
    sandbox.dispose()
  }
}

describe("package imports and exports", () => {
  for (const entry of ["cjs.js", "esm.mjs"]) {
    it(`resolve as in Node: ${entry}`, async () => {
      const node = spawnSync(process.execPath, [entry], { cwd: fixture, encoding: "utf8" })
      expect(node.status).toBe(0)
      expect(node.stdout.split("\n").length).toBeGreaterThan(50)
      const sandbox = await runInSandbox(entry)
      expect(sandbox).toEqual({ exitCode: 0, stdout: node.stdout })
    })
  }
})
