// The host side of the guest's WebAssembly (createSandbox({ webAssembly: true })): the
// functions modules/internal/webassembly.js receives at boot. Modules, instances, memories,
// tables and globals are the host engine's own; the guest names them by ids and gets back only
// numbers, BigInts, strings, its own values and its wrappers of exported functions.
//
// Memory: a host Memory's bytes and the guest's `memory.buffer` cannot be one buffer, so every
// crossing copies what the side that ran wrote (memory-mirror.ts).
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import type { QuickJSFFI } from "../generated/ffi"
import { emscriptenModuleOf, wasmfsFFI } from "../module/guest-calls"
import { COMPARE_FROM, MemoryMirror } from "./memory-mirror"
import { capMemories } from "./wasm-binary"
import { trackStores } from "./wasm-store-tracker"
import { contextPointer, runtimePointer } from "../module/pointers"

const PAGE = 65536
// Imports calling exports calling imports: each level takes host stack for the guest's
// interpreter frames; past this the guest gets a RangeError, as a too deep recursion does.
const MAX_DEPTH = 100

export interface GuestWasmHost {
  /** Bytes the guest's heap and its host WebAssembly memories may take together. */
  memoryLimit: number | undefined
  /** Sets the guest heap's own limit (what host memories leave of memoryLimit). */
  setHeapLimit(bytes: number): void
  /** The run's deadline (ms since the epoch), checked at every import call. */
  deadline(): number | undefined
  /** A host failure inside the guest's interpreter: the sandbox cannot go on. */
  fatal(error: Error): void
}

// A guest exception crossing host Wasm frames, given back to the guest as the same value.
class GuestThrow {
  constructor(readonly handle: QuickJSHandle) {}
}

// Modules are rewritten to record their writes when their memory starts at COMPARE_FROM or more
// and their code is at most this share of it (see trackStores): sql.js 0.6 MB of code for 21 MiB,
// napi-rs's resolver 1.3 MB for 256 MiB are; esbuild-wasm 9 MB for 20 MiB, @swc/wasm 13 MB for
// 5 MiB run faster compared.
const TRACK_CODE_PER_MEMORY = 0.25

type HostFn = (...args: QuickJSHandle[]) => QuickJSHandle | undefined

export class GuestWebAssembly {
  private readonly objects = new Map<number, unknown>()
  private readonly idOf = new Map<unknown, number>()
  private nextId = 1
  // defined-memory pages of each compiled module
  private readonly initialPages = new Map<WebAssembly.Module, number>()
  private readonly memories = new Set<WebAssembly.Memory>()
  // the guest's buffers of those memories
  private readonly mirror: MemoryMirror
  // guest values by token, and the host's stand-in for each
  private readonly tokens = new Map<number, { handle: QuickJSHandle; stand: object }>()
  private readonly tokenOfStand = new Map<object, number>()
  private helpers: { makeError: QuickJSHandle; invoke: QuickJSHandle; encode: QuickJSHandle } | undefined
  private depth = 0
  private failed: Error | undefined
  private readonly ffi: QuickJSFFI
  private readonly rtPtr: number

  constructor(
    module: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly ctx: QuickJSContext,
    private readonly host: GuestWasmHost,
  ) {
    this.ffi = wasmfsFFI(module)
    const ctxPtr = contextPointer(ctx)
    this.rtPtr = runtimePointer(runtime)
    this.mirror = new MemoryMirror(ctx, emscriptenModuleOf(module), this.ffi, ctxPtr)
  }

  /** Sets the guest's functions on `target` (the boot's host object) as `wasm`. */
  install(target: QuickJSHandle): void {
    const ctx = this.ctx
    const fns: Record<string, HostFn> = {
      init: (makeError, invoke, encode) => {
        this.helpers ??= { makeError: makeError.dup(), invoke: invoke.dup(), encode: encode.dup() }
        return undefined
      },
      compile: (bytes, api) => this.guard(() => this.register(this.compile(this.bytes(bytes), ctx.getString(api))).handle()),
      validate: (bytes) => (WebAssembly.validate(this.bytes(bytes)) ? ctx.true : ctx.false),
      moduleInfo: (id, which) => {
        const m = this.object(id) as WebAssembly.Module
        const info =
          ctx.getNumber(which) === 0
            ? WebAssembly.Module.exports(m).filter((e) => !this.mirror.hidden(m, e.name))
            : WebAssembly.Module.imports(m)
        return ctx.newString(JSON.stringify(info))
      },
      customSections: (id, name) => {
        const sections = WebAssembly.Module.customSections(this.object(id) as WebAssembly.Module, ctx.getString(name))
        const arr = ctx.newArray()
        sections.forEach((s, i) => ctx.newArrayBuffer(s).consume((h) => ctx.setProp(arr, i, h)))
        return arr
      },
      instantiate: (id, entries, api) => this.guard(() => ctx.newString(this.instantiate(id, entries, ctx.getString(api)))),
      call: (id, args, tags) => this.guard(() => this.call(id, args, tags)),
      memNew: (isObj, initial, maximum, shared) => this.guard(() => this.memNew(isObj, initial, maximum, shared)),
      memBuffer: (id) => this.guard(() => this.mirror.memBuffer(this.object(id) as WebAssembly.Memory)),
      memGrow: (id, delta) => this.guard(() => this.memGrow(this.object(id) as WebAssembly.Memory, this.primitive(delta))),
      tableNew: (isObj, element, initial, maximum, hasValue, tag, value) =>
        this.guard(() => {
          const desc: Record<string, unknown> | unknown = ctx.dump(isObj)
            ? {
                element: ctx.getString(element),
                initial: this.primitive(initial),
                ...(ctx.typeof(maximum) === "undefined" ? {} : { maximum: this.primitive(maximum) }),
              }
            : this.primitive(element)
          const t = ctx.dump(hasValue)
            ? new WebAssembly.Table(desc as WebAssembly.TableDescriptor, this.fromGuest(tag, value))
            : new WebAssembly.Table(desc as WebAssembly.TableDescriptor)
          return this.register(t).handle()
        }),
      tableOp: (id, op, index, hasValue, tag, value) =>
        this.guard(() => {
          const t = this.object(id) as WebAssembly.Table
          switch (ctx.getNumber(op)) {
            case 0:
              return ctx.newNumber(t.length)
            case 1:
              return this.toGuest(t.get(this.primitive(index) as number))
            case 2:
              if (ctx.dump(hasValue)) t.set(this.primitive(index) as number, this.fromGuest(tag, value))
              else t.set(this.primitive(index) as number)
              return undefined
            default:
              return ctx.newNumber(
                ctx.dump(hasValue)
                  ? t.grow(this.primitive(index) as number, this.fromGuest(tag, value))
                  : t.grow(this.primitive(index) as number),
              )
          }
        }),
      globalNew: (isObj, type, mutable, hasValue, tag, value) =>
        this.guard(() => {
          const desc = ctx.dump(isObj)
            ? { value: ctx.getString(type) as WebAssembly.ValueType, mutable: ctx.dump(mutable) as boolean }
            : this.primitive(type)
          const g = ctx.dump(hasValue)
            ? new WebAssembly.Global(desc as WebAssembly.GlobalDescriptor, this.fromGuest(tag, value))
            : new WebAssembly.Global(desc as WebAssembly.GlobalDescriptor)
          return this.register(g).handle()
        }),
      globalOp: (id, op, tag, value) =>
        this.guard(() => {
          const g = this.object(id) as WebAssembly.Global
          if (ctx.getNumber(op) === 0) return this.toGuest(g.value)
          g.value = this.fromGuest(tag, value)
          return undefined
        }),
    }
    const obj = ctx.newObject()
    for (const [name, fn] of Object.entries(fns)) ctx.newFunction(name, fn).consume((h) => ctx.setProp(obj, name, h))
    ctx.setProp(target, "wasm", obj)
    obj.dispose()
  }

  /** Lets go of the guest values the host holds (before the context is freed). */
  dispose(): void {
    this.mirror.dispose()
    for (const t of this.tokens.values()) t.handle.dispose()
    this.tokens.clear()
    if (this.helpers) for (const h of Object.values(this.helpers)) h.dispose()
    this.helpers = undefined
  }

  // A host function's body: host errors become the guest's errors of the same class and message
  // (`api` names the guest's call, as the engine's messages do).
  private guard(run: () => QuickJSHandle | undefined): QuickJSHandle | undefined {
    if (this.failed) throw this.failed
    try {
      return run()
    } catch (e) {
      throw this.guestError(e)
    }
  }

  private guestError(e: unknown): QuickJSHandle | Error {
    if (e instanceof GuestThrow) return e.handle
    if (this.failed) return this.failed
    if (e instanceof Error) return this.makeError(e.name, e.message)
    return this.makeError("Error", String(e))
  }

  private makeError(name: string, message: string): QuickJSHandle {
    const ctx = this.ctx
    const args = [ctx.newString(name), ctx.newString(message)]
    const r = ctx.callFunction(this.helpers!.makeError, ctx.undefined, ...args)
    for (const a of args) a.dispose()
    if (r.error) return r.error
    return r.value
  }

  private object(id: QuickJSHandle): unknown {
    const v = this.objects.get(this.ctx.getNumber(id))
    if (v === undefined) throw new TypeError("not a WebAssembly object of this sandbox")
    return v
  }

  private register(v: unknown): { id: number; handle: () => QuickJSHandle } {
    let id = this.idOf.get(v)
    if (id === undefined) {
      id = this.nextId++
      this.objects.set(id, v)
      this.idOf.set(v, id)
      if (v instanceof WebAssembly.Memory) this.memories.add(v)
    }
    const n = id
    return { id: n, handle: () => this.ctx.newNumber(n) }
  }

  private bytes(h: QuickJSHandle): Uint8Array<ArrayBuffer> {
    return this.ctx.getArrayBuffer(h).consume((b) => new Uint8Array(b.value))
  }

  // A primitive of the guest as the host's value.
  private primitive(h: QuickJSHandle): unknown {
    const ctx = this.ctx
    switch (ctx.typeof(h)) {
      case "number":
        return ctx.getNumber(h)
      case "bigint":
        return ctx.getBigInt(h)
      case "string":
        return ctx.getString(h)
      case "boolean":
        return ctx.dump(h) as boolean
      case "undefined":
        return undefined
      case "object":
        return ctx.dump(h) === null ? null : undefined
      default:
        return undefined
    }
  }

  // A value the guest encoded (modules/internal/webassembly.js encode()): 0 a primitive, 1 a
  // host object's id, n >= 2 a guest object's token.
  private fromGuest(tagHandle: QuickJSHandle, value: QuickJSHandle): unknown {
    const tag = this.ctx.getNumber(tagHandle)
    if (tag === 0) return this.primitive(value)
    if (tag === 1) return this.object(value)
    let t = this.tokens.get(tag)
    if (!t) {
      const handle = value.dup()
      const stand: object = this.ctx.typeof(value) === "function" ? this.trampoline(handle) : Object.freeze(Object.create(null))
      t = { handle, stand }
      this.tokens.set(tag, t)
      this.tokenOfStand.set(stand, tag)
    }
    return t.stand
  }

  // A host value for the guest: a primitive as it is, anything else as decode() reads it.
  private toGuest(v: unknown): QuickJSHandle {
    const ctx = this.ctx
    switch (typeof v) {
      case "number":
        return ctx.newNumber(v)
      case "bigint":
        return ctx.newBigInt(v)
      case "string":
        return ctx.newString(v)
      case "boolean":
        return v ? ctx.true : ctx.false
      case "undefined":
        return ctx.undefined
    }
    if (v === null) return ctx.null
    const list = (items: (string | number | QuickJSHandle)[]) => {
      const arr = ctx.newArray()
      items.forEach((item, i) => {
        const h = typeof item === "string" ? ctx.newString(item) : typeof item === "number" ? ctx.newNumber(item) : item
        ctx.setProp(arr, i, h)
        h.dispose()
      })
      return arr
    }
    const token = this.tokenOfStand.get(v as object)
    if (token !== undefined) return list([2, token])
    if (Array.isArray(v)) return list([3, list(v.map((x) => this.toGuest(x)))])
    const kind =
      typeof v === "function"
        ? "function"
        : v instanceof WebAssembly.Memory
          ? "memory"
          : v instanceof WebAssembly.Table
            ? "table"
            : v instanceof WebAssembly.Global
              ? "global"
              : undefined
    if (!kind) return ctx.undefined
    const { id } = this.register(v)
    return typeof v === "function"
      ? list([1, id, kind, (v as { name: string }).name, (v as { length: number }).length])
      : list([1, id, kind])
  }

  private limitPages(): number {
    const limit = this.host.memoryLimit
    return limit === undefined ? 65536 : Math.max(0, Math.floor(limit / PAGE))
  }

  // Whether `extra` more bytes of host memory fit the sandbox's limit beside the guest's heap.
  private fits(extra: number): boolean {
    const limit = this.host.memoryLimit
    if (limit === undefined) return true
    return this.ffi.qjsw_runtime_malloc_size(this.rtPtr) + this.hostBytes() + extra <= limit
  }

  private hostBytes(): number {
    let n = 0
    for (const m of this.memories) n += m.buffer.byteLength
    return n
  }

  // What the host memories take is the guest heap's no more.
  private rebalance(): void {
    const limit = this.host.memoryLimit
    if (limit !== undefined) this.host.setHeapLimit(Math.max(1, limit - this.hostBytes()))
  }

  private compile(bytes: Uint8Array<ArrayBuffer>, api: string): WebAssembly.Module {
    let initialPages = 0
    if (this.host.memoryLimit !== undefined) ({ bytes, initialPages } = capMemories(bytes, this.limitPages()))
    let m: WebAssembly.Module | undefined
    // a rewritten module only for a valid one: its errors are the engine's for what it gave
    const tracked = trackStores(bytes, COMPARE_FROM / PAGE, TRACK_CODE_PER_MEMORY)
    if (tracked && WebAssembly.validate(bytes)) {
      try {
        m = new WebAssembly.Module(tracked.bytes as Uint8Array<ArrayBuffer>)
        const { bytes: _, ...names } = tracked
        this.mirror.trackedNames.set(m, names)
      } catch {
        m = undefined
      }
    }
    if (!m) {
      try {
        m = new WebAssembly.Module(bytes)
      } catch (e) {
        throw renamed(e, "WebAssembly.Module()", api)
      }
    }
    this.initialPages.set(m, initialPages)
    return m
  }

  private instantiate(id: QuickJSHandle, entries: QuickJSHandle, api: string): string {
    const ctx = this.ctx
    const m = this.object(id) as WebAssembly.Module
    let imports: Record<string, unknown> | undefined
    if (ctx.typeof(entries) === "object") {
      imports = Object.create(null) as Record<string, unknown>
      for (const entry of this.items(entries)) {
        const [mod, name, tag, value, isNs] = this.items(entry)
        const modName = ctx.getString(mod)
        if (!ctx.dump(isNs)) imports[modName] = this.primitive(value)
        else ((imports[modName] ??= Object.create(null)) as Record<string, unknown>)[ctx.getString(name)] = this.fromGuest(tag, value)
        for (const h of [mod, name, tag, value, isNs]) h.dispose()
        entry.dispose()
      }
    }
    if (!this.fits((this.initialPages.get(m) ?? 0) * PAGE)) {
      throw new RangeError(`${api}: Out of memory: Cannot allocate Wasm memory for new instance`)
    }
    let instance: WebAssembly.Instance
    this.mirror.instantiating++
    try {
      instance = this.enterWasm(() => {
        try {
          const made = new WebAssembly.Instance(m, imports as WebAssembly.Imports)
          this.mirror.trackWrites(m, made, imports)
          return made
        } finally {
          this.mirror.instantiating--
        }
      })
    } catch (e) {
      throw renamed(e, "WebAssembly.Instance()", api)
    }
    const visible = Object.entries(instance.exports).filter(([name]) => !this.mirror.hidden(m, name))
    const exported = visible.map(([name, v]) => {
      const kind =
        typeof v === "function"
          ? "function"
          : v instanceof WebAssembly.Memory
            ? "memory"
            : v instanceof WebAssembly.Table
              ? "table"
              : "global"
      const { id: ref } = this.register(v)
      return typeof v === "function" ? [name, kind, ref, v.name, v.length] : [name, kind, ref]
    })
    this.rebalance()
    return JSON.stringify(exported)
  }

  private items(arr: QuickJSHandle): QuickJSHandle[] {
    const length = this.ctx.getProp(arr, "length").consume((h) => this.ctx.getNumber(h))
    const out: QuickJSHandle[] = []
    for (let i = 0; i < length; i++) out.push(this.ctx.getProp(arr, i))
    return out
  }

  private call(id: QuickJSHandle, args: QuickJSHandle, tags: QuickJSHandle): QuickJSHandle {
    const fn = this.object(id) as (...a: unknown[]) => unknown
    const argv = this.items(args)
    const tagv = this.items(tags)
    const hostArgs = argv.map((a, i) => this.fromGuest(tagv[i], a))
    for (const h of [...argv, ...tagv]) h.dispose()
    return this.toGuest(this.enterWasm(() => fn(...hostArgs)))
  }

  // Guest -> Wasm: the guest's writes to its buffers go to the host memories first; the Wasm's
  // come back when it returns, however it returns.
  private enterWasm<T>(run: () => T): T {
    this.mirror.syncToHost()
    try {
      return run()
    } finally {
      if (!this.failed) {
        this.mirror.syncToGuest()
        this.rebalance()
      }
    }
  }

  // An import: a guest function the host Wasm calls.
  private trampoline(fn: QuickJSHandle): (...args: unknown[]) => unknown {
    return (...args: unknown[]) => {
      if (this.failed) throw this.failed
      const deadline = this.host.deadline()
      if (deadline !== undefined && Date.now() > deadline) throw new GuestThrow(this.makeError("InternalError", "interrupted"))
      if (this.depth >= MAX_DEPTH) throw new GuestThrow(this.makeError("RangeError", "Maximum call stack size exceeded"))
      this.mirror.syncToGuest()
      this.depth++
      try {
        return this.callGuest(fn, args)
      } finally {
        this.depth--
        if (!this.failed) this.mirror.syncToHost()
      }
    }
  }

  private callGuest(fn: QuickJSHandle, args: unknown[]): unknown {
    const ctx = this.ctx
    const simple = args.every((a) => a === undefined || a === null || typeof a !== "object")
    let r: ReturnType<QuickJSContext["callFunction"]>
    try {
      if (simple) {
        const handles = args.map((a) => this.toGuest(a))
        r = ctx.callFunction(fn, ctx.undefined, ...handles)
        for (const h of handles) h.dispose()
      } else {
        const arr = ctx.newArray()
        args.forEach((a, i) => this.toGuest(a).consume((h) => ctx.setProp(arr, i, h)))
        r = ctx.callFunction(this.helpers!.invoke, ctx.undefined, fn, arr)
        arr.dispose()
      }
    } catch (e) {
      // a host exception out of the interpreter (the host's own stack ran out in it): the
      // guest's heap is in an unknown state
      this.failed = e instanceof Error ? e : new Error(String(e))
      this.host.fatal(this.failed)
      throw this.failed
    }
    if (r.error) throw new GuestThrow(r.error)
    return r.value.consume((v) => {
      const type = ctx.typeof(v)
      if (type !== "object" && type !== "function" && type !== "symbol") return this.primitive(v)
      if (type === "object" && ctx.dump(v) === null) return null
      const enc = ctx.callFunction(this.helpers!.encode, ctx.undefined, v)
      if (enc.error) throw new GuestThrow(enc.error)
      return enc.value.consume((pair) => {
        const [tag, value] = this.items(pair)
        try {
          return this.fromGuest(tag, value)
        } finally {
          tag.dispose()
          value.dispose()
        }
      })
    })
  }

  private memNew(isObj: QuickJSHandle, initial: QuickJSHandle, maximum: QuickJSHandle, shared: QuickJSHandle): QuickJSHandle {
    const ctx = this.ctx
    if (!ctx.dump(isObj)) return this.register(new WebAssembly.Memory(this.primitive(initial) as WebAssembly.MemoryDescriptor)).handle()
    const desc: Record<string, unknown> = { initial: this.primitive(initial) }
    const max = this.primitive(maximum)
    if (max !== undefined) desc.maximum = max
    if (ctx.dump(shared)) desc.shared = true
    const pages = desc.initial
    if (this.host.memoryLimit !== undefined && typeof pages === "number" && pages >= 0 && pages <= 65536) {
      if (!this.fits(Math.floor(pages) * PAGE)) throw new RangeError("WebAssembly.Memory(): could not allocate memory")
      const cap = Math.max(Math.floor(pages), this.limitPages())
      if (typeof desc.maximum !== "number" || desc.maximum > cap) {
        if (!(typeof desc.maximum === "number" && desc.maximum > 65536)) desc.maximum = cap
      }
    }
    const mem = new WebAssembly.Memory(desc as unknown as WebAssembly.MemoryDescriptor)
    const r = this.register(mem)
    this.rebalance()
    return r.handle()
  }

  private memGrow(mem: WebAssembly.Memory, delta: unknown): QuickJSHandle {
    this.mirror.syncToHost()
    if (typeof delta === "number" && delta > 0 && !this.fits(Math.floor(delta) * PAGE)) {
      throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded")
    }
    const old = mem.grow(delta as number)
    this.mirror.release(mem)
    this.rebalance()
    return this.ctx.newNumber(old)
  }
}

// The engine names the API it was called through: the guest's call may be another.
function renamed(e: unknown, from: string, to: string): unknown {
  if (e instanceof Error && from !== to && e.message.startsWith(from)) {
    const copy = new (e.constructor as ErrorConstructor)(to + e.message.slice(from.length))
    return copy
  }
  return e
}
