/**
 * Where quickjs-emscripten 0.32's own suite (its quickjs.test.ts) once told our variant from the
 * stock release-sync one: the same code runs on both variants and must give the same result.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from "quickjs-emscripten-core"
import stockVariant from "@jitl/quickjs-wasmfile-release-sync"
import { QuickJSWasmFSVariant, newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

const variants: [string, QuickJSSyncVariant][] = [
  ["stock", stockVariant],
  ["wasmfs", QuickJSWasmFSVariant],
]

const modules = new Map<string, Promise<QuickJSWASMModule>>()
const moduleOf = (name: string, variant: QuickJSSyncVariant) => {
  if (!modules.has(name)) modules.set(name, newQuickJSWASMModuleFromVariant(variant))
  return modules.get(name)!
}

/** `fn` on a fresh context of each variant's module; the results, by variant. */
async function onBoth<T>(fn: (mod: QuickJSWASMModule) => T | Promise<T>): Promise<Record<string, T>> {
  const out: Record<string, T> = {}
  for (const [name, variant] of variants) out[name] = await fn(await moduleOf(name, variant))
  return out
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe("quickjs-emscripten-core compatibility, differential against the stock variant", () => {
  it("computeMemoryUsage has the stock keys, in the stock order, all numbers", async () => {
    const usage = await onBoth((mod) => {
      const ctx = mod.newContext()
      try {
        const u = ctx.runtime.computeMemoryUsage().consume((h) => ctx.dump(h)) as Record<string, unknown>
        return { keys: Object.keys(u), types: [...new Set(Object.values(u).map((v) => typeof v))] }
      } finally {
        ctx.dispose()
      }
    })
    expect(usage.wasmfs).toEqual(usage.stock)
    expect(usage.stock.types).toEqual(["number"])
    expect(usage.stock.keys).toContain("memory_used_size")
    expect(usage.stock.keys).not.toContain("malloc_size")
  })

  it("dumpMemoryUsage still reports what the limit is compared against", async () => {
    const mod = await moduleOf("wasmfs", QuickJSWasmFSVariant)
    const ctx = mod.newContext()
    try {
      ctx.runtime.setMemoryLimit(8 << 20)
      expect(ctx.runtime.dumpMemoryUsage()).toMatch(/malloc limit: 8388608/)
      expect(ctx.runtime.dumpMemoryUsage()).toMatch(/memory allocated\s+\d+\s+\d+/)
    } finally {
      ctx.dispose()
    }
  })

  it("setMemoryLimit below what the runtime holds: every allocation fails, the exception is null", async () => {
    // quickjs-emscripten's ".setMemoryLimit sets an enforced limit" and "removes limit when set to -1"
    const results = await onBoth((mod) => {
      const ctx = mod.newContext()
      try {
        ctx.runtime.setMemoryLimit(100)
        const result = ctx.evalCode(`new Uint8Array(101); "ok"`)
        ctx.runtime.setMemoryLimit(-1) // so we can dump
        const failed = result.error
          ? ["error", result.error.consume((h) => ctx.dump(h))]
          : ["value", result.value.consume((h) => ctx.dump(h))]
        ctx.runtime.setMemoryLimit(100)
        ctx.runtime.setMemoryLimit(-1)
        const after = ctx.unwrapResult(ctx.evalCode(`new Uint8Array(101); "ok"`)).consume((h) => ctx.dump(h))
        return { failed, after }
      } finally {
        ctx.dispose()
      }
    })
    expect(results.wasmfs).toEqual(results.stock)
    expect(results.stock).toEqual({ failed: ["error", null], after: "ok" })
  })

  it("a runtime that reaches its limit gets a catchable InternalError, also from many small allocations", async () => {
    // Here the error object needs memory past the limit: our allocator lends a reserve for it
    // (native/ffi/qts_allocator.c), as long as the runtime was within its limit before.
    const code = `(() => {
      const keep = [];
      try { for (;;) keep.push({ n: keep.length }); }
      catch (e) { return [e instanceof Error, e.name, e.message, keep.length > 1000]; }
    })()`
    const results = await onBoth((mod) => {
      const ctx = mod.newContext()
      try {
        ctx.runtime.setMemoryLimit(4 << 20)
        const r = ctx.unwrapResult(ctx.evalCode(code)).consume((h) => ctx.dump(h))
        ctx.runtime.setMemoryLimit(-1)
        return r
      } finally {
        ctx.dispose()
      }
    })
    expect(results.wasmfs).toEqual(results.stock)
    expect(results.stock).toEqual([true, "InternalError", "out of memory", true])
  })

  it("newVariant({ wasmMemory }) instantiates the module on the given memory", async () => {
    // quickjs-emscripten's "newVariant uses the provided WebAssembly.Memory"
    for (const [name, variant] of variants) {
      const wasmMemory = new WebAssembly.Memory({ initial: 16777216 / 65536, maximum: 2147483648 / 65536 })
      const mod = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory }))
      expect(mod.getWasmMemory(), name).toBe(wasmMemory)
      const ctx = mod.newContext()
      try {
        const before = wasmMemory.buffer.byteLength
        // 32 MiB of string: the heap grows, in the memory we gave
        expect(
          ctx.unwrapResult(ctx.evalCode("'x'.repeat(32 << 20).length")).consume((h) => ctx.dump(h)),
          name,
        ).toBe(32 << 20)
        expect(wasmMemory.buffer.byteLength, name).toBeGreaterThan(before)
      } finally {
        ctx.dispose()
      }
    }
  })

  it("newQuickJSWASMModuleWithWasmFS({ wasmMemory }) uses it too, fs included", async () => {
    const wasmMemory = new WebAssembly.Memory({ initial: 256, maximum: 32768 })
    const mod = await newQuickJSWASMModuleWithWasmFS({ wasmMemory })
    expect(mod.getWasmMemory()).toBe(wasmMemory)
    const ctx = mod.newContext()
    try {
      const text = "written in a memory the host made"
      const result = ctx.evalCode(
        `import fs from 'node:fs';
         fs.writeFileSync('/m.txt', ${JSON.stringify(text)});
         export const back = fs.readFileSync('/m.txt', 'utf8');`,
        "/main.mjs",
        { type: "module" },
      )
      expect(ctx.unwrapResult(result).consume((h) => ctx.dump(h))).toEqual({ back: text })
      // the file's bytes live in that memory
      const bytes = new TextEncoder().encode(text)
      const heap = new Uint8Array(wasmMemory.buffer)
      let found = false
      for (let i = heap.indexOf(bytes[0]); i >= 0 && !found; i = heap.indexOf(bytes[0], i + 1)) {
        found = bytes.every((b, j) => heap[i + j] === b)
      }
      expect(found).toBe(true)
    } finally {
      ctx.dispose()
    }
  })

  it("a memory the module cannot use is refused loudly, as by the stock variant", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}) // Emscripten's own line about it
    const unusable: [string, () => unknown][] = [
      ["too small", () => new WebAssembly.Memory({ initial: 1, maximum: 32768 })],
      ["without a maximum", () => new WebAssembly.Memory({ initial: 256 })],
      ["not a Memory", () => ({ buffer: new ArrayBuffer(16 << 20) })],
    ]
    for (const [what, make] of unusable) {
      const outcomes: Record<string, string> = {}
      for (const [name, variant] of variants) {
        outcomes[name] = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: make() as WebAssembly.Memory })).then(
          () => "accepted",
          (e: unknown) => (String(e).includes("LinkError") ? "LinkError" : String(e)),
        )
      }
      expect(outcomes, what).toEqual({ stock: "LinkError", wasmfs: "LinkError" })
    }
  })
})
