// The host API's values as Node gives them: sandbox.fs's Stats and Dirents against Node's own
// for the same host files (mounted), readdirSync's encodings, RunResult.error as an Error, and
// mountHostDirectories with the record form the README shows. (Their static types:
// test/sandbox-api.types.ts, checked by `tsc --noEmit`.)
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSandbox, mountHostDirectories, newQuickJSWASMModuleWithWasmFS, type Sandbox } from "../runtime/index"

const host = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), "qjsw-api-values-")))
let sandbox: Sandbox

beforeAll(async () => {
  fs.mkdirSync(join(host, "sub"))
  fs.writeFileSync(join(host, "a.txt"), "alpha")
  fs.writeFileSync(join(host, "é ü.txt"), "accents")
  fs.symlinkSync("a.txt", join(host, "link"))
  // a time with a sub-millisecond part, to see the Dates rounded as Node rounds them
  fs.utimesSync(join(host, "a.txt"), 1_700_000_000.2375, 1_600_000_000.7125)
  sandbox = await createSandbox({ mounts: { "/h": host }, stdout: () => {}, stderr: () => {} })
})

afterAll(() => {
  sandbox?.dispose()
  fs.rmSync(host, { recursive: true, force: true })
})

const TYPE_CHECKS = ["isFile", "isDirectory", "isSymbolicLink", "isFIFO", "isSocket", "isCharacterDevice", "isBlockDevice"] as const

describe("sandbox.fs values, against Node's for the same files", () => {
  it("statSync/lstatSync give Node's Stats: fields in Node's order, Dates, type checks", () => {
    for (const [name, stat] of [
      ["a.txt", "statSync"],
      ["sub", "statSync"],
      ["link", "lstatSync"],
      ["link", "statSync"],
    ] as const) {
      const ours = sandbox.fs[stat](`/h/${name}`)
      const node = fs[stat](join(host, name))
      expect(Object.keys(ours), name).toEqual(Object.keys(node))
      for (const t of ["atime", "mtime", "ctime", "birthtime"] as const) {
        expect(ours[t], `${name} ${t}`).toBeInstanceOf(Date)
        expect(typeof ours[`${t}Ms`]).toBe("number")
        // the Date is the *Ms time rounded to the millisecond, as Node's
        expect(ours[t].getTime()).toBe(Math.round(ours[`${t}Ms`]))
      }
      // (uid and gid: the guest is root, README's Permissions; nlink of a directory: WasmFS says 1)
      for (const f of ["mode", "size"] as const) expect(ours[f], `${name} ${f}`).toBe(node[f])
      expect([ours.uid, ours.gid]).toEqual([0, 0])
      for (const check of TYPE_CHECKS) expect(ours[check](), `${name} ${check}`).toBe(node[check]())
    }
    const ours = sandbox.fs.statSync("/h/a.txt")
    const node = fs.statSync(join(host, "a.txt"))
    expect(ours.mtimeMs).toBeCloseTo(node.mtimeMs, 3)
    expect(ours.mtime).toEqual(node.mtime)
    expect(ours.atime).toEqual(node.atime)
  })

  it("a file the guest wrote has Dates of now", async () => {
    const before = Date.now()
    await sandbox.run("require('fs').writeFileSync('/fresh.txt', 'x')")
    const st = sandbox.fs.statSync("/fresh.txt")
    expect(st.mtime).toBeInstanceOf(Date)
    expect(st.mtime.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(st.mtime.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    expect(st.isFile()).toBe(true)
  })

  it("readdirSync withFileTypes gives Node's Dirents", () => {
    const ours = sandbox.fs.readdirSync("/h", { withFileTypes: true })
    const node = fs.readdirSync(host, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    expect(ours.map((d) => d.name)).toEqual(node.map((d) => d.name))
    ours.forEach((d, i) => {
      expect(Object.keys(d)).toEqual(Object.keys(node[i]))
      expect([d.parentPath, d.path]).toEqual(["/h", "/h"])
      for (const check of TYPE_CHECKS) expect(d[check](), `${d.name} ${check}`).toBe(node[i][check]())
    })
  })

  it("readdirSync's encodings: strings, Buffers, or names re-encoded as Node does", () => {
    const sorted = <T extends string | Buffer>(names: T[]) => [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    expect(sandbox.fs.readdirSync("/h")).toEqual(sorted(fs.readdirSync(host)))
    expect(sandbox.fs.readdirSync("/h", "utf8")).toEqual(sorted(fs.readdirSync(host, "utf8")))
    const buffers = sandbox.fs.readdirSync("/h", "buffer")
    expect(buffers.every((b) => Buffer.isBuffer(b))).toBe(true)
    expect(buffers).toEqual(sorted(fs.readdirSync(host, "buffer")))
    expect(sandbox.fs.readdirSync("/h", { encoding: "buffer" })).toEqual(buffers)
    expect(sandbox.fs.readdirSync("/h", "hex").sort()).toEqual(fs.readdirSync(host, "hex").sort())
    expect(sandbox.fs.readdirSync("/h", { encoding: "latin1" }).sort()).toEqual(fs.readdirSync(host, { encoding: "latin1" }).sort())
    const direntBuffers = sandbox.fs.readdirSync("/h", { withFileTypes: true, encoding: "buffer" })
    expect(direntBuffers.map((d) => d.name)).toEqual(buffers)
    expect(direntBuffers.map((d) => d.isDirectory())).toEqual(buffers.map((b) => b.toString() === "sub"))
    expect(() => sandbox.fs.readdirSync("/h/missing")).toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "scandir", path: "/h/missing" }),
    )
  })
})

describe("RunResult.error", () => {
  async function errorOf(code: string) {
    const r = await sandbox.run(code, { filename: "/err.js" })
    expect(r.exitCode).toBe(1)
    return r.error!
  }

  it("is a host Error of the guest error's class, with its message, fields and guest stack", async () => {
    const type = await errorOf("null.x")
    expect(type).toBeInstanceOf(TypeError)
    expect(type.name).toBe("TypeError")
    expect(type.message).toBe("Cannot read properties of null (reading 'x')")
    expect(type.stack).toMatch(/^TypeError: Cannot read properties of null \(reading 'x'\)\n {4}at .*\/err\.js:1/)

    const missing = (await errorOf("require('fs').readFileSync('/nope')")) as Error & Record<string, unknown>
    expect(missing).toBeInstanceOf(Error)
    expect(missing).toMatchObject({ code: "ENOENT", errno: -2, syscall: "open", path: "/nope" })
    expect(missing.message).toBe("ENOENT: no such file or directory, open '/nope'")

    const custom = await errorOf(
      "class MyError extends Error { constructor() { super('mine'); this.name = 'MyError'; this.extra = 7 } }; throw new MyError()",
    )
    expect(custom).toBeInstanceOf(Error)
    expect([custom.name, custom.message, (custom as Error & { extra?: number }).extra]).toEqual(["MyError", "mine", 7])
    expect(String(custom)).toBe("MyError: mine")
  })

  it("keeps a hostile guest's fields as plain data: no prototype swap, no host setter run", async () => {
    const err = (await errorOf(
      "const e = new Error('x');" +
        "Object.defineProperty(e, '__proto__', { value: { polluted: 1 }, enumerable: true });" +
        "Object.defineProperty(e, 'constructor', { value: 'c', enumerable: true });" +
        "throw e",
    )) as Error & Record<string, unknown>
    expect(err).toBeInstanceOf(Error)
    expect(Object.getPrototypeOf(err)).toBe(Error.prototype)
    expect(err.polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it("is an Error whose cause is the value, when the guest threw something else", async () => {
    for (const [code, value, text] of [
      ["throw 42", 42, "42"],
      ["throw 'text'", "text", "text"],
      ["throw null", null, "null"],
      ["throw { a: 1 }", { a: 1 }, '{"a":1}'],
    ] as const) {
      const err = await errorOf(code)
      expect(err, code).toBeInstanceOf(Error)
      expect(err.message, code).toBe(`Uncaught ${text}`)
      expect(err.cause, code).toEqual(value)
    }
  })
})

describe("mountHostDirectories", () => {
  it("takes the record form guest path -> host path, as createSandbox's mounts", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    mountHostDirectories(module, { "/app": host })
    const ctx = module.newContext()
    try {
      const result = ctx.evalCode(`import fs from 'node:fs'; export const text = fs.readFileSync('/app/a.txt', 'utf8');`, "/main.mjs", {
        type: "module",
      })
      expect(ctx.unwrapResult(result).consume((h) => ctx.dump(h))).toEqual({ text: "alpha" })
    } finally {
      ctx.dispose()
    }
  })

  it("refuses what is neither form with a TypeError", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    for (const bad of [null, "/app", 42]) {
      expect(() => mountHostDirectories(module, bad as never)).toThrow(TypeError)
    }
  })
})
