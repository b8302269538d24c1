// The host's side of the compile cache (native/loader/compile_cache.c): where the bytecode of the
// guest's CommonJS files and ES modules is kept, by the key the engine made from the engine's
// bytecode format, the file name and the source. A file compiled once is read back instead of
// parsed by every later sandbox sharing the store, and (through a directory: compile-cache-dir.ts,
// the CLI's default) by later processes.
//
// Only the engine writes entries: a store hands back exactly bytes it was given for a key. A
// store shared by sandboxes that distrust each other is safe: what a key gets is what
// compiling that source under that name gives, whoever compiled it first.
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { emscriptenModuleOf } from "./guest-calls"

/** Bytecode by key, as the engine gives and asks for it (synchronously). */
export interface CompileCacheStore {
  get(key: Uint8Array): Uint8Array | undefined
  set(key: Uint8Array, bytecode: Uint8Array): void
}

export const keyHex = (key: Uint8Array): string => Array.from(key, (b) => b.toString(16).padStart(2, "0")).join("")

/** The most recently used entries, up to `maxBytes` of bytecode in all. */
export class MemoryCompileCache implements CompileCacheStore {
  private readonly entries = new Map<string, Uint8Array>()
  private bytes = 0

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const k = keyHex(key)
    const hit = this.entries.get(k)
    if (hit) {
      this.entries.delete(k)
      this.entries.set(k, hit)
    }
    return hit
  }

  set(key: Uint8Array, bytecode: Uint8Array): void {
    if (bytecode.length > this.maxBytes) return
    const k = keyHex(key)
    const old = this.entries.get(k)
    if (old) this.bytes -= old.length
    this.entries.delete(k)
    this.entries.set(k, bytecode)
    this.bytes += bytecode.length
    for (const [oldest, data] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= data.length
    }
  }

  get size(): number {
    return this.bytes
  }
}

/** What sandboxes of this process share when their options name no store. */
export const processCompileCache = new MemoryCompileCache()

/** The store every context of `module` compiles through (module-wide: one engine, one store). */
export function setCompileCache(module: QuickJSWASMModule, store: CompileCacheStore | undefined): void {
  const em = emscriptenModuleOf(module)
  if (store) em.qjswCodeCache = store
  else delete em.qjswCodeCache
}

export function compileCacheOf(module: QuickJSWASMModule): CompileCacheStore | undefined {
  return emscriptenModuleOf(module).qjswCodeCache
}
