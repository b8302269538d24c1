// How a Sandbox enters its guest: the boot module's functions and native bindings (looked up once),
// called with strings, numbers or guest values, one entry at a time, and how deep the host is in them.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import type { GuestCalls, Outcome } from "../module/guest-calls"
import { finallyDo } from "../module/finally-do"
import type { BindingName } from "./sandbox-fs"

export class GuestEntry {
  // the boot module's namespace ({ api, fs, uv }), once the boot has run
  api: QuickJSHandle
  // guest calls of the host under way (Sandbox.dispose waits for them)
  depth = 0
  private readonly apiFunctions = new Map<string, QuickJSHandle>()
  // Native binding functions the boot module imported, held by the host only: sandbox.fs calls
  // them with primitive arguments, never the guest's mutable fs module.
  private readonly bindings = new Map<string, QuickJSHandle>()
  private entering: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly context: QuickJSContext,
    private readonly guest: GuestCalls,
    // before each call: fds 0-2 and /dev/std* are the sandbox's (Sandbox.claimStdio)
    private readonly claimStdio: () => void,
    // before each entry from the event loop (OPFS: a new turn)
    private readonly newTurn: () => void,
  ) {
    this.api = context.undefined
  }

  binding(name: BindingName): QuickJSHandle {
    let fn = this.bindings.get(name)
    if (!fn) {
      const [module, key] = name.split(".")
      const ns = this.context.getProp(this.api, module)
      fn = this.context.getProp(ns, key)
      ns.dispose()
      if (this.context.typeof(fn) !== "function") throw new Error(`quickjs-wasmfs: no native ${name}`)
      this.bindings.set(name, fn)
    }
    return fn
  }

  // Calls a function of qjsw:internal/sandbox with strings, numbers or guest values: `call`
  // from the host's synchronous API, `enter` from the event loop (the guest may wait there).
  call(name: string, args: (string | number | QuickJSHandle)[]): { value?: QuickJSHandle; error?: QuickJSHandle } {
    this.depth++
    try {
      return this.withApi(name, args, (fn, handles) => this.context.callFunction(fn, this.context.undefined, handles))
    } finally {
      this.depth--
    }
  }

  private async inGuest<T>(fn: () => Promise<T>): Promise<T> {
    this.depth++
    try {
      return await fn()
    } finally {
      this.depth--
    }
  }

  enter(name: string, args: (string | number | QuickJSHandle)[]): Promise<Outcome<QuickJSHandle>> {
    return this.exclusive(() => this.enterNow(name, args))
  }

  private enterNow(name: string, args: (string | number | QuickJSHandle)[]): Promise<Outcome<QuickJSHandle>> {
    this.newTurn()
    return this.withApi(name, args, (fn, handles) => this.guest.call(fn, this.context.undefined, handles))
  }

  // One entry into the guest at a time: a guest waiting for the browser (JSPI) must not be
  // entered again. A run holds this only while it runs guest code, not while its loop sleeps,
  // so fsCall and watchers work while a run waits for timers or events.
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.entering.then(() => this.inGuest(fn))
    this.entering = result.catch(() => {})
    return result
  }

  // The bootstrap's exported functions, looked up once: a module's bindings never change.
  private apiFunction(name: string): QuickJSHandle {
    let fn = this.apiFunctions.get(name)
    if (!fn) {
      fn = this.context.getProp(this.api, "api").consume((api) => this.context.getProp(api, name))
      this.apiFunctions.set(name, fn)
    }
    return fn
  }

  private withApi<R>(name: string, args: (string | number | QuickJSHandle)[], run: (fn: QuickJSHandle, handles: QuickJSHandle[]) => R): R {
    this.claimStdio()
    const ctx = this.context
    const fn = this.apiFunction(name)
    const made = args.map((a) => (typeof a === "string" ? ctx.newString(a) : typeof a === "number" ? ctx.newNumber(a) : undefined))
    const handles = args.map((a, i) => made[i] ?? (a as QuickJSHandle))
    const release = () => {
      made.forEach((h) => h?.dispose())
    }
    return finallyDo(() => run(fn, handles), release)
  }

  // The handles held for the guest's functions, and the boot module's namespace.
  dispose(): void {
    for (const fn of this.bindings.values()) fn.dispose()
    for (const fn of this.apiFunctions.values()) fn.dispose()
    this.api.dispose()
  }
}
