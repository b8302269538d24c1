import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const cli = join(__dirname, "../dist/cli.mjs")
const dir = mkdtempSync(join(tmpdir(), "qjsw-cli-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("quickjs-wasmfs CLI", () => {
  it("runs a script with its directory, args and env, and exits with its code", () => {
    writeFileSync(join(dir, "msg.txt"), "hello from a file\n")
    writeFileSync(
      join(dir, "app.js"),
      `console.log(process.argv.slice(2).join(' '), process.env.WHO);
       console.error(require('fs').readFileSync(__dirname + '/msg.txt', 'utf8').trim());
       process.exitCode = 3;`,
    )
    const r = spawnSync(process.execPath, [cli, "run", "--env", "WHO=guest", join(dir, "app.js"), "x", "y"], {
      encoding: "utf8",
    })
    expect(r.stdout).toBe("x y guest\n")
    expect(r.stderr).toBe("hello from a file\n")
    expect(r.status).toBe(3)
  })

  it("runs a host file inside a --mount from its guest path, and refuses a directory too big to copy", () => {
    const project = join(dir, "project")
    mkdirSync(join(project, "lib"), { recursive: true })
    writeFileSync(join(project, "lib", "main.js"), "console.log(__filename, require('../data.json').n)")
    writeFileSync(join(project, "data.json"), '{ "n": 7 }')
    const r = spawnSync(process.execPath, [cli, "run", "--mount", `${project}:/app:ro`, join(project, "lib", "main.js")], {
      encoding: "utf8",
    })
    expect(r.stdout).toBe("/app/lib/main.js 7\n")
    expect(r.status).toBe(0)
    const big = join(dir, "big")
    mkdirSync(big)
    for (let i = 0; i < 20_001; i++) writeFileSync(join(big, `f${i}`), "")
    writeFileSync(join(big, "main.js"), "console.log('never')")
    const refused = spawnSync(process.execPath, [cli, "run", join(big, "main.js")], { encoding: "utf8" })
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/too big to copy in .*use --mount/)
  })

  it("documents itself and rejects unknown options", () => {
    expect(spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" }).stdout).toMatch(/^Usage: quickjs-wasmfs run/)
    const bad = spawnSync(process.execPath, [cli, "run", "--nope"], { encoding: "utf8" })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/unknown option --nope/)
  })
})
