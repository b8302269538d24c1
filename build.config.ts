import { defineBuildConfig } from "unbuild"

export default defineBuildConfig({
  entries: [{ input: "runtime/index", name: "index" }, { input: "runtime/cli", name: "cli" }],
  declaration: true,
  clean: true,
  rollup: { emitCJS: false },
  // The Emscripten loader and .wasm ship as they are, next to dist/ (package "files").
  // playwright-core is optional (compat --browser): imported at run time, never bundled.
  externals: [/build\/wasm\//, "playwright-core"],
})
