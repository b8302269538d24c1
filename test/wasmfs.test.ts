// Issue 14 §1: the usage the project was specified with, as written, in Node: a module from
// newQuickJSWASMModuleWithWasmFS(), `new WasmFS(QuickJS.module)`, `await wasmfs.mount()`, and
// `require('fs')` + `console` in a plain context of that module. The browser half (a worker on
// /opfs) is in test/wasmfs-browser.test.ts.
import * as nodeFs from "node:fs"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { QuickJSContext } from "quickjs-emscripten-core"
import { afterAll, afterEach, describe, expect, it, vi } from "vitest"
import { createSandbox, evalCodeAsync, newQuickJSWASMModuleWithWasmFS, WasmFS, type SandboxChange } from "../runtime/index"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const tmp = mkdtempSync(join(tmpdir(), "qjsw-wasmfs-"))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

// What the guest's console wrote to the host's stdout/stderr while `run` ran (the default output).
async function captured(run: () => unknown | Promise<unknown>): Promise<{ out: string; err: string }> {
  let out = ""
  let err = ""
  const o = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((c: string | Uint8Array) => ((out += typeof c === "string" ? c : Buffer.from(c).toString()), true))
  const e = vi
    .spyOn(process.stderr, "write")
    .mockImplementation((c: string | Uint8Array) => ((err += typeof c === "string" ? c : Buffer.from(c).toString()), true))
  try {
    await run()
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
  return { out, err }
}

function evalOk(context: QuickJSContext, code: string): unknown {
  const r = context.evalCode(code)
  if (r.error) {
    const e = r.error.consume((h) => context.dump(h))
    throw new Error(`guest threw ${e?.name}: ${e?.message}\n${e?.stack}`)
  }
  return r.value.consume((h) => context.dump(h))
}

describe("the specified usage", () => {
  it("runs as written (Node: /opfs is an in-memory directory, with a warning)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    const { out } = await captured(async () => {
      // --- the specification's example, verbatim ---
      const QuickJS = await newQuickJSWASMModuleWithWasmFS()
      const wasmfs = new WasmFS(QuickJS.module)
      await wasmfs.mount() // WasmFSOptions: { mountPoint?: string } (default "/opfs")
      // (the file the example reads, made through the host view)
      wasmfs.mkdir("/opfs/project", { recursive: true })
      wasmfs.writeFile("/opfs/project/package.json", '{ "name": "demo" }\n')
      const context = QuickJS.newContext()
      context.evalCode(`
        const fs = require('fs');
        const content = fs.readFileSync('/opfs/project/package.json', 'utf-8');
        console.log(content);
      `)
      // ---
      context.dispose()
      wasmfs.dispose()
    })
    expect(out).toBe('{ "name": "demo" }\n\n')
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      "quickjs-wasmfs: /opfs is an in-memory directory, not OPFS: this context has no Origin Private File System (navigator.storage.getDirectory)",
    ])
    warn.mockRestore()
  })

  it("gives a context Node's globals as `node -e` has them, and the builtins through require", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { env: { GREETING: "hi" } } })
    const context = QuickJS.newContext()
    const seen = evalOk(
      context,
      `({
      require: typeof require, module: typeof module, exports: module.exports === exports,
      filename: __filename, dirname: __dirname, resolved: require.resolve('fs'),
      process: typeof process, env: process.env.GREETING, buffer: Buffer.from('hi').toString('hex'),
      timers: [typeof setTimeout, typeof setImmediate, typeof queueMicrotask],
      path: require('node:path').posix.join('/a', '../b'), util: require('util').format('%d', 7),
      events: typeof require('events').EventEmitter,
    })`,
    )
    expect(seen).toEqual({
      require: "function",
      module: "object",
      exports: true,
      filename: "[eval]",
      dirname: ".",
      resolved: "fs",
      process: "object",
      env: "hi",
      buffer: "6869",
      timers: ["function", "function", "function"],
      path: "/b",
      util: "7",
      events: "function",
    })
    context.dispose()
  })

  it("requires the tree's CommonJS files relative to the working directory, as node -e does", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    wasmfs.mkdir("/node_modules/dep", { recursive: true })
    wasmfs.writeFile("/node_modules/dep/index.js", "module.exports = (x) => x * 2")
    wasmfs.writeFile("/lib.js", "exports.name = 'lib'")
    const context = QuickJS.newContext()
    expect(evalOk(context, "[require('dep')(21), require('./lib').name]")).toEqual([42, "lib"])
    context.dispose()
    wasmfs.dispose()
  })

  it("leaves contexts bare with nodeGlobals: false, as the stock variant makes them", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: false })
    const context = QuickJS.newContext()
    expect(evalOk(context, "[typeof require, typeof console, typeof process, typeof setTimeout]")).toEqual([
      "undefined",
      "undefined",
      "undefined",
      "undefined",
    ])
    context.dispose()
  })

  it("keeps the core's promise jobs the embedder's: nothing runs them behind its back", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const context = QuickJS.newContext()
    evalOk(context, "globalThis.order = []; Promise.resolve().then(() => order.push('job')); process.nextTick(() => order.push('tick')); 0")
    await sleep(20)
    expect(evalOk(context, "order")).toEqual([])
    expect(context.runtime.executePendingJobs().unwrap()).toBe(2)
    expect(evalOk(context, "order")).toEqual(["job", "tick"])
    context.dispose()
  })

  it("runs timers and immediates on the host's timers, each callback followed by its promise jobs", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const context = QuickJS.newContext()
    evalOk(
      context,
      `globalThis.order = [];
      setTimeout(() => { order.push('t2'); }, 150);
      setTimeout(() => { order.push('t1'); Promise.resolve().then(() => order.push('t1 job')); setImmediate(() => order.push('imm from t1')); }, 5);
      const i = setInterval(() => { order.push('iv'); if (order.filter((x) => x === 'iv').length === 2) clearInterval(i); }, 40);
      0`,
    )
    for (let n = 0; n < 100 && !(evalOk(context, "order") as string[]).includes("t2"); n++) await sleep(20)
    const order = evalOk(context, "order") as string[]
    expect(order.slice(0, 3)).toEqual(["t1", "t1 job", "imm from t1"])
    expect(order.filter((x) => x === "iv")).toEqual(["iv", "iv"])
    expect(order).toContain("t2")
    expect(order.indexOf("t2")).toBeGreaterThan(order.indexOf("iv"))
    context.dispose()
  })

  it("prints an error a timer callback throws as Node does, and goes on", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const context = QuickJS.newContext()
    const { err } = await captured(async () => {
      evalOk(context, "setTimeout(() => { throw new TypeError('boom') }, 1); setTimeout(() => { globalThis.after = true }, 5); 0")
      await sleep(40)
    })
    expect(err).toMatch(/^TypeError: boom\n    at /)
    expect(err).toContain("\nNode.js v20")
    expect(evalOk(context, "globalThis.after")).toBe(true)
    context.dispose()
  })

  it("stops a context's timers when it is disposed", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    const context = QuickJS.newContext()
    evalOk(context, "setTimeout(() => require('fs').writeFileSync('/late', 'x'), 20); setInterval(() => {}, 1); 0")
    context.dispose()
    await sleep(50)
    expect(wasmfs.exists("/late")).toBe(false)
    // the module is fine: a new context works
    const again = QuickJS.newContext()
    expect(evalOk(again, "1 + 1")).toBe(2)
    again.dispose()
    wasmfs.dispose()
  })

  it("sends console output to the module's callbacks when given", async () => {
    let out = ""
    let err = ""
    const QuickJS = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { stdout: (t) => (out += t), stderr: (t) => (err += t) } })
    const context = QuickJS.newContext()
    evalOk(context, "console.log('to out', 1); console.error('to err'); process.stdout.write('raw'); require('fs').writeSync(1, 'fd1'); 0")
    expect(out).toBe("to out 1\nrawfd1")
    expect(err).toBe("to err\n")
    context.dispose()
  })

  it("evalCodeAsync evaluates as evalCode does where no mount makes the guest wait", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const context = QuickJS.newContext()
    const r = await evalCodeAsync(context, "require('path').basename('/a/b.txt')")
    expect(context.dump(context.unwrapResult(r))).toBe("b.txt")
    const bad = await evalCodeAsync(context, "null.x")
    expect(bad.error && context.dump(bad.error).name).toBe("TypeError")
    bad.dispose()
    context.dispose()
  })

  it("keeps the internals out of a context's reach", async () => {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const context = QuickJS.newContext()
    evalOk(
      context,
      `globalThis.results = [];
      for (const id of ['qjsw:binding/fs', 'qjsw:internal/sandbox', 'qjsw:node-context', 'qjsw:wasmfs'])
        import(id).then(() => results.push('LEAKED ' + id), () => results.push('refused'));
      try { require('qjsw:binding/fs'); results.push('LEAKED require') } catch { results.push('refused') }
      0`,
    )
    context.runtime.executePendingJobs()
    expect(evalOk(context, "results")).toEqual(["refused", "refused", "refused", "refused", "refused"])
    expect(evalOk(context, "typeof __qjswHost")).toBe("undefined")
    context.dispose()
  })
})

describe("WasmFS, the host's view of the tree", () => {
  let QuickJS: Awaited<ReturnType<typeof newQuickJSWASMModuleWithWasmFS>>
  let wasmfs: WasmFS
  afterEach(() => wasmfs?.dispose())

  async function fresh() {
    QuickJS = await newQuickJSWASMModuleWithWasmFS()
    wasmfs = new WasmFS(QuickJS.module)
  }

  it("reads and writes the tree guest code sees", async () => {
    await fresh()
    wasmfs.mkdir("/app/src", { recursive: true })
    wasmfs.writeFile("/app/src/a.txt", "from host")
    wasmfs.writeFile("/app/bytes", new Uint8Array([0, 1, 255]))
    const context = QuickJS.newContext()
    expect(
      evalOk(
        context,
        `const fs = require('fs');
      fs.writeFileSync('/app/src/b.txt', 'from guest');
      [fs.readFileSync('/app/src/a.txt', 'utf8'), [...fs.readFileSync('/app/bytes')]]`,
      ),
    ).toEqual(["from host", [0, 1, 255]])
    context.dispose()
    expect(wasmfs.readFile("/app/src/b.txt", "utf8")).toBe("from guest")
    expect(wasmfs.readFile("/app/src/b.txt")).toBeInstanceOf(Uint8Array)
    expect([...wasmfs.readFile("/app/bytes")]).toEqual([0, 1, 255])
    expect(wasmfs.readdir("/app/src")).toEqual(["a.txt", "b.txt"])
    expect(wasmfs.readdir("/app", { withFileTypes: true }).map((d) => [d.name, d.isDirectory()])).toEqual([
      ["bytes", false],
      ["src", true],
    ])
    const st = wasmfs.stat("/app/src/a.txt")!
    expect([st.isFile(), st.isDirectory(), st.size, st.mtime instanceof Date]).toEqual([true, false, 9, true])
    expect(wasmfs.stat("/app")!.isDirectory()).toBe(true)
    expect(wasmfs.stat("/missing")).toBeNull()
    expect(wasmfs.stat("/app/src/a.txt/below")).toBeNull()
    expect(wasmfs.exists("/app/src/a.txt")).toBe(true)
    wasmfs.rename("/app/src/a.txt", "/app/a.txt")
    expect(wasmfs.exists("/app/src/a.txt")).toBe(false)
    wasmfs.unlink("/app/a.txt")
    wasmfs.symlink("/app/bytes", "/app/link")
    expect([wasmfs.readlink("/app/link"), wasmfs.lstat("/app/link")!.isSymbolicLink(), wasmfs.stat("/app/link")!.isFile()]).toEqual([
      "/app/bytes",
      true,
      true,
    ])
    wasmfs.mkdir("/app/empty")
    wasmfs.rmdir("/app/empty")
    wasmfs.rm("/app", { recursive: true })
    expect(wasmfs.exists("/app")).toBe(false)
  })

  it("fails with Node's errors (code, errno, syscall, path, message), compared with real Node", async () => {
    await fresh()
    const real = mkdtempSync(join(tmp, "errors-"))
    const setup = (fs: { mkdirSync(p: string): unknown; writeFileSync(p: string, d: string): void }, root: string) => {
      fs.mkdirSync(`${root}/dir`)
      fs.writeFileSync(`${root}/dir/file`, "x")
      fs.mkdirSync(`${root}/full`)
      fs.writeFileSync(`${root}/full/f`, "x")
    }
    wasmfs.mkdir("/t")
    setup({ mkdirSync: (p) => wasmfs.mkdir(p), writeFileSync: (p, d) => wasmfs.writeFile(p, d) }, "/t")
    setup(nodeFs, real)
    type Case = [string, (root: string) => void, (root: string) => void]
    const cases: Case[] = [
      ["readFile missing", (r) => wasmfs.readFile(`${r}/nope`), (r) => nodeFs.readFileSync(`${r}/nope`)],
      ["readFile directory", (r) => wasmfs.readFile(`${r}/dir`), (r) => nodeFs.readFileSync(`${r}/dir`)],
      ["writeFile no parent", (r) => wasmfs.writeFile(`${r}/no/f`, "x"), (r) => nodeFs.writeFileSync(`${r}/no/f`, "x")],
      ["readdir file", (r) => wasmfs.readdir(`${r}/dir/file`), (r) => nodeFs.readdirSync(`${r}/dir/file`)],
      ["mkdir exists", (r) => wasmfs.mkdir(`${r}/dir`), (r) => nodeFs.mkdirSync(`${r}/dir`)],
      ["unlink directory", (r) => wasmfs.unlink(`${r}/dir`), (r) => nodeFs.unlinkSync(`${r}/dir`)],
      ["rmdir not empty", (r) => wasmfs.rmdir(`${r}/full`), (r) => nodeFs.rmdirSync(`${r}/full`)],
      ["rmdir file", (r) => wasmfs.rmdir(`${r}/dir/file`), (r) => nodeFs.rmdirSync(`${r}/dir/file`)],
      ["rename missing", (r) => wasmfs.rename(`${r}/nope`, `${r}/x`), (r) => nodeFs.renameSync(`${r}/nope`, `${r}/x`)],
      ["rm directory", (r) => wasmfs.rm(`${r}/dir`), (r) => nodeFs.rmSync(`${r}/dir`)],
      ["rm missing", (r) => wasmfs.rm(`${r}/nope`), (r) => nodeFs.rmSync(`${r}/nope`)],
    ]
    const shape = (run: () => void, root: string) => {
      try {
        run()
        return "no error"
      } catch (e) {
        const { code, errno, syscall, path, dest, message } = e as NodeJS.ErrnoException & { dest?: string }
        const strip = (s: unknown) => (typeof s === "string" ? s.split(root).join("<root>") : s)
        return { code, errno, syscall, path: strip(path), dest: strip(dest), message: strip(message) }
      }
    }
    for (const [name, ours, node] of cases) {
      expect(
        shape(() => ours("/t"), "/t"),
        name,
      ).toEqual(shape(() => node(real), real))
    }
    expect(wasmfs.exists("/t/nope")).toBe(false)
    wasmfs.rm("/t/nope", { force: true })
  })

  it("watch() hears guest writes, its own writes, and other processes' changes in a mounted host directory", async () => {
    await fresh()
    const dir = mkdtempSync(join(tmp, "watched-"))
    await wasmfs.mount({ mountPoint: "/host", hostPath: dir })
    wasmfs.mkdir("/mem")
    const heard: SandboxChange[] = []
    const watchers = [wasmfs.watch("/mem", (c) => heard.push(c)), wasmfs.watch("/host", (c) => heard.push(c))]
    const context = QuickJS.newContext()
    evalOk(context, "require('fs').writeFileSync('/mem/by-guest', 'x'); 0")
    expect(heard).toEqual([
      { type: "create", path: "/mem/by-guest" },
      { type: "change", path: "/mem/by-guest" },
    ])
    heard.length = 0
    wasmfs.writeFile("/mem/by-host", "y")
    expect(heard).toEqual([
      { type: "create", path: "/mem/by-host" },
      { type: "change", path: "/mem/by-host" },
    ])
    heard.length = 0
    // a timer's write is heard when its callback has run
    evalOk(context, "setTimeout(() => require('fs').renameSync('/mem/by-host', '/mem/moved'), 5); 0")
    await sleep(40)
    expect(heard).toEqual([{ type: "rename", path: "/mem/moved", oldPath: "/mem/by-host" }])
    heard.length = 0
    await sleep(50)
    nodeFs.writeFileSync(join(dir, "from-outside"), "z")
    for (let i = 0; i < 100 && !heard.some((c) => c.path === "/host/from-outside"); i++) await sleep(20)
    expect(heard.some((c) => c.path === "/host/from-outside")).toBe(true)
    for (const w of watchers) w.close()
    context.dispose()
  })

  it("mounts a host directory (Node) and unmounts it as umount does", async () => {
    await fresh()
    const dir = mkdtempSync(join(tmp, "mount-"))
    nodeFs.writeFileSync(join(dir, "on-host.txt"), "host file")
    expect(await wasmfs.mount({ mountPoint: "/project", hostPath: dir })).toEqual({ mountPoint: "/project", backend: "host" })
    expect(wasmfs.mounts).toEqual([{ mountPoint: "/project", backend: "host" }])
    const context = QuickJS.newContext()
    expect(
      evalOk(
        context,
        `const fs = require('fs');
      fs.writeFileSync('/project/by-guest.txt', 'guest');
      fs.readFileSync('/project/on-host.txt', 'utf8')`,
      ),
    ).toBe("host file")
    expect(nodeFs.readFileSync(join(dir, "by-guest.txt"), "utf8")).toBe("guest")
    await expect(wasmfs.mount({ mountPoint: "/project", hostPath: dir })).rejects.toMatchObject({ code: "EBUSY" })
    // the working directory inside the mount keeps it busy
    evalOk(context, "process.chdir('/project'); 0")
    await expect(wasmfs.unmount("/project")).rejects.toMatchObject({ code: "EBUSY", syscall: "umount", path: "/project" })
    evalOk(context, "process.chdir('/'); 0")
    await wasmfs.unmount("/project")
    expect(wasmfs.mounts).toEqual([])
    expect(evalOk(context, "require('fs').existsSync('/project/on-host.txt')")).toBe(false)
    expect(wasmfs.exists("/project")).toBe(false)
    await expect(wasmfs.unmount("/project")).rejects.toMatchObject({ code: "EINVAL", errno: -22 })
    // the host directory is as the guest left it
    expect(nodeFs.readdirSync(dir).sort()).toEqual(["by-guest.txt", "on-host.txt"])
    context.dispose()
  })

  it("works over a module sandboxes share, and refuses anything that is not such a module", async () => {
    await fresh()
    const sandbox = await createSandbox({ module: QuickJS, stdout: () => {} })
    await sandbox.run("require('fs').writeFileSync('/from-sandbox', 'S')")
    expect(wasmfs.readFile("/from-sandbox", "utf8")).toBe("S")
    expect(new WasmFS(sandbox.module).exists("/from-sandbox")).toBe(true)
    sandbox.dispose()
    expect(() => new WasmFS({} as never)).toThrow(/needs `QuickJS.module`/)
  })

  it("refuses calls after dispose()", async () => {
    await fresh()
    wasmfs.dispose()
    expect(() => wasmfs.exists("/")).toThrow(/disposed/)
  })
})
