// An uncaught error as real Node reports it and as the sandbox (the CLI) does: the source
// excerpt above it (file:line, the line, the caret) and the file:line:column of the stack's
// frames in the script must be the same; the footer names the version the sandbox implements.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { NODE_VERSION } from "../modules/internal/version.js"

const cli = join(__dirname, "../dist/cli.mjs")
const dir = mkdtempSync(join(tmpdir(), "qjsw-uncaught-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function both(name: string, source: string) {
  const file = join(dir, name)
  writeFileSync(file, source)
  const node = spawnSync(process.execPath, [file], { encoding: "utf8", cwd: dir })
  const sandbox = spawnSync(process.execPath, [cli, "run", file], { encoding: "utf8", cwd: dir })
  return { node, sandbox }
}

// The excerpt: everything before the first blank line (for an Error, the three lines above it).
const excerpt = (stderr: string) => stderr.replace(/^\n/, "").split("\n\n")[0]

// file:line:column of each stack frame in this test's scripts, file URLs as paths.
function framesInScripts(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => /((?:file:\/\/)?\/[^\s()]+):(\d+):(\d+)\)?$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]!.startsWith("file:") ? fileURLToPath(m[1]!) : m[1]}:${m[2]}:${m[3]}`)
    .filter((where) => where.startsWith(dir))
}

const footer = `\nNode.js v${NODE_VERSION}\n`

describe("uncaught errors: positions as Node reports them", () => {
  const cases: [string, string, string][] = [
    ["a throw on line 1", "line1.js", 'throw new Error("boom")\n'],
    ["line 3, column 21", "line3.js", "let a = 1\nlet b = 2\nconst x = 1;   null.foo\n"],
    [
      "a nested function",
      "nested.js",
      'function outer() {\n  function inner() {\n    throw new TypeError("deep")\n  }\n  inner()\n}\nouter()\n',
    ],
    ["an ES module", "module.mjs", 'const a = 1\nthrow new Error("esm")\n'],
    ["a method call and a property", "calls.js", "const o = { f() { return null.x } }\n\n  o.f()\n"],
    ["an error made on one line, thrown on another", "rethrow.js", 'const e = new Error("early")\n\n  throw e\n'],
    ["a timer callback", "timer.js", "setTimeout(() => {\n  null.x\n}, 1)\n"],
    ["an async function's rejection", "async.js", 'async function f() {\n  await 1\n  throw new Error("async")\n}\nf()\n'],
    ["a finally clause", "finally.js", "try { null.x } finally { 1 }\n"],
    ["tabs before the column", "tabs.js", "\tif (1) {\n\t\tnull.x }\n"],
  ]
  for (const [what, name, source] of cases) {
    it(what, () => {
      const { node, sandbox } = both(name, source)
      expect(node.status).toBe(1)
      expect(sandbox.status).toBe(1)
      expect(excerpt(sandbox.stderr)).toBe(excerpt(node.stderr))
      expect(excerpt(node.stderr)).toMatch(new RegExp(`^(file://)?${dir}/${name.replace(".", "\\.")}:\\d+\n.*\n\\s*\\^\n?$`))
      const frames = framesInScripts(node.stderr)
      expect(frames.length).toBeGreaterThan(0)
      expect(framesInScripts(sandbox.stderr)).toEqual(frames)
      expect(sandbox.stderr.endsWith(footer)).toBe(true)
    })
  }

  it("a SyntaxError", () => {
    const { node, sandbox } = both("syntax.js", "const a = 1\nlet = = 2\n")
    expect(sandbox.status).toBe(1)
    expect(excerpt(node.stderr)).toBe(`${dir}/syntax.js:2\nlet = = 2\n      ^`)
    expect(excerpt(sandbox.stderr)).toBe(excerpt(node.stderr))
    expect(sandbox.stderr).toMatch(/\nSyntaxError: /)
    expect(sandbox.stderr.endsWith(footer)).toBe(true)
  })

  it("a thrown non-error, as Node prints it", () => {
    const { node, sandbox } = both("number.js", "\n   throw 1\n")
    const version = (text: string) => text.replace(/Node\.js v[\d.]+\n$/, "Node.js v*\n")
    expect(node.stderr).toContain("(Use `node --trace-uncaught ...` to show where the exception was thrown)")
    expect(version(sandbox.stderr)).toBe(version(node.stderr))
    expect(sandbox.stderr.endsWith(footer)).toBe(true)
  })

  // Node has no CPU budget of its own: the sandbox's interrupt names the line of the loop it
  // stopped, in the stack and in the excerpt.
  it("a timeout interrupt on line 2", () => {
    const file = join(dir, "spin.js")
    writeFileSync(file, "let i = 0\nwhile (true) { i++ }\n")
    const r = spawnSync(process.execPath, [cli, "run", "--timeout", "300", file], { encoding: "utf8" })
    expect(r.status).toBe(1)
    expect(excerpt(r.stderr)).toMatch(new RegExp(`^${file}:2\nwhile \\(true\\) \\{ i\\+\\+ \\}\n\\s*\\^$`))
    expect(r.stderr).toMatch(/\nInternalError: interrupted\n/)
    expect(framesInScripts(r.stderr)[0]).toMatch(new RegExp(`^${file}:2:\\d+$`))
    expect(r.stderr.endsWith(footer)).toBe(true)
  })
})
