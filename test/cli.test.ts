import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { NODE_VERSION } from "../modules/internal/version.js"

const cli = join(__dirname, "../dist/cli.mjs")
const run = (args: string[], cwd = dir) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd })
// a directory of its own for a test's scripts (what the CLI copies in is the script's directory)
const fresh = (name: string) => {
  const d = join(dir, name)
  mkdirSync(d, { recursive: true })
  return d
}
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

  it("gives the guest WebAssembly with --wasm only, its child processes too", () => {
    const d = fresh("wasm")
    writeFileSync(
      join(d, "main.js"),
      `console.log(typeof WebAssembly, require('child_process').execFileSync(process.execPath, ['-p', 'typeof WebAssembly'], { encoding: 'utf8' }).trim())`,
    )
    expect(run(["run", "--wasm", join(d, "main.js")]).stdout).toBe("object object\n")
    expect(run(["run", join(d, "main.js")]).stdout).toBe("undefined undefined\n")
  })

  it("exposes Node's internal modules with --expose-internals only", () => {
    const d = fresh("internals")
    writeFileSync(
      join(d, "main.js"),
      `let r; try { r = typeof require('internal/errors').codes } catch (e) { r = e.code }
       console.log(r, JSON.stringify(process.execArgv))`,
    )
    expect(run(["run", "--expose-internals", join(d, "main.js")]).stdout).toBe('object ["--expose-internals"]\n')
    expect(run(["run", join(d, "main.js")]).stdout).toBe("MODULE_NOT_FOUND []\n")
  })

  it("documents itself and rejects unknown options", () => {
    expect(spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" }).stdout).toMatch(/^Usage: quickjs-wasmfs run/)
    const bad = spawnSync(process.execPath, [cli, "run", "--nope"], { encoding: "utf8" })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/unknown option --nope/)
  })

  it("takes options before the script and leaves everything after it to the script, as node does", () => {
    const d = fresh("argv")
    writeFileSync(join(d, "argv.js"), "console.log(JSON.stringify([process.argv.slice(2), process.env.K ?? null]))")
    const r = run(["run", "--env", "K=v", "--timeout", "5000", join(d, "argv.js"), "--env", "X=y", "--timeout", "1", "-v"])
    expect(r.stderr).toBe("")
    expect(JSON.parse(r.stdout)).toEqual([["--env", "X=y", "--timeout", "1", "-v"], "v"])
    expect(r.status).toBe(0)
    // --option=value, and -- before a script whose name starts with a dash
    writeFileSync(join(d, "-dash.js"), "console.log(process.env.K, process.argv.slice(2).join(' '))")
    const dashed = run(["run", "--env=K=a=b", "--", "-dash.js", "--", "x"], d)
    expect(dashed.stdout).toBe("a=b -- x\n")
    expect(dashed.status).toBe(0)
    // --timeout before the script is the CLI's: a busy loop is stopped
    writeFileSync(join(d, "spin.js"), "for (;;) {}")
    const spun = run(["run", "--timeout", "300", join(d, "spin.js")])
    expect(spun.status).toBe(1)
    expect(spun.stderr).toMatch(/InternalError: interrupted/)
  })

  it("runs the README's CLI examples as written", () => {
    const readme = readFileSync(join(__dirname, "../README.md"), "utf8")
    const section = readme.slice(readme.indexOf("\n## CLI\n"), readme.indexOf("\n## ", readme.indexOf("\n## CLI\n") + 1))
    const lines = /```sh\n([^]*?)```/.exec(section)![1]!.trim().split("\n")
    expect(lines.length).toBeGreaterThanOrEqual(3)
    const work = fresh("readme")
    mkdirSync(join(work, "project"), { recursive: true })
    writeFileSync(join(work, "app.js"), "console.log(process.argv.slice(2).join(' '), process.env.KEY)")
    writeFileSync(join(work, "project", "main.mjs"), "import fs from 'node:fs'; console.log(fs.readdirSync('/app').join(','))")
    const outputs = lines.map((line) => {
      expect(line).toMatch(/^npx quickjs-wasmfs /)
      const r = run(line.replace(/^npx quickjs-wasmfs /, "").split(/\s+/), work)
      expect(r.stderr).toBe("")
      expect(r.status).toBe(0)
      return r.stdout
    })
    expect(outputs).toContain("arg1 arg2 value\n")
    expect(outputs).toContain("main.mjs\n")
  })

  it("reports a missing script or a usage error in one line with a non-zero exit code", () => {
    const cases: [string[], number, RegExp][] = [
      [["run", join(dir, "missing.js")], 1, /^quickjs-wasmfs: cannot find .*missing\.js: no such file\n$/],
      [["run", "--mount", `${dir}:/app`, "/app/missing.mjs"], 1, /^quickjs-wasmfs: cannot find \/app\/missing\.mjs: no such file\n$/],
      [
        ["run", "--mount", `${dir}:/app`, "/elsewhere/x.js"],
        1,
        /^quickjs-wasmfs: cannot find \/elsewhere\/x\.js: not a host file nor a path inside a --mount\n$/,
      ],
      [["run"], 2, /^quickjs-wasmfs: run needs a file \(quickjs-wasmfs --help shows the usage\)\n$/],
      [["run", "--timeout", "soon", "x.js"], 2, /^quickjs-wasmfs: --timeout takes a positive number, not 'soon' .*\n$/],
      [["run", "--memory-limit", "-1", "x.js"], 2, /^quickjs-wasmfs: --memory-limit takes a positive number, not '-1' .*\n$/],
      [["run", "--env", "NOVALUE", "x.js"], 2, /^quickjs-wasmfs: --env takes K=V, not 'NOVALUE' .*\n$/],
      [["run", "--cwd"], 2, /^quickjs-wasmfs: --cwd needs a value .*\n$/],
      [["run", "-x", "x.js"], 2, /^quickjs-wasmfs: unknown option -x .*\n$/],
      [["run", "--mount", "nocolon", "x.js"], 2, /^quickjs-wasmfs: --mount takes hostDir:guestDir\[:ro\] .*\n$/],
      [["frobnicate"], 2, /^quickjs-wasmfs: unknown command 'frobnicate' .*\n$/],
    ]
    for (const [args, status, stderr] of cases) {
      const r = run(args)
      expect({ args, status: r.status, stdout: r.stdout }).toEqual({ args, status, stdout: "" })
      expect(r.stderr).toMatch(stderr)
    }
  })

  it("prints its version, which the guest's process.version agrees with", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../package.json"), "utf8")) as { version: string }
    for (const flag of ["--version", "-v"]) {
      const r = run([flag])
      expect(r.status).toBe(0)
      expect(r.stdout).toBe(`quickjs-wasmfs ${pkg.version} (Node.js v${NODE_VERSION} API, QuickJS 2025-04-26)\n`)
    }
    expect(NODE_VERSION).toBe("20.19.2")
    const d = fresh("version")
    writeFileSync(
      join(d, "version.js"),
      "console.log(process.version, process.versions.node, process.versions.uv, process.versions.modules)",
    )
    expect(run(["run", join(d, "version.js")]).stdout).toBe(`v${NODE_VERSION} ${NODE_VERSION} 1.46.0 115\n`)
  })

  it("documents in --help every option it takes", () => {
    const help = run(["--help"]).stdout
    expect(help).toMatch(/^Usage: quickjs-wasmfs run \[options\] <file> \[args\.\.\.\]\n/)
    expect(help).toContain(`Node.js v${NODE_VERSION}`)
    const options = [...help.slice(0, help.indexOf("compat runs")).matchAll(/^ {2}(-\w, )?(--[\w-]*)/gm)].map((m) => m[2])
    expect(options).toEqual([
      "--mount",
      "--cwd",
      "--env",
      "--memory-limit",
      "--storage-limit",
      "--timeout",
      "--wasm",
      "--expose-internals",
      "--compile-cache",
      "--no-compile-cache",
      "--",
      "--version",
      "--help",
    ])
    // each documented option is accepted before a script
    const d = fresh("options")
    writeFileSync(join(d, "ok.js"), "console.log(process.cwd(), process.env.A)")
    const r = run([
      "run",
      "--mount",
      `${d}:/w`,
      "--cwd",
      "/w",
      "--env",
      "A=1",
      "--memory-limit",
      "64",
      "--storage-limit",
      "32",
      "--timeout",
      "5000",
      "--wasm",
      "--expose-internals",
      "--compile-cache",
      join(d, "cache"),
      "--no-compile-cache",
      "--",
      "/w/ok.js",
    ])
    expect(r.stderr).toBe("")
    expect(r.stdout).toBe("/w 1\n")
  })
})

describe("quickjs-wasmfs CLI: the main module's format, as Node decides it", () => {
  // Node 20.19 reads the format from the real path (bin links), the package's "type" for any
  // extension, and module syntax in packages without "type"; the same project in both.
  it("runs bin links, extensionless files and typeless modules as node does", () => {
    const project = fresh("main-format")
    mkdirSync(join(project, "pkg/bin"), { recursive: true })
    mkdirSync(join(project, "node_modules/.bin"), { recursive: true })
    writeFileSync(join(project, "pkg/package.json"), '{"type":"module","name":"pkg"}')
    writeFileSync(
      join(project, "pkg/bin/tool"),
      "#!/usr/bin/env node\nimport path from 'node:path';\n" +
        "console.log('tool', typeof require, path.basename(import.meta.filename), process.argv[1].endsWith('.bin/tool'));\n",
    )
    symlinkSync("../../pkg/bin/tool", join(project, "node_modules/.bin/tool"))
    writeFileSync(
      join(project, "typeless.js"),
      "export const x = 1;\nconsole.log('typeless', typeof require, import.meta.url.slice(-12));\n",
    )
    writeFileSync(join(project, "tla.js"), "const v = await Promise.resolve('top-level await');\nconsole.log(v);\n")
    writeFileSync(join(project, "plain.js"), "console.log('commonjs', typeof require, __filename.slice(-8));\n")
    for (const main of ["node_modules/.bin/tool", "pkg/bin/tool", "typeless.js", "tla.js", "plain.js"]) {
      const node = spawnSync(process.execPath, [main], { encoding: "utf8", cwd: project })
      const sandbox = run(["run", "--mount", `${project}:/project`, "--cwd", "/project", main], project)
      expect(node.status, `${main}: ${node.stderr}`).toBe(0)
      expect({ out: sandbox.stdout, status: sandbox.status }, main).toEqual({ out: node.stdout, status: 0 })
    }
  })
})
