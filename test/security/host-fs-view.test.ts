// Issue 13 item 5: sandbox.fs (and fsCall) are served by the native layer through bindings the
// host captured at boot: whatever the guest patched (its fs module, prototypes, globals), the
// host reads the tree's real contents, in the documented types, promptly, with Node's errors.
import * as nodeFs from "node:fs"
import { describe, expect, it } from "vitest"
import { createSandbox, type Sandbox } from "../../runtime/index"

// Everything a guest can patch that a JS-level host view would go through; several patches
// loop forever, so a host call that reached them would hang or be interrupted.
const HOSTILE = `
const fs = require('fs');
const markFd = fs.openSync('/data/patched', 'w');
const mark = fs.writeSync;
globalThis.__qjswHost = new Proxy({}, { get: () => { for (;;) {} } });
const loop = () => { for (;;) {} };
fs.readFileSync = () => Buffer.from('FORGED');
fs.existsSync = () => 'yes';
fs.statSync = fs.lstatSync = () => ({ size: 'huge', mode: 'x', isFile: () => 'sure' });
fs.readdirSync = () => ['forged'];
fs.writeFileSync = fs.appendFileSync = () => {};
fs.mkdirSync = fs.rmSync = fs.unlinkSync = fs.renameSync = loop;
fs.readlinkSync = () => '/forged';
Object.defineProperty(fs, 'readFileSync', { get: loop, configurable: true });
const trap = { get: loop, set: loop, configurable: true };
for (const key of ['0', '1', '2', 'length', 'error', 'bytes', 'json', 'stats', 'size', 'mode', 'message', 'code', 'buffer', 'byteLength', 'byteOffset', 'then', 'toJSON']) {
  try { Object.defineProperty(Object.prototype, key, trap); } catch {}
}
for (const key of ['0', '1', '2']) Object.defineProperty(Array.prototype, key, trap);
Object.defineProperty(Array.prototype, 'toJSON', trap);
Object.defineProperty(Object.prototype, Symbol.toPrimitive, trap);
String.prototype.toString = loop;
Uint8Array.prototype.slice = Uint8Array.prototype.subarray = loop;
ArrayBuffer.prototype.slice = loop;
Object.defineProperty(ArrayBuffer.prototype, 'byteLength', trap);
Buffer.from = Buffer.alloc = loop;
JSON.stringify = JSON.parse = loop;
Function.prototype.call = Function.prototype.apply = loop;
Array.isArray = () => true;
globalThis.Proxy = loop;
require('module')._load = loop;
`

async function hostileSandbox(extra = ""): Promise<Sandbox> {
  const sandbox = await createSandbox({
    files: { "/data/text.txt": "real text \u0000 with a NUL", "/data/bin": new Uint8Array([0, 1, 255]), "/data/sub/x.txt": "x" },
    timeout: 500,
    stdout: () => {},
    stderr: () => {},
  })
  // (the guest breaks its own loop too: how its run ends does not matter, only that it patched all)
  await sandbox.run(`${HOSTILE}\n${extra}\nmark(markFd, 'all');`)
  expect(sandbox.fs.readFileSync("/data/patched", "utf8")).toBe("all")
  return sandbox
}

function nodeError(fn: () => unknown): Record<string, unknown> {
  try {
    fn()
  } catch (e) {
    const { code, errno, syscall, path, dest, message } = e as Record<string, unknown>
    return { code, errno, syscall, path, dest, message }
  }
  throw new Error("did not throw")
}

describe("sandbox.fs after hostile guest code", () => {
  it("returns the real data in the documented types", async () => {
    const sandbox = await hostileSandbox()
    try {
      const started = Date.now()
      const text = sandbox.fs.readFileSync("/data/text.txt", "utf8")
      expect(text).toBe("real text \u0000 with a NUL")
      const bytes = sandbox.fs.readFileSync("/data/bin")
      expect(bytes).toBeInstanceOf(Uint8Array)
      expect([...bytes]).toEqual([0, 1, 255])
      expect(sandbox.fs.readFileSync("/data/bin", "hex")).toBe("0001ff")
      expect(sandbox.fs.existsSync("/data/text.txt")).toBe(true)
      expect(sandbox.fs.existsSync("/data/none")).toBe(false)
      const st = sandbox.fs.statSync("/data/text.txt")
      expect(st.size).toBe(Buffer.byteLength("real text \u0000 with a NUL"))
      expect(typeof st.mode).toBe("number")
      expect(st.isFile()).toBe(true)
      expect(st.isDirectory()).toBe(false)
      expect(sandbox.fs.lstatSync("/data/sub").isDirectory()).toBe(true)
      expect(sandbox.fs.readdirSync("/data")).toEqual(["bin", "patched", "sub", "text.txt"])
      const dirents = sandbox.fs.readdirSync("/data", { withFileTypes: true })
      expect(dirents.map((d) => [d.name, d.parentPath, d.isFile(), d.isDirectory()])).toEqual([
        ["bin", "/data", true, false],
        ["patched", "/data", true, false],
        ["sub", "/data", false, true],
        ["text.txt", "/data", true, false],
      ])
      sandbox.fs.writeFileSync("/data/new.txt", "written \u0000 by the host")
      sandbox.fs.appendFileSync("/data/new.txt", new Uint8Array([0x21]))
      expect(sandbox.fs.readFileSync("/data/new.txt", "utf8")).toBe("written \u0000 by the host!")
      expect(sandbox.fs.mkdirSync("/data/a/b", { recursive: true })).toBe("/data/a")
      sandbox.fs.renameSync("/data/new.txt", "/data/a/b/moved.txt")
      sandbox.fs.symlinkSync("/data/a", "/data/link")
      expect(sandbox.fs.readlinkSync("/data/link")).toBe("/data/a")
      expect(sandbox.fs.lstatSync("/data/link").isSymbolicLink()).toBe(true)
      sandbox.fs.unlinkSync("/data/link")
      expect(sandbox.fs.toJSON("/data/a")).toEqual({ "/data/a/b/moved.txt": "written \u0000 by the host!" })
      sandbox.fs.rmSync("/data/a", { recursive: true })
      expect(sandbox.fs.existsSync("/data/a")).toBe(false)
      sandbox.fs.fromJSON({ "j/k.txt": "K" }, "/data")
      expect(sandbox.fs.readFileSync("/data/j/k.txt", "utf8")).toBe("K")
      expect(Date.now() - started).toBeLessThan(400) // nothing waited for the 500 ms interrupt
    } finally {
      sandbox.dispose()
    }
  })

  it("throws Node's errors (as real Node does), not the guest's", async () => {
    const sandbox = await hostileSandbox(`fs.readFileSync = () => { const e = new Error('forged'); e.code = 'EFORGED'; throw e; };`)
    const dir = nodeFs.mkdtempSync("/tmp/qjsw-hostview-")
    try {
      // the same absolute paths on both sides: a file, a directory, nothing
      sandbox.fs.mkdirSync(dir, { recursive: true })
      sandbox.fs.writeFileSync(`${dir}/f`, "f")
      nodeFs.writeFileSync(`${dir}/f`, "f")
      const cases: [string, (fs: typeof nodeFs) => unknown][] = [
        ["readFileSync missing", (fs) => fs.readFileSync(`${dir}/none`)],
        ["readFileSync dir", (fs) => fs.readFileSync(dir, "utf8")],
        ["mkdirSync exists", (fs) => fs.mkdirSync(dir)],
        ["readdirSync file", (fs) => fs.readdirSync(`${dir}/f`)],
        ["statSync missing", (fs) => fs.statSync(`${dir}/none`)],
        ["lstatSync missing", (fs) => fs.lstatSync(`${dir}/none/x`)],
        ["renameSync missing", (fs) => fs.renameSync(`${dir}/none`, `${dir}/g`)],
        ["unlinkSync missing", (fs) => fs.unlinkSync(`${dir}/none`)],
        ["rmSync missing", (fs) => fs.rmSync(`${dir}/none`)],
        ["rmSync dir", (fs) => fs.rmSync(dir)],
        ["readlinkSync file", (fs) => fs.readlinkSync(`${dir}/f`)],
        ["writeFileSync into missing dir", (fs) => fs.writeFileSync(`${dir}/none/x`, "x")],
      ]
      for (const [name, call] of cases) {
        const expected = nodeError(() => call(nodeFs))
        const got = nodeError(() => call(sandbox.fs as unknown as typeof nodeFs))
        expect({ name, ...got }).toEqual({ name, ...expected })
      }
      sandbox.fs.rmSync(`${dir}/none`, { force: true })
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true })
      sandbox.dispose()
    }
  })

  it("fsCall (the async entry) is just as deaf to the guest", async () => {
    const sandbox = await hostileSandbox()
    try {
      expect(await sandbox.fsCall("readFileSync", ["/data/text.txt", "utf8"])).toBe("real text \u0000 with a NUL")
      expect(await sandbox.fsCall("existsSync", ["/data/bin"])).toBe(true)
      await sandbox.fsCall("writeFileSync", ["/data/c.bin", null], new Uint8Array([7, 8]))
      expect([...((await sandbox.fsCall("readFileSync", ["/data/c.bin"])) as Uint8Array)]).toEqual([7, 8])
      expect(((await sandbox.fsCall("statSync", ["/data/c.bin"])) as { size: number }).size).toBe(2)
      await expect(sandbox.fsCall("readFileSync", ["/data/none"])).rejects.toMatchObject({ code: "ENOENT", syscall: "open", errno: -2 })
    } finally {
      sandbox.dispose()
    }
  })

  it("reads while a guest holds its whole heap and while a guest loop was interrupted", async () => {
    const sandbox = await createSandbox({
      files: { "/big.bin": new Uint8Array(2 << 20).fill(7) },
      memoryLimit: 16 << 20,
      timeout: 300,
      stdout: () => {},
      stderr: () => {},
    })
    try {
      const r = await sandbox.run(`
        globalThis.hog = [];
        try { for (;;) hog.push(new Array(4096).fill(hog.length)); } catch {}
        require('fs').readFileSync = () => { for (;;) {} };
        for (;;) {}
      `)
      expect(r.exitCode).toBe(1) // interrupted, with the heap still full
      const started = Date.now()
      const big = sandbox.fs.readFileSync("/big.bin")
      expect(big.length).toBe(2 << 20)
      expect(big[12345]).toBe(7)
      expect(sandbox.fs.statSync("/big.bin").size).toBe(2 << 20)
      expect(Date.now() - started).toBeLessThan(1000)
    } finally {
      sandbox.dispose()
    }
  })
})
