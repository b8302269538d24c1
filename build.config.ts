import { defineBuildConfig } from "unbuild"

export default defineBuildConfig([
  {
    entries: [
      { input: "runtime/index", name: "index" },
      { input: "runtime/cli", name: "cli" },
      { input: "runtime/browser", name: "browser" },
    ],
    declaration: true,
    clean: true,
    rollup: { emitCJS: false },
    // The Emscripten loader and .wasm ship as they are, next to dist/ (package "files").
    // playwright-core is optional (compat --browser): imported at run time, never bundled.
    externals: [/build\/wasm\//, "playwright-core"],
  },
  // quickjs-wasmfs/browser's worker: workers have no import maps, so its dependencies are
  // bundled into it (the page-side entry above has none).
  workerBundle("runtime/browser-worker", "browser-worker"),
  // The OPFS worker that the bridge (runtime/opfs-bridge.ts: no JSPI, cross-origin-isolated
  // page) starts next to it. A build of its own, so that neither worker imports a chunk shared
  // with the other: each is one file.
  workerBundle("runtime/opfs-worker", "opfs-worker"),
])

function workerBundle(input: string, name: string) {
  return {
    entries: [{ input, name }],
    declaration: false,
    clean: false,
    rollup: { emitCJS: false, inlineDependencies: true, resolve: { browser: true } },
    failOnWarn: false,
    hooks: {
      // unbuild keeps package.json dependencies external whatever the config says
      "rollup:options"(_ctx: unknown, options: { external?: unknown }) {
        options.external = (id: string) => /build\/wasm\//.test(id)
      },
    },
  }
}
