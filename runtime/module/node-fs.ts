// node:fs for what must reach it synchronously (the mounts' Node host: mounts are made inside
// synchronous calls), loaded where Node loads the Wasm module, which is asynchronous anyway.
// Imported, never bundled: browser builds stub node:* modules, and never come here.
import type * as NodeFs from "node:fs"

let fs: typeof NodeFs | undefined

export async function loadNodeFs(): Promise<void> {
  fs ??= await import("node:fs")
}

/** node:fs, once loadNodeFs() has run (every Wasm module's loading in Node runs it). */
export function nodeFs(): typeof NodeFs {
  if (!fs) throw new Error("quickjs-wasmfs: node:fs is not loaded (a Wasm module not loaded through quickjs-wasmfs's loader)")
  return fs
}
