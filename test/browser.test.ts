import { readFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, sep } from "node:path"
import { chromium, type Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CHROMIUM_ARGS, CONTENT_TYPES } from "../runtime/compat-browser"

const root = normalize(join(__dirname, ".."))

// The page loads the published entry (dist/) exactly as a bundler-less app would, with an
// import map for the two runtime dependencies.
const page = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports": {
  "quickjs-emscripten-core": "/node_modules/quickjs-emscripten-core/dist/index.mjs",
  "@jitl/quickjs-ffi-types": "/node_modules/@jitl/quickjs-ffi-types/dist/index.mjs"
}}</script>
<script type="module">
  import { mountHostDirectories, newQuickJSWASMModuleWithWasmFS } from "/dist/index.mjs"
  try {
    const wasm = await newQuickJSWASMModuleWithWasmFS()
    const ctx = wasm.newContext()
    const ns = ctx.unwrapResult(ctx.evalCode(\`
      import fs from 'node:fs';
      fs.mkdirSync('/web/data', { recursive: true });
      fs.writeFileSync('/web/data/x.txt', 'written in a browser ✓');
      export const text = fs.readFileSync('/web/data/x.txt', 'utf8');
      let code; try { fs.readFileSync('/web/none') } catch (e) { code = e.code + ' ' + e.errno }
      export const error = code;
    \`, "/web/main.mjs", { type: "module" }))
    window.result = ctx.dump(ns)
    try {
      mountHostDirectories(wasm, [{ hostPath: "/srv", guestPath: "/srv" }])
    } catch (e) {
      window.result.mountError = e.message
    }
    ns.dispose()
    ctx.dispose()
  } catch (e) {
    window.result = { failure: String(e && e.stack || e) }
  }
</script>`

describe("in Chromium", () => {
  let server: Server
  let browser: Browser
  let base: string

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost")
      if (url.pathname === "/") {
        res.writeHead(200, { "content-type": "text/html" }).end(page)
        return
      }
      const file = normalize(join(root, decodeURIComponent(url.pathname)))
      if (!file.startsWith(root + sep)) {
        res.writeHead(403).end()
        return
      }
      try {
        const body = await readFile(file)
        res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(body)
      } catch {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it("loads the same variant and runs guest fs inside Wasm; host mounts are refused clearly", async () => {
    const context = await browser.newContext()
    const tab = await context.newPage()
    await tab.goto(base + "/")
    await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined)
    const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result)
    await context.close()
    expect(result).toEqual({
      text: "written in a browser ✓",
      error: "ENOENT -2",
      mountError: "quickjs-wasmfs: `mounts` needs Node (host directories are reached through node:fs)",
    })
  })
})
