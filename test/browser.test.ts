import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { htmlPage, launchChromium, serveRepo, type Chromium, type RepoServer } from "./browser-harness"

// The page loads the published entry (dist/) exactly as a bundler-less app would, with
// htmlPage's import map for the two runtime dependencies.
const page = htmlPage(`
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
`)

describe("in Chromium", () => {
  let server: RepoServer
  let chromium: Chromium

  beforeAll(async () => {
    server = await serveRepo({ "/": page })
    chromium = await launchChromium()
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  it("loads the same variant and runs guest fs inside Wasm; host mounts are refused clearly", async () => {
    const tab = await chromium.context.newPage()
    await tab.goto(server.url)
    await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined)
    const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result)
    await tab.close()
    expect(result).toEqual({
      text: "written in a browser ✓",
      error: "ENOENT -2",
      mountError: "quickjs-wasmfs: `mounts` needs Node (host directories are reached through node:fs)",
    })
  })
})
