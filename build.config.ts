import { rm } from "node:fs/promises"
import { defineBuildConfig } from "unbuild"

const NODE_STUB = "\0node-stub"
// The Emscripten loader's one reference to its .wasm, seen from build/wasm/
const WASM_URL = 'new URL("quickjs-wasmfs.wasm",import.meta.url)'

const browserOnly = {
  name: "quickjs-wasmfs-browser-only",
  // Node's modules are imported only on Node's paths (host mounts, the loader's Node branch),
  // never taken in a browser: an empty module stands in for them.
  resolveId(id: string) {
    return /^node:/.test(id) || id === "module" ? NODE_STUB : null
  },
  load(id: string) {
    return id === NODE_STUB ? "export {}" : null
  },
  // The loader is inlined into dist/: its .wasm is now ../build/wasm/ from there.
  transform(code: string, id: string) {
    if (!id.endsWith("/build/wasm/quickjs-wasmfs.mjs")) return null
    if (!code.includes(WASM_URL)) throw new Error(`quickjs-wasmfs build: ${WASM_URL} not found in the Emscripten loader`)
    return code.replace(WASM_URL, 'new URL("../build/wasm/quickjs-wasmfs.wasm",import.meta.url)')
  },
}

export default defineBuildConfig([
  {
    entries: [
      { input: "runtime/index", name: "index" },
      { input: "runtime/cli/cli", name: "cli" },
      { input: "runtime/browser/browser", name: "browser" },
    ],
    declaration: "node16",
    clean: true,
    // index.cjs for require(): it loads the (ESM) Emscripten loader with import(), which a
    // CommonJS module may do in an async function. The CLI and the browser entry are ESM only.
    rollup: { emitCJS: true },
    // The Emscripten loader and .wasm ship as they are, next to dist/ (package "files").
    // playwright-core is optional (compat --browser): imported at run time, never bundled.
    externals: [/build\/wasm\//, "playwright-core"],
    hooks: {
      // (unbuild has no per-entry switch for these: nothing in package.json points at them)
      async "rollup:done"(ctx: { options: { outDir: string } }) {
        const out = ctx.options.outDir
        for (const f of ["cli.cjs", "cli.d.mts", "cli.d.cts", "browser.cjs", "browser.d.cts"]) await rm(`${out}/${f}`, { force: true })
      },
    },
  },
  // quickjs-wasmfs/browser's worker: workers have no import maps, so its dependencies are
  // bundled into it (the page-side entry above has none).
  workerBundle("runtime/browser/browser-worker", "browser-worker"),
  // The OPFS worker that the bridge (runtime/opfs/opfs-bridge.ts: no JSPI, cross-origin-isolated
  // page) starts next to it. A build of its own, so that neither worker imports a chunk shared
  // with the other: each is one file.
  workerBundle("runtime/opfs/opfs-worker", "opfs-worker"),
])

// Each worker is one file with no import() left in it (the FFI and the Emscripten loader
// inlined, Node's modules stubbed), because bundlers rebuild the workers they find through
// `new Worker(new URL(...))` and Vite's default worker format (iife) refuses code splitting.
// The .wasm stays a file, found with `new URL(..., import.meta.url)` as bundlers expect.
function workerBundle(input: string, name: string) {
  return {
    entries: [{ input, name }],
    declaration: false,
    clean: false,
    rollup: {
      emitCJS: false,
      inlineDependencies: true,
      resolve: { browser: true },
      output: { inlineDynamicImports: true },
    },
    failOnWarn: false,
    hooks: {
      "rollup:options"(_ctx: unknown, options: { external?: unknown; plugins: unknown[] }) {
        // unbuild keeps package.json dependencies external whatever the config says
        options.external = () => false
        options.plugins.unshift(browserOnly)
      },
    },
  }
}
