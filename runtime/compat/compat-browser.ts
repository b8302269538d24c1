// The sandbox worlds of `quickjs-wasmfs compat --browser`: each script runs in a fresh sandbox
// inside Chromium (driven by playwright-core, which must be installed), loaded from this
// package's own dist/ and build/wasm/ by a page served from a local port: once on the in-memory
// root (a sandbox in the page), once with its files on /opfs (quickjs-wasmfs/browser's worker
// with the OPFS mount; the run's directory is removed from OPFS afterwards).
import { readFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { dirname, extname, join, normalize, sep } from "node:path"
import { fileURLToPath } from "node:url"
import type { RunLayout, WorldResult } from "./compat"
import { chromiumOptions, chromiumPath } from "../browser/chromium.js"

export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
}

// The page exposes runSandbox(): a fresh sandbox per call, its output collected.
const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports": {
  "quickjs-emscripten-core": "/deps/core/dist/index.mjs",
  "@jitl/quickjs-ffi-types": "/deps/ffi/dist/index.mjs"
}}</script>
<script type="module">
  import { createSandbox } from "/dist/index.mjs"
  import { createSandbox as createInWorker } from "/dist/browser.mjs"
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  window.runSandbox = async ({ files, cwd, script, env, timeout, opfs }) => {
    let stdout = ""
    let stderr = ""
    const options = {
      files: Object.fromEntries(Object.entries(files).map(([p, b64]) => [p, bytes(b64)])),
      cwd, env, timeout,
      stdout: (t) => { stdout += t },
      stderr: (t) => { stderr += t },
    }
    let sandbox
    try {
      sandbox = opfs ? await createInWorker({ ...options, opfs: true, onWarning: () => {} }) : await createSandbox(options)
      if (opfs && sandbox.opfs?.backend === "memory") throw new Error(sandbox.opfs.reason)
      const r = await sandbox.runFile(script)
      return { exitCode: r.exitCode, stdout, stderr, timedOut: r.error?.message === "interrupted" }
    } catch (e) {
      return { exitCode: null, stdout, stderr: stderr + "quickjs-wasmfs compat: " + (e && e.message || e) + "\\n", timedOut: false }
    } finally {
      await sandbox?.dispose()
      if (opfs) await (await navigator.storage.getDirectory()).removeEntry(opfs, { recursive: true }).catch(() => {})
    }
  }
  window.ready = true
</script>`

// The nearest directory up from `start` whose package.json is package `name`. (This code runs
// from runtime/ in the repo, from dist/ once built; dependencies may not export package.json.)
function packageDir(name: string, start: string): string {
  let dir = start
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === name) return dir
    } catch {
      // no package.json here
    }
    const up = dirname(dir)
    if (up === dir) throw new Error(`compat --browser cannot find the ${name} package`)
    dir = up
  }
}

function packageRoots(): { dist: string; wasm: string; core: string; ffi: string } {
  const root = packageDir("quickjs-wasmfs", dirname(fileURLToPath(import.meta.url)))
  const require = createRequire(join(root, "package.json"))
  const dirOf = (name: string) => packageDir(name, dirname(require.resolve(name)))
  return {
    dist: join(root, "dist"),
    wasm: join(root, "build", "wasm"),
    core: dirOf("quickjs-emscripten-core"),
    ffi: dirOf("@jitl/quickjs-ffi-types"),
  }
}

type Page = {
  goto(url: string): Promise<unknown>
  waitForFunction(fn: () => unknown): Promise<unknown>
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>
  close(): Promise<void>
}
type Browser = { newPage(): Promise<Page>; close(): Promise<void> }

export class BrowserWorld {
  private queue: Promise<unknown> = Promise.resolve()
  private page: Page | undefined
  private runs = 0

  private constructor(
    private readonly server: Server,
    private readonly base: string,
    private readonly browser: Browser,
  ) {}

  static async start(): Promise<BrowserWorld> {
    let chromium: { launch(o: object): Promise<Browser> }
    try {
      ;({ chromium } = (await import("playwright-core")) as unknown as { chromium: typeof chromium })
    } catch {
      throw new Error("compat --browser needs the playwright-core package installed next to quickjs-wasmfs")
    }
    const roots = packageRoots()
    const routes: [string, string][] = [
      ["/dist/", roots.dist],
      ["/build/wasm/", roots.wasm],
      ["/deps/core/", roots.core],
      ["/deps/ffi/", roots.ffi],
    ]
    const server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname)
      if (path === "/") {
        res.writeHead(200, { "content-type": "text/html" }).end(PAGE)
        return
      }
      const route = routes.find(([prefix]) => path.startsWith(prefix))
      const file = route && normalize(join(route[1], path.slice(route[0].length)))
      if (!route || !file || !file.startsWith(route[1] + sep)) {
        res.writeHead(404).end()
        return
      }
      try {
        res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file))
      } catch {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    try {
      const browser = await chromium.launch(chromiumOptions())
      return new BrowserWorld(server, base, browser)
    } catch (e) {
      server.close()
      throw new Error(`compat --browser cannot start Chromium at ${chromiumPath()} (set QJSW_CHROMIUM): ${e instanceof Error ? e.message : e}`)
    }
  }

  private async openPage(): Promise<Page> {
    if (!this.page) {
      const page = await this.browser.newPage()
      await page.goto(this.base)
      await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
      this.page = page
    }
    return this.page
  }

  /**
   * Runs one script; runs are one at a time, as in-process sandboxes are. With `opfs`, the run's
   * directory is on /opfs; its outputs name it as `root`, as the other worlds' do.
   */
  run(root: string, run: RunLayout, env: Record<string, string>, timeout: number, options: { opfs?: boolean } = {}): Promise<WorldResult> {
    const result = this.queue.then(() => this.runNow(root, run, env, timeout, options.opfs === true))
    this.queue = result.catch(() => {})
    return result
  }

  private async runNow(hostRoot: string, run: RunLayout, env: Record<string, string>, timeout: number, opfs: boolean): Promise<WorldResult> {
    const name = `qjsw-compat-${++this.runs}`
    const root = opfs ? `/opfs/${name}` : hostRoot
    const files: Record<string, string> = {}
    for (const [rel, data] of run.files) files[`${root}/${rel}`] = Buffer.from(data).toString("base64")
    const page = await this.openPage()
    const arg = { files, cwd: `${root}/${run.dir}`, script: `${root}/${run.script}`, env, timeout, opfs: opfs && name }
    let timer: NodeJS.Timeout | undefined
    const wall = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), timeout + 5000)))
    try {
      const r = await Promise.race([
        page.evaluate((a) => (window as unknown as { runSandbox(a: unknown): Promise<WorldResult> }).runSandbox(a), arg),
        wall,
      ])
      if (r !== "timeout") {
        if (opfs) for (const k of ["stdout", "stderr"] as const) r[k] = r[k].split(root).join(hostRoot)
        return r
      }
      // a run that never yields: this page is lost, the next run gets a new one
      this.page = undefined
      void page.close().catch(() => {})
      return { exitCode: null, stdout: "", stderr: "", timedOut: true }
    } finally {
      clearTimeout(timer)
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {})
    await new Promise((resolve) => this.server.close(resolve))
  }
}
