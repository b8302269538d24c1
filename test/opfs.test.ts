// The browser's /opfs (createSandbox({ opfs: true }) of quickjs-wasmfs/browser) in real
// Chromium, through JSPI: the scenarios every backend must pass (test/opfs-scenarios.ts), two
// sandboxes sharing the origin's files, an isolated page, and where JSPI or OPFS is missing the
// sandbox saying so and running on an in-memory /opfs.
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { guest, openPage, opfsPage, pageOpfs, startOpfsPages, type OpfsPages } from "./opfs-page"
import { opfsScenarios } from "./opfs-scenarios"

// createInPage: the sandbox in the page's main thread, where OPFS has no sync handles.
const PAGE = opfsPage(`
  import { createSandbox } from "/dist/browser.mjs"
  import { createSandbox as createInPage } from "/dist/index.mjs"
  window.createSandbox = createSandbox
  window.createInPage = createInPage`)

describe("/opfs in Chromium", () => {
  let pages: OpfsPages
  let page: Page

  beforeAll(async () => {
    pages = await startOpfsPages(PAGE)
    page = await openPage(pages.context, pages.plain)
    await pageOpfs(page, "clear")
  }, 60_000)

  afterAll(() => pages?.close())

  opfsScenarios(() => page, "jspi")

  it("two sandboxes in two workers share the origin's files", async () => {
    const [a, b] = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      const outs = ["", ""]
      const [one, two] = await Promise.all([0, 1].map((i) => createSandbox({ opfs: true, stdout: (t: string) => (outs[i] += t) })))
      await Promise.all([
        one.run(`require('fs').mkdirSync('/opfs/two', { recursive: true }); require('fs').writeFileSync('/opfs/two/one.txt', 'from one')`),
        two.run(`require('fs').mkdirSync('/opfs/two', { recursive: true }); require('fs').writeFileSync('/opfs/two/two.txt', 'from two')`),
      ])
      await Promise.all([
        one.run(`console.log(require('fs').readFileSync('/opfs/two/two.txt', 'utf8'))`),
        two.run(`console.log(require('fs').readFileSync('/opfs/two/one.txt', 'utf8'))`),
      ])
      await Promise.all([one.dispose(), two.dispose()])
      return outs
    })
    expect([a, b]).toEqual(["from two\n", "from one\n"])
  }, 60_000)

  it("works the same on a cross-origin-isolated page", async () => {
    const p = await openPage(pages.context, pages.isolated)
    expect(await p.evaluate(() => crossOriginIsolated)).toBe(true)
    const r = await guest(
      p,
      `const fs = require('fs'); fs.writeFileSync('/opfs/iso.txt', 'iso'); console.log(fs.readFileSync('/opfs/iso.txt', 'utf8'))`,
    )
    expect(r).toMatchObject({ exitCode: 0, stdout: "iso\n", opfs: { backend: "jspi" } })
    await p.close()
  }, 60_000)

  it("without OPFS sync handles (a page's main thread) /opfs is memory, and the sandbox says why", async () => {
    const r = await page
      .evaluate(async () => {
        const { createInPage: createSandbox } = window as unknown as { createInPage: Function }
        const warnings: string[] = []
        let out = ""
        const sb = await createSandbox({ opfs: true, stdout: (t: string) => (out += t), onWarning: (m: string) => warnings.push(m) })
        await sb.run(`const fs = require('fs'); fs.writeFileSync('/opfs/mem.txt', 'm'); console.log(fs.readdirSync('/opfs').join())`)
        sb.dispose()
        return { out, warnings, opfs: sb.opfs }
      })
      .catch((e) => ({ failure: String(e) }))
    expect(r).toMatchObject({ out: "mem.txt\n", opfs: { backend: "memory", path: "/opfs" } })
    const { warnings, opfs } = r as { warnings: string[]; opfs: { reason: string } }
    expect(opfs.reason).toMatch(/dedicated Workers/)
    expect(warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(page, "read", "/mem.txt")).rejects.toThrow(/NotFoundError|could not be found/)
  }, 60_000)

  it("without JSPI /opfs is memory, and the sandbox says why", async () => {
    const r = await guest(
      page,
      `const fs = require('fs'); fs.writeFileSync('/opfs/x.txt', 'x'); console.log(fs.readFileSync('/opfs/x.txt', 'utf8'))`,
      {
        workerUrl: "/no-jspi-worker.mjs",
      },
    )
    expect(r).toMatchObject({ exitCode: 0, stdout: "x\n", opfs: { backend: "memory" } })
    expect(r.opfs.reason).toMatch(/JSPI/)
    expect(r.warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(page, "read", "/x.txt")).rejects.toThrow(/NotFoundError|could not be found/)
  }, 60_000)
})
