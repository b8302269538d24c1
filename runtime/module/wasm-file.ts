// Where Node finds quickjs-wasmfs.wasm. Emscripten's loader reads it itself and, when it is
// missing, prints "Aborted(...)" to stderr and rejects with a WebAssembly.RuntimeError. That is
// what a Node bundle (esbuild, ncc) meets: it carries the loader but not the .wasm. So in Node
// the file is read here first and handed over as `wasmBinary`, and a missing one is one clear
// error that says what to do.
import type { EmscriptenModuleLoader, QuickJSEmscriptenModule } from "@jitl/quickjs-ffi-types"

import { loadNodeFs } from "./node-fs"

type Loader = EmscriptenModuleLoader<QuickJSEmscriptenModule>
type LoaderOptions = NonNullable<Parameters<Loader>[0]>

const WASM = "quickjs-wasmfs.wasm"

const isNode = typeof process === "object" && typeof process.versions === "object" && typeof process.versions.node === "string"

export function withNodeWasmFile(loader: Loader): Loader {
  if (!isNode) return loader
  return async (options: LoaderOptions = {}) => {
    if (!options.wasmBinary && !options.instantiateWasm) options.wasmBinary = await readWasm(options)
    await loadNodeFs()
    return loader(options)
  }
}

// Where the loader would look: locateFile's answer (wasmLocation), else next to the loader,
// which is build/wasm/ seen from dist/ as installed (or from runtime/module/ in the source
// tree, as the tests run it), or the bundle's own directory once bundled.
function places(options: LoaderOptions): (string | URL)[] {
  if (options.locateFile) {
    const at = options.locateFile(WASM, "")
    return [at.startsWith("file:") ? new URL(at) : at]
  }
  const here = (import.meta as { url?: string }).url
  return typeof here === "string" && here.startsWith("file:")
    ? [new URL(`../build/wasm/${WASM}`, here), new URL(`../../build/wasm/${WASM}`, here), new URL(WASM, here)]
    : []
}

async function readWasm(options: LoaderOptions): Promise<ArrayBuffer> {
  const { readFile } = await import("node:fs/promises")
  const { fileURLToPath } = await import("node:url")
  const tried: string[] = []
  let cause: unknown
  for (const place of places(options)) {
    try {
      const bytes = await readFile(place)
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    } catch (e) {
      cause = e
      tried.push(place instanceof URL ? fileURLToPath(place) : place)
    }
  }
  const error = new Error(
    `quickjs-wasmfs: cannot read ${WASM}${tried.length ? ` (tried ${tried.join(", ")})` : ""}. ` +
      `A Node bundle does not carry it: copy the file that "quickjs-wasmfs/wasm" resolves to next to the bundle, ` +
      `or pass its bytes or path: newQuickJSWASMModuleWithWasmFS({ wasmBinary }) or ({ wasmLocation }), ` +
      `then createSandbox({ module }).`,
    { cause },
  ) as Error & { code?: string }
  error.code = (cause as { code?: string } | undefined)?.code ?? "ENOENT"
  throw error
}
