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
  {
    // quickjs-wasmfs/browser's worker: workers have no import maps, so its dependencies are
    // bundled into it (the page-side entry above has none).
    entries: [{ input: "runtime/browser-worker", name: "browser-worker" }],
    declaration: false,
    clean: false,
    rollup: { emitCJS: false, inlineDependencies: true, resolve: { browser: true } },
    failOnWarn: false,
    hooks: {
      // unbuild keeps package.json dependencies external whatever the config says
      "rollup:options"(_ctx, options) {
        options.external = (id: string) => /build\/wasm\//.test(id)
      },
    },
  },
])
