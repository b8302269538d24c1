// The compile cache (native/loader/compile_cache.c, runtime/module/compile-cache.ts): a file compiled once is
// read back as bytecode by later sandboxes and processes, and must behave exactly as when it
// was parsed (results, stack frames, Function.prototype.toString); a store that loses, tears or
// alters entries, or throws, costs speed only; the guest never sees the store.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { createSandbox, MemoryCompileCache, type CompileCacheStore } from "../runtime/index"
import { DirectoryCompileCache } from "../runtime/module/compile-cache-dir"

const cli = join(__dirname, "../dist/cli.mjs")
const temps: string[] = []
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  temps.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

// Over the cache's size threshold (2 KiB) by its comments, as real files are by their code.
const filler = Array.from({ length: 40 }, (_, i) => `// line ${i} of a comment that makes this file big enough to be cached\n`).join("")

const lib = `'use strict';
class Widget {
  constructor(name) { this.name = name; }
  static make(n) { return new Widget(n); }
  fail() { throw new Error('widget ' + this.name + ' failed'); }
}
const helpers = {};
helpers.arrow = (w) => w.fail();
Widget.prototype.later = function () { return helpers.arrow(this); };
function named() { return Widget.make('x').later(); }
function* gen() { yield 1; yield 2; }
module.exports = { Widget, named, gen, source: named.toString() + Widget.toString() };
${filler}`

const esm = `export class Thing { static go() { throw new RangeError('esm thing'); } }
export const go = function () { return Thing.go(); };
${filler}`

const main = `
const lib = require('./lib.js');
const frames = (e) => e.stack.split('\\n').filter((l) => !l.includes('node:')).join('\\n');
try { lib.named(); } catch (e) { console.log(frames(e)); }
console.log(JSON.stringify([...lib.gen()]), lib.source.length);
import('./esm.mjs').then((m) => { try { m.go(); } catch (e) { console.log(frames(e)); } });
${filler}`

const files = { "/app/lib.js": lib, "/app/esm.mjs": esm }

class CountingStore implements CompileCacheStore {
  readonly inner = new MemoryCompileCache()
  gets = 0
  hits = 0
  sets = 0
  get(key: Uint8Array) {
    this.gets++
    const hit = this.inner.get(key)
    if (hit) this.hits++
    return hit
  }
  set(key: Uint8Array, bytecode: Uint8Array) {
    this.sets++
    this.inner.set(key, bytecode)
  }
}

async function run(compileCache: CompileCacheStore | false, extraFiles: Record<string, string> = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    files: { ...files, ...extraFiles },
    compileCache,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  })
  try {
    const result = await sandbox.run(main, { filename: "/app/main.js" })
    return { exitCode: result.exitCode, stdout, stderr }
  } finally {
    sandbox.dispose()
  }
}

describe("the compile cache", () => {
  it("reads back what it compiled: the same results, frames and sources as a parse", async () => {
    const parsed = await run(false)
    expect(parsed.exitCode).toBe(0)
    expect(parsed.stdout).toContain("at Widget.later")
    expect(parsed.stdout).toContain("esm thing")
    const store = new CountingStore()
    const first = await run(store)
    expect(store.hits).toBe(0)
    expect(store.sets).toBe(3) // main, lib.js, esm.mjs
    const second = await run(store)
    expect(store.hits).toBe(3)
    expect(store.sets).toBe(3)
    expect(first).toEqual(parsed)
    expect(second).toEqual(parsed)
  })

  it("keys by file name and source: a file renamed or changed is compiled again", async () => {
    const store = new CountingStore()
    await run(store)
    const changed = lib.replace("failed", "broke")
    const r = await run(store, { "/app/lib.js": changed })
    expect(r.stdout).toContain("widget x broke")
    expect(store.hits).toBe(2) // main and esm.mjs; lib.js is new
    expect(store.sets).toBe(4)
  })

  it("costs only speed when the store throws or gives nothing back", async () => {
    const parsed = await run(false)
    const throwing: CompileCacheStore = {
      get() {
        throw new Error("store down")
      },
      set() {
        throw new Error("store down")
      },
    }
    expect(await run(throwing)).toEqual(parsed)
    const empty: CompileCacheStore = { get: () => new Uint8Array(0), set() {} }
    expect(await run(empty)).toEqual(parsed)
  })

  it("on disk, ignores entries that are torn or altered, and rewrites them", async () => {
    const dir = temp("qjsw-cc-")
    const parsed = await run(false)
    expect(await run(new DirectoryCompileCache(dir))).toEqual(parsed)
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(entries.length).toBe(3)
    const paths = entries.map((e) => join(e.parentPath ?? e.path, e.name))
    // one flipped byte in the bytecode, one file cut short, one emptied
    const flipped = readFileSync(paths[0]!)
    flipped[flipped.length - 5] ^= 0xff
    writeFileSync(paths[0]!, flipped)
    writeFileSync(paths[1]!, readFileSync(paths[1]!).subarray(0, 60))
    writeFileSync(paths[2]!, "")
    expect(await run(new DirectoryCompileCache(dir))).toEqual(parsed)
    for (const p of paths) expect(statSync(p).size).toBeGreaterThan(60)
    // and a fresh store (a new process) now reads them all back
    const store = new DirectoryCompileCache(dir)
    let hits = 0
    const counting: CompileCacheStore = {
      get: (k) => {
        const v = store.get(k)
        if (v) hits++
        return v
      },
      set: (k, v) => store.set(k, v),
    }
    expect(await run(counting)).toEqual(parsed)
    expect(hits).toBe(3)
  })

  it("on disk, writes at most maxWriteBytes per store: a guest cannot fill the host's disk through it", async () => {
    const dir = temp("qjsw-cc-bound-")
    const extra: Record<string, string> = {}
    for (let i = 0; i < 40; i++) extra[`/app/gen${i}.js`] = `module.exports = ${i};\n${filler}`
    const requires = Object.keys(extra)
      .map((f) => `require(${JSON.stringify(f)});`)
      .join("\n")
    const store = new DirectoryCompileCache(dir, 32 * 1024)
    const sandbox = await createSandbox({ files: { ...files, ...extra }, compileCache: store })
    try {
      expect((await sandbox.run(requires, { filename: "/app/many.js" })).exitCode).toBe(0)
    } finally {
      sandbox.dispose()
    }
    const sizes = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath ?? e.path, e.name)).size)
    expect(sizes.length).toBeGreaterThan(0)
    expect(sizes.length).toBeLessThan(40)
    // each file is the bytecode plus a 40-byte header
    expect(sizes.reduce((a, b) => a + b - 40, 0)).toBeLessThanOrEqual(32 * 1024)
  })

  it("is the CLI's default, in the user's cache directory; --no-compile-cache keeps nothing", () => {
    const cache = temp("qjsw-xdg-")
    const project = temp("qjsw-cc-project-")
    writeFileSync(join(project, "lib.js"), lib)
    writeFileSync(join(project, "main.js"), main.replace("import('./esm.mjs')", "Promise.resolve({ go() {} })"))
    const env = { ...process.env, XDG_CACHE_HOME: cache }
    const none = spawnSync(process.execPath, [cli, "run", "--no-compile-cache", join(project, "main.js")], { env, encoding: "utf8" })
    expect(none.status).toBe(0)
    expect(readdirSync(cache)).toEqual([])
    const runs = [1, 2].map(() => spawnSync(process.execPath, [cli, "run", join(project, "main.js")], { env, encoding: "utf8" }))
    for (const r of runs) expect([r.status, r.stdout, r.stderr]).toEqual([0, none.stdout, none.stderr])
    const kept = readdirSync(join(cache, "quickjs-wasmfs", "compile"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(kept.length).toBe(2)
  })

  it("is out of the guest's reach: nothing in its tree, its globals or its modules names it", async () => {
    const dir = temp("qjsw-cc-")
    let stdout = ""
    const sandbox = await createSandbox({ files, compileCache: new DirectoryCompileCache(dir), stdout: (t) => (stdout += t) })
    try {
      const r = await sandbox.run(
        `
        require('./lib.js');
        const fs = require('fs');
        const seen = [];
        const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = (d === '/' ? '' : d) + '/' + e.name;
          if (/quickjs-wasmfs|compile/.test(p)) seen.push(p);
          if (e.isDirectory() && !p.startsWith('/proc') && !p.startsWith('/dev')) walk(p);
        } };
        walk('/');
        const globals = Object.getOwnPropertyNames(globalThis).filter((n) => /cache|qjsw/i.test(n));
        console.log(JSON.stringify({ seen, globals }));
      ${filler}`,
        { filename: "/app/probe.js" },
      )
      expect(r.exitCode).toBe(0)
      expect(JSON.parse(stdout)).toEqual({ seen: [], globals: [] })
    } finally {
      sandbox.dispose()
    }
    expect(readdirSync(dir).length).toBeGreaterThan(0)
  })
})
