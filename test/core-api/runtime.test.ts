/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI,
 * one file per area (helpers in ./helpers.ts). Expected values come from JavaScript semantics
 * and the core's documented behaviour, never from our own output.
 *
 * This file: the runtime's interrupt handler, memory limit, stack overflow, disposal without
 * leaks and memory usage.
 */
import { beforeAll, describe, expect, it, vi } from "vitest"
import { Scope, TestQuickJSWASMModule, errors, shouldInterruptAfterDeadline, type QuickJSHandle } from "quickjs-emscripten-core"
import { newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"
import { evalDump, evalError, loadModule, mod, withRuntime } from "./helpers"

beforeAll(loadModule)

describe("quickjs-emscripten-core API on the WasmFS build", () => {
  it("interrupt handler stops an infinite loop", async () => {
    await withRuntime((rt, ctx) => {
      const deadline = Date.now() + 200
      rt.setInterruptHandler(shouldInterruptAfterDeadline(deadline))
      const started = Date.now()
      const err = evalError(ctx, "while (true) {}")
      expect(Date.now()).toBeGreaterThanOrEqual(deadline)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(err.name).toBe("InternalError")
      expect(err.message).toBe("interrupted")
      // the context is still usable afterwards
      rt.removeInterruptHandler()
      expect(evalDump(ctx, "let n = 0; for (let i = 0; i < 1000; i++) n += i; n")).toBe(499500)

      // a handler that interrupts at once
      let calls = 0
      rt.setInterruptHandler(() => {
        calls++
        return true
      })
      const err2 = evalError(ctx, "for (;;) {}")
      expect(err2.message).toBe("interrupted")
      expect(calls).toBeGreaterThan(0)
      rt.removeInterruptHandler()
      expect(evalDump(ctx, "'alive'")).toBe("alive")
    })
  })

  it("memory limit gives a catchable error and can be raised", async () => {
    await withRuntime((rt, ctx) => {
      rt.setMemoryLimit(8 * 1024 * 1024)
      // a huge array: error result (in a function, so the partial array is garbage afterwards)
      const arrayErr = ctx.evalCode("(() => { const big = []; for (let i = 0; i < 1e7; i++) big.push({ i }); return big.length })()")
      expect(arrayErr.error).toBeDefined()
      arrayErr.dispose()
      // a huge string: error result
      const strErr = ctx.evalCode("'x'.repeat(64 * 1024 * 1024).length")
      expect(strErr.error).toBeDefined()
      strErr.dispose()
      // the guest can catch it
      expect(
        evalDump(
          ctx,
          `(() => {
            try { const s = 'y'.repeat(64 * 1024 * 1024); return ['not caught', s.length] }
            catch (e) { return ['caught', e instanceof Error] }
          })()`,
        ),
      ).toEqual(["caught", true])
      // small allocations still work under the limit
      expect(evalDump(ctx, "'ok'.repeat(3)")).toBe("okokok")
      // after raising the limit, the big allocation works
      rt.setMemoryLimit(-1)
      expect(evalDump(ctx, "'x'.repeat(16 * 1024 * 1024).length")).toBe(16 * 1024 * 1024)
      rt.setMemoryLimit(256 * 1024 * 1024)
      expect(evalDump(ctx, "new Array(1e6).fill(1).length")).toBe(1e6)
      rt.setMemoryLimit(8 * 1024 * 1024)
      // the limit is on what the runtime holds in total, not on each allocation:
      // 64 live strings of 1 MiB each cannot fit in 8 MiB
      expect(
        evalDump(
          ctx,
          `(() => {
            const keep = [];
            try {
              for (let i = 0; i < 64; i++) keep.push('z'.repeat(1024 * 1024) + i);
              return ['not caught', keep.length];
            } catch (e) {
              return ['caught', keep.length < 8];
            }
          })()`,
        ),
      ).toEqual(["caught", true])
    })
  })

  it("infinite recursion is a catchable guest error", async () => {
    // A module of its own: if a host exception unwinds through the Wasm frames, the QuickJS
    // runtime (and the Wasm stack pointer) is left in a state other tests must not inherit.
    const isolated = await newQuickJSWASMModuleWithWasmFS()

    // with an explicit setMaxStackSize
    const rt = isolated.newRuntime()
    rt.setMaxStackSize(256 * 1024)
    const small = rt.newContext()
    let poisoned = false
    try {
      const err = evalError(small, "function f() { return f() + 1 } f()", "recursion-small.js")
      expect(["RangeError", "InternalError"]).toContain(err.name)
      expect(evalDump(small, "1 + 1")).toBe(2)
    } catch (e) {
      poisoned = true
      throw e
    } finally {
      if (!poisoned) {
        small.dispose()
        rt.dispose()
      }
    }

    // with the defaults
    const ctx = isolated.newContext()
    try {
      const err = evalError(ctx, "function f() { return f() + 1 } f()", "recursion.js")
      expect(["RangeError", "InternalError"]).toContain(err.name)
      expect(err.stack).toContain("recursion.js")
      // catchable inside the guest
      const caught = evalDump(
        ctx,
        `(() => {
          function g() { return g() + 1 }
          try { g(); return 'no error' } catch (e) { return e.name }
        })()`,
      )
      expect(["RangeError", "InternalError"]).toContain(caught)
      // the context still works afterwards, including ordinary recursion
      expect(evalDump(ctx, "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(20)")).toBe(6765)
      // the default limit (native/ffi/qts.h) leaves room for about 900 plain frames
      expect(evalDump(ctx, "function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) } depth(800)")).toBe(800)
    } catch (e) {
      poisoned = true
      throw e
    } finally {
      if (!poisoned) ctx.dispose()
    }
  })

  it("disposes without leaks", async () => {
    const testModule = new TestQuickJSWASMModule(mod)
    try {
      // A runtime with a context: objects, functions, a cycle, host refs. (The runtime comes
      // from the plain module: in core 0.32, QuickJSWASMModule.newRuntime ignores the
      // ownedLifetimes TestQuickJSWASMModule.newRuntime relies on, so that wrapper would
      // report any runtime it made as leaked. QuickJS's JS_FreeRuntime asserts that no
      // object is left, so rt.dispose() not throwing is the leak check here.)
      const rt = mod.newRuntime()
      const ctx = rt.newContext()
      const scope = new Scope()
      const obj = scope.manage(ctx.newObject())
      const arr = scope.manage(ctx.newArray())
      const fn = scope.manage(
        ctx.newFunction("sum", (a: QuickJSHandle, b: QuickJSHandle) => ctx.newNumber(ctx.getNumber(a) + ctx.getNumber(b))),
      )
      ctx.setProp(obj, "fn", fn)
      ctx.setProp(obj, "arr", arr)
      ctx.setProp(arr, 0, obj) // a cycle, collected by QuickJS's cycle collector
      ctx.setProp(ctx.global, "obj", obj)
      const payload = { secret: "host value" }
      const ref = ctx.newHostRef(payload)
      expect(ref.value).toBe(payload)
      ctx.setProp(ctx.global, "ref", ref.handle)
      // the guest can pass it back; the host unwraps it
      const unwrap = scope.manage(
        ctx.newFunction("unwrap", (h: QuickJSHandle) => {
          const back = ctx.toHostRef<typeof payload>(h)
          if (!back) return ctx.newString("not a host ref")
          try {
            return ctx.newString(back.value.secret)
          } finally {
            back.dispose()
          }
        }),
      )
      ctx.setProp(ctx.global, "unwrap", unwrap)
      expect(evalDump(ctx, "[obj.fn(1, 2), unwrap(ref), unwrap({}), typeof ref]")).toEqual([3, "host value", "not a host ref", "object"])
      expect(ctx.unwrapHostRef(ref.handle)).toBe(payload)
      expect(ctx.toHostRef(obj)).toBeUndefined()
      expect(() => ctx.unwrapHostRef(obj)).toThrow(errors.QuickJSHostRefInvalid)
      ref.dispose()
      // the guest still holds it
      expect(ref.value).toBe(payload)
      scope.manage(ctx.newPromise())
      scope.manage(ctx.unwrapResult(ctx.evalCode("globalThis.pending = new Promise(() => {}); pending")))
      scope.manage(ctx.unwrapResult(ctx.evalCode("(async () => { await new Promise(() => {}) })()")))
      scope.dispose()
      ctx.dispose()
      expect(() => rt.dispose()).not.toThrow()
      expect(rt.alive).toBe(false)
      // once the runtime is gone, the host value is released
      expect(() => ref.value).toThrow(errors.QuickJSHostRefInvalid)

      // contexts from the test wrapper (each owns its runtime)
      const ctx2 = testModule.newContext()
      evalDump(ctx2, "globalThis.keep = { a: [1, 2, 3], f() { return this.a } }; keep.self = keep; 1")
      const h = ctx2.unwrapResult(ctx2.evalCode("keep.f()"))
      expect(ctx2.dump(h)).toEqual([1, 2, 3])
      h.dispose()
      const ctx3 = testModule.newContext()
      const fn3 = ctx3.newFunction("f3", () => ctx3.newObject())
      const ref3 = ctx3.newHostRef(new Map())
      ctx3.setProp(ctx3.global, "f3", fn3)
      ctx3.setProp(ctx3.global, "r3", ref3.handle)
      evalDump(ctx3, "globalThis.made = [f3(), f3(), r3]; 1")
      fn3.dispose()
      ref3.dispose()
      expect(testModule.contexts.size).toBe(2)
      expect(() => ctx2.dispose()).not.toThrow()
      expect(() => ctx3.dispose()).not.toThrow()

      testModule.assertNoMemoryAllocated()
    } finally {
      testModule.disposeAll()
    }

    // a host function (and a HostRef) given to the guest is released when the guest drops it
    await withRuntime((rt, ctx) => {
      const putSpy = vi.spyOn(rt.hostRefs, "put")
      const fnHandle = ctx.newFunction("dropMe", () => ctx.newString("called"))
      const fnId = putSpy.mock.results[0]?.value as Parameters<typeof rt.hostRefs.get>[0]
      putSpy.mockRestore()
      expect(fnId).toBeDefined()
      ctx.setProp(ctx.global, "dropMe", fnHandle)
      fnHandle.dispose()
      expect(evalDump(ctx, "dropMe()")).toBe("called")
      // still referenced by the guest: the host function is still registered
      expect(typeof rt.hostRefs.get(fnId)).toBe("function")
      evalDump(ctx, "delete globalThis.dropMe; 0")
      expect(() => rt.hostRefs.get(fnId)).toThrow(errors.QuickJSHostRefInvalid)

      const ref = ctx.newHostRef({ n: 1 })
      ctx.setProp(ctx.global, "heldRef", ref.handle)
      ref.dispose()
      expect(ref.value).toEqual({ n: 1 })
      evalDump(ctx, "delete globalThis.heldRef; 0")
      expect(() => ref.value).toThrow(errors.QuickJSHostRefInvalid)
    })
  })

  it("computeMemoryUsage / dumpMemoryUsage", async () => {
    await withRuntime((rt, ctx) => {
      evalDump(ctx, "globalThis.junk = Array.from({ length: 1000 }, (_, i) => ({ i, s: 'item ' + i })); 1")
      const usage = rt.computeMemoryUsage().consume((h) => ctx.dump(h))
      expect(typeof usage).toBe("object")
      expect(usage.memory_used_size).toBeGreaterThan(0)
      expect(usage.malloc_count).toBeGreaterThan(0)
      expect(usage.obj_count).toBeGreaterThan(1000)
      expect(usage.array_count).toBeGreaterThan(0)
      const text = rt.dumpMemoryUsage()
      expect(typeof text).toBe("string")
      expect(text.toLowerCase()).toContain("memory")
      // memory_used_size grows with what the guest holds; the malloc'd total (what setMemoryLimit
      // is compared against) is only in the dump, as in the stock variants (vs-stock-variant.test.ts)
      const allocated = () => Number(/memory allocated\s+\d+\s+(\d+)/.exec(rt.dumpMemoryUsage())?.[1])
      const allocatedBefore = allocated()
      evalDump(ctx, "globalThis.more = 'z'.repeat(1024 * 1024); 1")
      const after = rt.computeMemoryUsage().consume((h) => ctx.dump(h))
      expect(after.memory_used_size - usage.memory_used_size).toBeGreaterThanOrEqual(1024 * 1024)
      expect(allocated() - allocatedBefore).toBeGreaterThanOrEqual(1024 * 1024)
    })
  })
})
