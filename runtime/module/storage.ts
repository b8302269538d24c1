import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import type { QuickJSFFI } from "../generated/ffi"
import { wasmfsFFI } from "./guest-calls"

/** The default bound of a module's in-memory file tree: 256 MiB. */
export const DEFAULT_STORAGE_LIMIT = 256 * 1024 * 1024

function storageFFI(module: QuickJSWASMModule): QuickJSFFI {
  const ffi = wasmfsFFI(module)
  if (typeof ffi.qjsw_storage_set_limit !== "function") {
    throw new Error("quickjs-wasmfs: this module has no storage bound (not a quickjs-wasmfs module)")
  }
  return ffi
}

/**
 * Bounds the bytes a module's in-memory file tree may hold (file contents, plus 512 bytes per
 * file, directory and symlink); growth beyond it fails with ENOSPC. The tree belongs to the
 * Wasm module, so the bound is shared by every sandbox of the module. `Infinity`: no bound but
 * Wasm memory itself. Mounted host directories and /opfs are not counted.
 */
export function setStorageLimit(module: QuickJSWASMModule, bytes: number): void {
  if (typeof bytes !== "number" || !(bytes >= 0)) {
    throw new RangeError(`quickjs-wasmfs: storageLimit must be a number of bytes >= 0, got ${String(bytes)}`)
  }
  storageFFI(module).qjsw_storage_set_limit(bytes === Infinity ? -1 : Math.floor(bytes))
}

/** Bytes the module's in-memory file tree holds now, and its bound (Infinity: none). */
export function storageUsage(module: QuickJSWASMModule): { used: number; limit: number } {
  const ffi = storageFFI(module)
  const limit = ffi.qjsw_storage_limit()
  return { used: ffi.qjsw_storage_used(), limit: limit < 0 ? Infinity : limit }
}
