import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const wasmDir = join(__dirname, "../build/wasm")
const wasm = readFileSync(join(wasmDir, "quickjs-wasmfs.wasm"))
const loader = readFileSync(join(wasmDir, "quickjs-wasmfs.mjs"), "utf8")
const symbols = readFileSync(join(wasmDir, "quickjs-wasmfs.mjs.symbols"), "utf8")
const declared = JSON.parse(readFileSync(join(__dirname, "../build/gen/exports.json"), "utf8")) as string[]

describe("the Wasm build", () => {
  const module = new WebAssembly.Module(wasm)
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name))

  it("exports every QTS_ function @jitl/quickjs-ffi-types declares", () => {
    const qts = declared.filter((name) => name.startsWith("_QTS_")).map((name) => name.slice(1))
    expect(qts.length).toBe(68)
    expect(qts.filter((name) => !exports.has(name))).toEqual([])
    expect(exports.has("malloc") && exports.has("free")).toBe(true)
  })

  it("links WasmFS with our bounded in-memory backend as its root", () => {
    // native/wasmfs/memory_backend.cpp: our StoredFile (no vector to abort) and StoredDirectory
    // (names indexed), in place of Emscripten's MemoryDataFile and MemoryDirectory
    expect(symbols).toMatch(/^\d+:\\28anonymous\\20namespace\\29::StoredFile::write/m)
    expect(symbols).toMatch(/^\d+:\\28anonymous\\20namespace\\29::StoredDirectory::getChild/m)
    expect(symbols).not.toMatch(/^\d+:wasmfs::MemoryDataFile::write/m)
    expect(symbols).not.toMatch(/^\d+:wasmfs::MemoryDirectory::getChild/m)
  })

  it("carries no JavaScript filesystem and is not a FILESYSTEM=0 build", () => {
    // The legacy JS FS (library_fs.js) defines these; WasmFS keeps files inside Wasm memory.
    expect(loader).not.toMatch(/\bMEMFS\b/)
    expect(loader).not.toMatch(/\bFS\.createPath\b|\bFS_createPath\b/)
    // FILESYSTEM=0 builds have no file backends at all; ours keeps WasmFS's file classes.
    expect(symbols).toMatch(/^\d+:wasmfs::File::/m)
  })

  it("serves builtins from inside the module", () => {
    expect(symbols).toMatch(/^\d+:js_fs_read_file_utf8$/m)
  })
})
