// The page that the OPFS test files (/opfs with JSPI, and through the bridge without it) drive,
// its workers, and the calls that drive it from the test. The two files' pages differ only in
// how they make a sandbox, so what they check about OPFS is seen through the same helpers.
import type { BrowserContext, Page } from "playwright-core"
import { ISOLATED, htmlPage, launchChromium, serveRepo } from "./browser-harness"

/**
 * `sandboxSetup` (module code) sets window.createSandbox(options), the way this page makes a
 * sandbox. window.guest(code, options): a new sandbox with /opfs runs code; its output.
 * window.opfs: the page's own OPFS calls (main thread: getFile and createWritable).
 */
export const opfsPage = (sandboxSetup: string) =>
  htmlPage(`
  ${sandboxSetup}
  window.guest = async (code, options = {}) => {
    let stdout = "", stderr = "", warnings = []
    const sb = await window.createSandbox({ opfs: true, stdout: (t) => stdout += t, stderr: (t) => stderr += t,
      onWarning: (m) => warnings.push(m), ...options })
    try {
      const result = await sb.run(code)
      return { exitCode: result.exitCode, stdout, stderr, warnings, opfs: sb.opfs }
    } finally {
      await sb.dispose()
    }
  }
  async function dirOf(parts, create) {
    let dir = await navigator.storage.getDirectory()
    for (const p of parts) dir = await dir.getDirectoryHandle(p, { create })
    return dir
  }
  async function fileOf(path) {
    const parts = path.split("/").filter(Boolean)
    return await (await dirOf(parts.slice(0, -1), false)).getFileHandle(parts.at(-1))
  }
  window.opfs = {
    async read(path) {
      return await (await (await fileOf(path)).getFile()).text()
    },
    async write(path, text) {
      const parts = path.split("/").filter(Boolean)
      const dir = await dirOf(parts.slice(0, -1), true)
      const w = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable()
      await w.write(text)
      await w.close()
    },
    async list(path) {
      const dir = await dirOf(path.split("/").filter(Boolean), false)
      const names = []
      for await (const [name, h] of dir.entries()) names.push(name + (h.kind === "directory" ? "/" : ""))
      return names.sort()
    },
    // the file's size, and the first byte that differs from the bench pattern (-1: none)
    async checkPattern(path) {
      const bytes = new Uint8Array(await (await (await fileOf(path)).getFile()).arrayBuffer())
      let bad = -1
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== ((i * 31 + 7) & 255)) { bad = i; break }
      return [bytes.length, bad]
    },
    async makeDirs(path, count, nameLength) {
      const dir = await dirOf(path.split("/").filter(Boolean), true)
      const pad = "d".repeat(nameLength - 6)
      await Promise.all(Array.from({ length: count }, (_, i) => dir.getDirectoryHandle(pad + String(i).padStart(6, "0"), { create: true })))
    },
    async clear() {
      const dir = await navigator.storage.getDirectory()
      for await (const name of dir.keys()) await dir.removeEntry(name, { recursive: true })
    },
  }
  window.ready = true
`)

// Chromium 156 has no switch to turn JSPI off: the package's worker, in an engine without it.
const NO_JSPI_WORKER = `delete WebAssembly.Suspending; delete WebAssembly.promising; await import("/dist/browser-worker.mjs")`

// Holds an exclusive sync access handle on a file, as another tab's code could.
const HOLDER = `
  let handle
  onmessage = async (e) => {
    const dir = await navigator.storage.getDirectory()
    if (e.data === "release") { handle.close(); postMessage("released"); return }
    const file = await dir.getFileHandle(e.data, { create: true })
    handle = await file.createSyncAccessHandle()
    postMessage("held")
  }`

// the workers an OPFS page starts by URL
const OPFS_WORKERS: Record<string, string> = {
  "/no-jspi-worker.mjs": NO_JSPI_WORKER,
  "/holder.js": HOLDER,
}

export type GuestResult = {
  exitCode: number
  stdout: string
  stderr: string
  warnings: string[]
  opfs: { backend: string; path: string; reason?: string }
}

export interface OpfsPages {
  context: BrowserContext
  /** the page's URL as served plainly, and as served cross-origin isolated (COOP/COEP) */
  plain: string
  isolated: string
  close(): Promise<void>
}

/**
 * Chromium on a fresh profile, and `page` (with its workers and a test's own `scripts`) served
 * twice: plainly and cross-origin isolated.
 */
export async function startOpfsPages(page: string, scripts: Record<string, string> = {}): Promise<OpfsPages> {
  const routes = { "/": page, ...OPFS_WORKERS, ...scripts }
  const servers = await Promise.all([serveRepo(routes), serveRepo(routes, ISOLATED)])
  const closeServers = () => Promise.all(servers.map((s) => s.close()))
  const chromium = await launchChromium().catch(async (e) => {
    await closeServers()
    throw e
  })
  return {
    context: chromium.context,
    plain: servers[0].url,
    isolated: servers[1].url,
    async close() {
      try {
        await chromium.close()
      } finally {
        await closeServers()
      }
    },
  }
}

/** A new tab on `url`, once its page script has run. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const p = await context.newPage()
  await p.goto(url)
  await p.waitForFunction(() => (window as unknown as { ready?: boolean }).ready)
  return p
}

export const guest = (p: Page, code: string, options: object = {}) =>
  p.evaluate(([c, o]) => (window as unknown as { guest(c: string, o: object): Promise<GuestResult> }).guest(c, o), [code, options] as const)

export const pageOpfs = <T>(p: Page, method: string, ...args: (string | number)[]) =>
  p.evaluate(([m, a]) => (window as unknown as { opfs: Record<string, (...x: unknown[]) => Promise<T>> }).opfs[m](...a), [
    method,
    args,
  ] as const) as Promise<T>
