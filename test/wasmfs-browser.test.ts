// Issue 14 §1 in Chromium: the specified usage, as written, in a dedicated Worker on the
// origin's OPFS. The worker is the user's own script, bundled as a user would (esbuild, with
// "quickjs-wasmfs" resolved to this build's dist/index.mjs) and served beside the files it
// loads by URL. On a cross-origin-isolated page mount() takes the bridge, so a synchronous evalCode
// waits for OPFS; with JSPI alone only evalCodeAsync can, and a synchronous one says EAGAIN.
import { build } from "esbuild"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { htmlPage } from "./browser-harness"
import { openPage, startOpfsPages, type OpfsPages } from "./opfs-page"

// The user's worker. Each message names a scenario; the answer is what it saw.
const WORKER = `
import { evalCodeAsync, newQuickJSWASMModuleWithWasmFS, WasmFS } from "quickjs-wasmfs"

const logs = []
const log = console.log
console.log = (...args) => { logs.push(args.join(" ")); log(...args) }

const scenarios = {
  async example() {
    // --- the specification's example, verbatim ---
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    await wasmfs.mount()                      // WasmFSOptions: { mountPoint?: string } (default "/opfs")
    const context = QuickJS.newContext()
    context.evalCode(\`
      const fs = require('fs');
      const content = fs.readFileSync('/opfs/project/package.json', 'utf-8');
      console.log(content);
    \`)
    // ---
    const made = context.evalCode(\`
      const fs2 = require('fs');
      fs2.mkdirSync('/opfs/project/out', { recursive: true });
      fs2.writeFileSync('/opfs/project/out/by-guest.txt', 'written by a synchronous evalCode');
      fs2.readdirSync('/opfs/project').join(',')
    \`)
    const listing = made.error ? { error: context.dump(made.error) } : context.dump(made.value)
    made.dispose()
    const seenByHost = wasmfs.readFile("/opfs/project/out/by-guest.txt", "utf8")
    context.dispose()
    return { logs, mounts: wasmfs.mounts, listing, seenByHost }
  },

  async hostView() {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    await wasmfs.mount({ mountPoint: "/work" })
    const heard = []
    const watcher = wasmfs.watch("/work/view", (c) => heard.push(c))
    wasmfs.mkdir("/work/view", { recursive: true })
    wasmfs.writeFile("/work/view/from-host.txt", "host view")
    const context = QuickJS.newContext()
    const r = context.evalCode("require('fs').readFileSync('/work/view/from-host.txt', 'utf8') + '|' + require('fs').writeFileSync('/work/view/from-guest.txt', 'g')")
    const read = r.error ? { error: context.dump(r.error) } : context.dump(r.value)
    r.dispose()
    const stat = wasmfs.stat("/work/view/from-guest.txt")
    const out = {
      read,
      stat: stat && { isFile: stat.isFile(), size: stat.size, mtime: stat.mtime instanceof Date },
      missing: wasmfs.stat("/work/view/none"),
      list: wasmfs.readdir("/work/view"),
      heard: heard.map((c) => c.type + " " + c.path),
      mounts: wasmfs.mounts,
    }
    watcher.close()
    context.dispose()
    await wasmfs.unmount("/work")
    out.afterUnmount = wasmfs.exists("/work/view/from-host.txt")
    return out
  },

  async jspiOnly() {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    const warnings = []
    await wasmfs.mount({ onWarning: (m) => warnings.push(m) })
    const context = QuickJS.newContext()
    const code = "require('fs').readFileSync('/opfs/project/package.json', 'utf-8')"
    const sync = context.evalCode(code)
    const syncError = sync.error ? context.dump(sync.error) : undefined
    sync.dispose()
    const later = await evalCodeAsync(context, code)
    const asyncValue = later.error ? { error: context.dump(later.error) } : context.dump(later.value)
    later.dispose()
    context.dispose()
    return { mounts: wasmfs.mounts, warnings, syncError: syncError && { code: syncError.code, syscall: syncError.syscall }, asyncValue }
  },

  // Two OPFS directories at two mount points of one module, one through the bridge and one
  // through JSPI: each mount has its own host.
  async twoRoots() {
    const QuickJS = await newQuickJSWASMModuleWithWasmFS()
    const wasmfs = new WasmFS(QuickJS.module)
    const top = await navigator.storage.getDirectory()
    const rootA = await top.getDirectoryHandle("root-a", { create: true })
    const rootB = await top.getDirectoryHandle("root-b", { create: true })
    await wasmfs.mount({ mountPoint: "/a", root: rootA })
    await wasmfs.mount({ mountPoint: "/b", root: rootB, wait: "jspi" })
    const context = QuickJS.newContext()
    const r = await evalCodeAsync(context, \`
      const fs = require('fs');
      fs.writeFileSync('/a/f.txt', 'in a');
      fs.writeFileSync('/b/f.txt', 'in b');
      fs.symlinkSync('/b/f.txt', '/b/link');
      fs.renameSync('/a/f.txt', '/a/g.txt');
      let cross;
      try { fs.renameSync('/a/g.txt', '/b/g.txt') } catch (e) { cross = e.code }
      JSON.stringify({ a: fs.readdirSync('/a'), b: fs.readdirSync('/b'), link: fs.readlinkSync('/b/link'), viaLink: fs.readFileSync('/b/link', 'utf8'), cross })
    \`)
    const seen = r.error ? { error: context.dump(r.error) } : JSON.parse(context.dump(r.value))
    r.dispose()
    const mounts = wasmfs.mounts
    await wasmfs.unmount("/a")
    const after = await evalCodeAsync(context, "require('fs').readFileSync('/b/f.txt', 'utf8') + '|' + require('fs').existsSync('/a/g.txt')")
    const afterUnmount = after.error ? { error: context.dump(after.error) } : context.dump(after.value)
    after.dispose()
    context.dispose()
    await wasmfs.unmount("/b")
    return { seen, mounts, afterUnmount }
  },
}

onmessage = async (e) => {
  logs.length = 0
  try {
    postMessage({ ok: await scenarios[e.data]() })
  } catch (err) {
    postMessage({ error: String(err && err.stack || err) })
  }
}
`

const PAGE = htmlPage(`
  window.inWorker = (scenario) => new Promise((resolve) => {
    const w = new Worker("/build/wasm/wasmfs-example.mjs", { type: "module" })
    w.onmessage = (e) => { w.terminate(); resolve(e.data) }
    w.onerror = (e) => { w.terminate(); resolve({ error: String(e.message) }) }
    w.postMessage(scenario)
  })
  window.writeOpfs = async (parts, text) => {
    let dir = await navigator.storage.getDirectory()
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true })
    const w = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable()
    await w.write(text)
    await w.close()
  }
  window.readOpfs = async (parts) => {
    let dir = await navigator.storage.getDirectory()
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p)
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text()
  }
  window.ready = true`)

async function inWorker(page: Page, scenario: string): Promise<Record<string, unknown>> {
  const r = (await page.evaluate((s) => (window as unknown as { inWorker(s: string): Promise<unknown> }).inWorker(s), scenario)) as {
    ok?: Record<string, unknown>
    error?: string
  }
  if (r.error) throw new Error(r.error)
  return r.ok!
}

describe("the specified usage in a Chromium worker, on /opfs", () => {
  let pages: OpfsPages

  beforeAll(async () => {
    const bundled = await build({
      stdin: { contents: WORKER, resolveDir: join(__dirname, ".."), loader: "js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      alias: { "quickjs-wasmfs": "./dist/index.mjs" },
      // the Node-only paths of the package (its host directory mounts, the Wasm file read from
      // disk, Emscripten's Node loader) stay dynamic imports a browser never reaches
      external: ["module", "node:*"],
      logLevel: "warning",
    })
    // served where a bundler would put it, beside the files it loads by URL: the .wasm, and the
    // OPFS worker of the bridge
    pages = await startOpfsPages(PAGE, {
      "/build/wasm/wasmfs-example.mjs": bundled.outputFiles[0]!.text,
      "/build/wasm/opfs-worker.mjs": readFileSync(join(__dirname, "../dist/opfs-worker.mjs"), "utf8"),
    })
  }, 60_000)

  afterAll(() => pages?.close())

  it("runs as written on a cross-origin-isolated page: a synchronous evalCode reads and creates OPFS files", async () => {
    const page = await openPage(pages.context, pages.isolated)
    await page.evaluate(() =>
      (window as unknown as { writeOpfs(p: string[], t: string): Promise<void> }).writeOpfs(
        ["project", "package.json"],
        '{ "name": "from-the-page" }\n',
      ),
    )
    const r = await inWorker(page, "example")
    expect(r).toEqual({
      logs: ['{ "name": "from-the-page" }\n'],
      mounts: [{ mountPoint: "/opfs", backend: "bridge" }],
      listing: "out,package.json",
      seenByHost: "written by a synchronous evalCode",
    })
    // the guest's file is an ordinary OPFS file the page reads
    expect(
      await page.evaluate(() =>
        (window as unknown as { readOpfs(p: string[]): Promise<string> }).readOpfs(["project", "out", "by-guest.txt"]),
      ),
    ).toBe("written by a synchronous evalCode")
    await page.close()
  }, 90_000)

  it("WasmFS reads and writes the OPFS tree the guest sees, hears its changes, and unmounts", async () => {
    const page = await openPage(pages.context, pages.isolated)
    const r = await inWorker(page, "hostView")
    expect(r).toEqual({
      read: "host view|undefined",
      stat: { isFile: true, size: 1, mtime: true },
      missing: null,
      list: ["from-guest.txt", "from-host.txt"],
      heard: [
        "create /work/view",
        "create /work/view/from-host.txt",
        "change /work/view/from-host.txt",
        "create /work/view/from-guest.txt",
        "change /work/view/from-guest.txt",
      ],
      mounts: [{ mountPoint: "/work", backend: "bridge" }],
      afterUnmount: false,
    })
    expect(
      await page.evaluate(() => (window as unknown as { readOpfs(p: string[]): Promise<string> }).readOpfs(["view", "from-guest.txt"])),
    ).toBe("g")
    await page.close()
  }, 90_000)

  it("with JSPI alone (no isolation) a synchronous evalCode gets EAGAIN where OPFS must be asked, and evalCodeAsync waits", async () => {
    const page = await openPage(pages.context, pages.plain)
    await page.evaluate(() =>
      (window as unknown as { writeOpfs(p: string[], t: string): Promise<void> }).writeOpfs(["project", "package.json"], "jspi"),
    )
    const r = await inWorker(page, "jspiOnly")
    expect(r).toEqual({
      mounts: [{ mountPoint: "/opfs", backend: "jspi" }],
      warnings: [],
      syncError: { code: "EAGAIN", syscall: "open" },
      asyncValue: "jspi",
    })
    await page.close()
  }, 90_000)

  it("two OPFS directories mounted at once, through the bridge and through JSPI, each its own files", async () => {
    const page = await openPage(pages.context, pages.isolated)
    const r = await inWorker(page, "twoRoots")
    expect(r).toEqual({
      seen: { a: ["g.txt"], b: ["f.txt", "link"], link: "/b/f.txt", viaLink: "in b", cross: "EXDEV" },
      mounts: [
        { mountPoint: "/a", backend: "bridge" },
        { mountPoint: "/b", backend: "jspi" },
      ],
      afterUnmount: "in b|false",
    })
    const read = (parts: string[]) =>
      page.evaluate((p) => (window as unknown as { readOpfs(p: string[]): Promise<string> }).readOpfs(p), parts)
    expect(await read(["root-a", "g.txt"])).toBe("in a")
    expect(await read(["root-b", "f.txt"])).toBe("in b")
    await page.close()
  }, 90_000)
})
