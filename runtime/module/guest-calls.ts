// How the sandbox enters guest code: the core's synchronous calls, or, when a host of the Wasm
// module may make the Wasm stack wait for the browser (the OPFS mount, through JSPI), the same
// exports reached through WebAssembly.promising, so that such a wait suspends the guest instead
// of failing. Results come back as the core's handles either way.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import type { QuickJSFFI } from "../generated/ffi"
import type { CompileCacheStore } from "./compile-cache"
import type { MountHost } from "../mounts/mount-host"
import { valuePointer } from "./pointers"

export type Outcome<T> = { value: T; error?: undefined } | { value?: undefined; error: QuickJSHandle }

export interface GuestCalls {
  call(fn: QuickJSHandle, thisVal: QuickJSHandle, args: QuickJSHandle[]): Promise<Outcome<QuickJSHandle>>
  executePendingJobs(): Promise<Outcome<number>>
  evalModule(code: string, filename: string): Promise<Outcome<QuickJSHandle>>
  /** A global script, as the core's evalCode(code, filename) without options (a module when it looks like one). */
  evalScript(code: string, filename: string): Promise<Outcome<QuickJSHandle>>
}

/** The Emscripten module of a quickjs-wasmfs QuickJSWASMModule, with what native/glue/pre.js adds. */
export interface WasmFSEmscriptenModule {
  qjswPromising?: (name: string) => (...args: number[]) => Promise<number>
  qjswActive?: boolean
  /** The hosts of mounts by id (runtime/mounts/mount-host.ts; 0 is none). */
  qjswHosts?: (MountHost | undefined)[]
  /** Where fds 0-2 of the instance go now: the stdio of the sandbox or context that claimed them (runtime/sandbox/stdio.ts). */
  qjswStdio?: object
  /** The sandbox whose working directory WasmFS's is now (runtime/sandbox/sandbox.ts, claimStdio). */
  qjswCwdOwner?: object
  /** The compile cache of the module's contexts (runtime/module/compile-cache.ts). */
  qjswCodeCache?: CompileCacheStore
  _malloc(size: number): number
  _free(ptr: number): void
  HEAPU8: Uint8Array
  HEAPU32: Uint32Array
  lengthBytesUTF8(s: string): number
  stringToUTF8(s: string, ptr: number, max: number): void
}

export function emscriptenModuleOf(module: QuickJSWASMModule): WasmFSEmscriptenModule {
  return (module as unknown as { module: WasmFSEmscriptenModule }).module
}

/** The module's FFI: quickjs-emscripten-core's QTS_* and this package's own qjsw_* exports (scripts/gen-ffi.mjs). */
export function wasmfsFFI(module: QuickJSWASMModule): QuickJSFFI {
  return module.getFFI() as unknown as QuickJSFFI
}

/** Whether guest code of `module` can wait for the browser (JSPI). */
export function canSuspend(module: QuickJSWASMModule): boolean {
  return typeof emscriptenModuleOf(module).qjswPromising === "function"
}

const EVAL_TYPE_MODULE = 1 << 0

export function syncGuestCalls(runtime: QuickJSRuntime, ctx: QuickJSContext): GuestCalls {
  return {
    call: async (fn, thisVal, args) => ctx.callFunction(fn, thisVal, args) as Outcome<QuickJSHandle>,
    executePendingJobs: async () => {
      const r = runtime.executePendingJobs()
      return (r.error ? { error: r.error } : { value: r.value }) as Outcome<number>
    },
    evalModule: async (code, filename) => ctx.evalCode(code, filename, { type: "module" }) as Outcome<QuickJSHandle>,
    evalScript: async (code, filename) => ctx.evalCode(code, filename) as Outcome<QuickJSHandle>,
  }
}

// The core keeps these internals private; this package pins quickjs-emscripten-core's version.
interface CoreContext {
  ctx: { value: number }
  memory: { heapValueHandle(ptr: number): QuickJSHandle }
}
interface CoreRuntime {
  rt: { value: number }
}
interface CoreFFI {
  QTS_ResolveException(ctx: number, ptr: number): number
  QTS_FreeValuePointer(ctx: number, ptr: number): void
  QTS_FreeValuePointerRuntime(rt: number, ptr: number): void
}

export function suspendingGuestCalls(module: QuickJSWASMModule, runtime: QuickJSRuntime, ctx: QuickJSContext): GuestCalls {
  const em = emscriptenModuleOf(module)
  const ffi = module.getFFI() as unknown as CoreFFI
  const promising = em.qjswPromising!
  const qtsCall = promising("QTS_Call")
  const qtsJobs = promising("QTS_ExecutePendingJob")
  const qtsEval = promising("QTS_Eval")
  const ctxPtr = (ctx as unknown as CoreContext).ctx.value
  const rtPtr = (runtime as unknown as CoreRuntime).rt.value
  const memory = (ctx as unknown as CoreContext).memory

  // Runs a promising export: the guest may suspend only while it runs (qjsw_host_await turns
  // the flag off while suspended and on again on resuming).
  async function enter(run: () => Promise<number>): Promise<number> {
    em.qjswActive = true
    let pending: Promise<number>
    try {
      pending = run()
    } finally {
      em.qjswActive = false
    }
    try {
      return await pending
    } finally {
      em.qjswActive = false
    }
  }

  function outcome(ptr: number): Outcome<QuickJSHandle> {
    const errorPtr = ffi.QTS_ResolveException(ctxPtr, ptr)
    if (errorPtr) {
      ffi.QTS_FreeValuePointer(ctxPtr, ptr)
      return { error: memory.heapValueHandle(errorPtr) }
    }
    return { value: memory.heapValueHandle(ptr) }
  }

  async function evaluate(code: string, filename: string, detectModule: number, flags: number): Promise<Outcome<QuickJSHandle>> {
    const size = em.lengthBytesUTF8(code) + 1
    const src = em._malloc(size)
    em.stringToUTF8(code, src, size)
    const nameSize = em.lengthBytesUTF8(filename) + 1
    const name = em._malloc(nameSize)
    em.stringToUTF8(filename, name, nameSize)
    try {
      return outcome(await enter(() => qtsEval(ctxPtr, src, size - 1, name, detectModule, flags)))
    } finally {
      em._free(src)
      em._free(name)
    }
  }

  return {
    async call(fn, thisVal, args) {
      const argv = em._malloc(Math.max(4, args.length * 4))
      args.forEach((a, i) => (em.HEAPU32[(argv >> 2) + i] = valuePointer(a)))
      try {
        return outcome(await enter(() => qtsCall(ctxPtr, valuePointer(fn), valuePointer(thisVal), args.length, argv)))
      } finally {
        em._free(argv)
      }
    },
    async executePendingJobs() {
      const out = em._malloc(4)
      try {
        const ptr = await enter(() => qtsJobs(rtPtr, -1, out))
        const jobCtx = em.HEAPU32[out >> 2]
        if (jobCtx === 0) {
          ffi.QTS_FreeValuePointerRuntime(rtPtr, ptr)
          return { value: 0 }
        }
        // one context per sandbox runtime: a job's context is ours
        const result = memory.heapValueHandle(ptr)
        if (ctx.typeof(result) === "number") {
          const n = ctx.getNumber(result)
          result.dispose()
          return { value: n }
        }
        return { error: result }
      } finally {
        em._free(out)
      }
    },
    evalModule: (code, filename) => evaluate(code, filename, 0, EVAL_TYPE_MODULE),
    evalScript: (code, filename) => evaluate(code, filename, 1, 0),
  }
}
