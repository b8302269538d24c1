// What every browser test stands on: the repo root served from a local port (pages load dist/
// and node_modules/ as a bundler-less app would) and Debian's Chromium with a profile of its own.
import { mkdtempSync, rmSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { extname, join, normalize, sep } from "node:path"
import { chromium, type BrowserContext } from "playwright-core"
import { CONTENT_TYPES } from "../runtime/compat/compat-browser"
import { chromiumOptions } from "../runtime/browser/chromium.js"

const root = normalize(join(__dirname, ".."))

/** Headers that make a page cross-origin isolated (SharedArrayBuffer, the OPFS bridge). */
export const ISOLATED = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" }

/** A page whose module script may import the package's two runtime dependencies by name. */
export const htmlPage = (moduleScript: string) => `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports": {
  "quickjs-emscripten-core": "/node_modules/quickjs-emscripten-core/dist/index.mjs",
  "@jitl/quickjs-ffi-types": "/node_modules/@jitl/quickjs-ffi-types/dist/index.mjs"
}}</script>
<script type="module">${moduleScript}</script>`

export interface RepoServer {
  /** the root page, `http://127.0.0.1:PORT/` */
  url: string
  close(): Promise<void>
}

/**
 * Serves the repo root, and `routes` (a path and its text; a path without an extension, such as
 * "/", is a page) before it. `headers` go on every answer but the 403s and 404s.
 */
export async function serveRepo(routes: Record<string, string>, headers: Record<string, string> = {}): Promise<RepoServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost")
    const inline = Object.prototype.hasOwnProperty.call(routes, url.pathname) ? routes[url.pathname] : undefined
    if (inline !== undefined) {
      const type = CONTENT_TYPES[extname(url.pathname)] ?? "text/html"
      return void res.writeHead(200, { "content-type": type, ...headers }).end(inline)
    }
    const file = normalize(join(root, decodeURIComponent(url.pathname)))
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end()
    try {
      const body = await readFile(file)
      res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", ...headers }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export interface Chromium {
  context: BrowserContext
  /** closes the browser and removes its profile */
  close(): Promise<void>
}

/** Chromium on a new, empty profile: each test file starts with an origin whose OPFS is its own. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "qjsw-chromium-"))
  try {
    const context = await chromium.launchPersistentContext(profile, chromiumOptions())
    return {
      context,
      async close() {
        try {
          await context.close()
        } finally {
          rmSync(profile, { recursive: true, force: true })
        }
      },
    }
  } catch (e) {
    rmSync(profile, { recursive: true, force: true })
    throw e
  }
}
