import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import type { Encoding, HostBuffer } from "../module/host-types"
import { SandboxFsError, systemError } from "./system-error"
import { S_IF, S_IFMT, SandboxDirent, SandboxStats } from "./sandbox-stats"

export { SandboxFsError, SandboxDirent, SandboxStats }

/** readdirSync's options, as @types/node has them (without `recursive`, which SandboxFs refuses). */
type ReaddirOptions = { encoding?: Encoding | "buffer" | null; withFileTypes?: boolean }

type Data = string | Uint8Array

/** A function of a native binding (qjsw:binding/fs or /uv), as the sandbox captured it at boot. */
export type BindingName = `fs.${string}` | `uv.${string}`

/** What one binding call returned, read without running guest code. */
type Raw = undefined | number | string | boolean | Uint8Array | Float64Array | Raw[]

/** One call of a native binding function: primitive arguments only. */
interface Call {
  fn: BindingName
  /** STATS: a new buffer for stat's 18 numbers, returned (as a Float64Array) instead of its 0 */
  args: (string | number | boolean | Uint8Array | typeof STATS)[]
}
const STATS = Symbol("stats target")

type Op<T> = Generator<Call, T, Raw>

/**
 * How SandboxFs reaches the native layer: `binding` gives the function handles captured at
 * boot (the host's own, never the guest's `fs`), `kind` tells an Array from an ArrayBuffer by
 * class, `call` runs one synchronously, `enter` the same where the guest may wait for OPFS.
 */
export interface NativeFs {
  binding(name: BindingName): QuickJSHandle
  kind(value: QuickJSHandle): number
  call(fn: QuickJSHandle, args: QuickJSHandle[]): { value?: QuickJSHandle; error?: QuickJSHandle }
}
type Enter = (fn: QuickJSHandle, args: QuickJSHandle[]) => Promise<{ value?: QuickJSHandle; error?: QuickJSHandle }>

// Linux's values, which the Emscripten libc uses
const O_RDONLY = 0
const O_WRONLY = 1
const O_CREAT = 0o100
const O_EXCL = 0o200
const O_TRUNC = 0o1000
const O_APPEND = 0o2000
const ENOENT = -2
const STAT_FIELDS = 18

const writeFlags: Record<string, number> = {
  w: O_TRUNC | O_CREAT | O_WRONLY,
  wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY,
  ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
}

const hasBuffer = typeof Buffer === "function"

function argError(name: string, expected: string, value: unknown): TypeError {
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? "null" : typeof value}`)
  return Object.assign(err, { code: "ERR_INVALID_ARG_TYPE" })
}

function checkPath(path: unknown, name = "path"): string {
  if (typeof path !== "string") throw argError(name, "of type string", path)
  if (path.includes("\0")) {
    throw Object.assign(new TypeError(`The argument '${name}' must be a string without null bytes. Received ${JSON.stringify(path)}`), {
      code: "ERR_INVALID_ARG_VALUE",
    })
  }
  return path
}

function encodingOf(options: unknown): string | undefined {
  if (typeof options === "string") return options
  if (options && typeof options === "object") {
    const e = (options as { encoding?: unknown }).encoding
    return typeof e === "string" ? e : undefined
  }
  return undefined
}

function optionOf<T>(options: unknown, key: string): T | undefined {
  return options && typeof options === "object" ? ((options as Record<string, unknown>)[key] as T | undefined) : undefined
}

const isUtf8 = (encoding: string | undefined) => encoding === "utf8" || encoding === "utf-8"

function decodeText(bytes: Uint8Array, encoding: string): string {
  if (hasBuffer) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding as BufferEncoding)
  return new TextDecoder(encoding).decode(bytes)
}

function encodeText(text: string, encoding: string | undefined): Uint8Array {
  if (encoding === undefined || isUtf8(encoding)) return new TextEncoder().encode(text)
  if (hasBuffer) return new Uint8Array(Buffer.from(text, encoding as BufferEncoding))
  throw Object.assign(new TypeError(`Unknown encoding: ${encoding}`), { code: "ERR_UNKNOWN_ENCODING" })
}

function bytesOut(bytes: Uint8Array): Uint8Array {
  // a Buffer in Node; plain bytes where the host has no Buffer (browsers)
  return hasBuffer ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes
}

/**
 * A host-side, synchronous, Node-shaped view of a sandbox's file tree. Every call goes to the
 * native fs binding the sandbox captured at boot, with primitive arguments: the guest's `fs`
 * module, its prototypes and globals are never consulted, so whatever guest code patched, the
 * host gets the tree's real contents, in the documented types. (Both sides see one tree.)
 */
export class SandboxFs {
  constructor(
    private readonly ctx: QuickJSContext,
    private readonly native: NativeFs,
    /** Runs a whole operation (sandbox.ts: unlimited heap, journal drained after). */
    private readonly around: <T>(run: () => T) => T = (run) => run(),
  ) {}

  // --- drivers: run an operation's binding calls, synchronously or as the event loop does ---

  private run<T>(op: Op<T>): T {
    return this.around(() => {
      let step = op.next()
      while (!step.done) {
        const call = step.value
        step = op.next(this.invoke(call, (fn, args) => this.native.call(fn, args)))
      }
      return step.value
    })
  }

  private async runAsync<T>(enter: Enter, op: Op<T>): Promise<T> {
    let step = op.next()
    while (!step.done) {
      const call = step.value
      step = op.next(await this.invoke(call, enter))
    }
    return step.value
  }

  // One binding call: its arguments made as guest values here, its result read back (the
  // Float64Array a stat call filled, when it returned 0).
  private invoke<R>(call: Call, exec: (fn: QuickJSHandle, args: QuickJSHandle[]) => R): R extends Promise<unknown> ? Promise<Raw> : Raw {
    const ctx = this.ctx
    let statsBuffer: QuickJSHandle | undefined
    const made: QuickJSHandle[] = call.args.map((a) =>
      a === STATS
        ? (statsBuffer = ctx.newArrayBuffer(new ArrayBuffer(STAT_FIELDS * 8)))
        : typeof a === "string"
          ? ctx.newString(a)
          : typeof a === "number"
            ? ctx.newNumber(a)
            : typeof a === "boolean"
              ? a
                ? ctx.true
                : ctx.false
              : ctx.newArrayBuffer(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer),
    )
    const args = made
    const release = () => {
      for (const h of made) if (h !== ctx.true && h !== ctx.false) h.dispose()
    }
    const finish = (result: { value?: QuickJSHandle; error?: QuickJSHandle }): Raw => {
      try {
        const raw = this.read(call, result)
        if (statsBuffer && raw === 0) {
          const view = ctx.getArrayBuffer(statsBuffer as QuickJSHandle)
          try {
            return new Float64Array(view.value.slice().buffer)
          } finally {
            view.dispose()
          }
        }
        return raw
      } finally {
        release()
      }
    }
    let pending: R
    try {
      pending = exec(this.native.binding(call.fn), args)
    } catch (e) {
      release()
      throw e
    }
    if (pending instanceof Promise) {
      return pending.then(finish, (e) => {
        release()
        throw e
      }) as never
    }
    return finish(pending as { value?: QuickJSHandle; error?: QuickJSHandle }) as never
  }

  private read(call: Call, result: { value?: QuickJSHandle; error?: QuickJSHandle }): Raw {
    if (result.error) {
      // a binding throws only on arguments it cannot take, or out of memory
      const kind = this.ctx.typeof(result.error)
      result.error.dispose()
      throw new SandboxFsError(`sandbox fs call ${call.fn} failed (${kind})`)
    }
    const out = result.value!
    try {
      return this.decode(out, 2)
    } finally {
      out.dispose()
    }
  }

  // Only what bindings return: numbers, strings, booleans, undefined, ArrayBuffers and Arrays
  // made in C (own data elements). Nothing here calls a getter, toString or toJSON.
  private decode(h: QuickJSHandle, depth: number): Raw {
    const ctx = this.ctx
    switch (ctx.typeof(h)) {
      case "undefined":
        return undefined
      case "number":
        return ctx.getNumber(h)
      case "string":
        return ctx.getString(h)
      case "boolean":
        return ctx.sameValue(h, ctx.true)
      case "object": {
        const kind = this.native.kind(h)
        if (kind === 2) {
          const view = ctx.getArrayBuffer(h)
          try {
            return view.value.slice()
          } finally {
            view.dispose()
          }
        }
        if (kind === 1 && depth > 0) {
          const length = ctx.getLength(h) ?? 0
          const items: Raw[] = []
          for (let i = 0; i < length; i++) {
            const item = ctx.getProp(h, i)
            try {
              items.push(this.decode(item, depth - 1))
            } finally {
              item.dispose()
            }
          }
          return items
        }
      }
    }
    throw new SandboxFsError("sandbox fs: unexpected value from the native layer")
  }

  // --- operations, as sequences of binding calls ---

  private *uvError(errno: number, syscall: string, path?: string, dest?: string): Op<SandboxFsError> {
    const code = String(yield { fn: "uv.errname", args: [errno] })
    const text = String(yield { fn: "uv.message", args: [errno] })
    return systemError(code, text, errno, syscall, path, dest)
  }

  // a binding's number: the result, or a negative errno thrown as Node's error
  private *check(r: Raw, syscall: string, path?: string, dest?: string): Op<number> {
    if (typeof r !== "number") throw new SandboxFsError(`sandbox fs: unexpected result of ${syscall}`)
    if (r < 0) throw yield* this.uvError(r, syscall, path, dest)
    return r
  }

  private *readFileOp(path: unknown, options?: unknown): Op<Uint8Array | string> {
    const p = checkPath(path)
    const encoding = encodingOf(options)
    const flag = optionOf<unknown>(options, "flag") ?? "r"
    if (flag !== "r") throw new TypeError(`sandbox.fs.readFileSync: flag ${String(flag)} is not supported`)
    // (bytes, decoded here: a string crosses the FFI as C text, which ends at a NUL)
    const r = yield { fn: "fs.readFile", args: [p, O_RDONLY] }
    if (Array.isArray(r)) {
      const [errno, syscall] = r
      throw yield* syscall === "open" ? this.uvError(errno as number, "open", p) : this.uvError(errno as number, String(syscall))
    }
    if (!(r instanceof Uint8Array)) throw new SandboxFsError("sandbox fs: unexpected result of readFile")
    return encoding ? decodeText(r, encoding) : bytesOut(r)
  }

  private *writeFileOp(path: unknown, data: unknown, options: unknown, append: boolean): Op<void> {
    const p = checkPath(path)
    const flag = optionOf<unknown>(options, "flag") ?? (append ? "a" : "w")
    const flags = typeof flag === "string" ? writeFlags[flag] : undefined
    if (flags === undefined) throw new TypeError(`sandbox.fs: flag ${String(flag)} is not supported`)
    const mode = optionOf<unknown>(options, "mode") ?? 0o666
    if (typeof mode !== "number") throw argError("mode", "of type number", mode)
    let bytes: Uint8Array
    if (typeof data === "string") bytes = encodeText(data, encodingOf(options))
    else if (data instanceof Uint8Array) bytes = data
    else throw argError("data", "of type string or an instance of Uint8Array", data)
    const r = yield { fn: "fs.writeFile", args: [p, bytes, flags, mode] }
    if (Array.isArray(r)) throw yield* this.uvError(r[0] as number, String(r[1]))
    yield* this.check(r, "open", p)
  }

  private *existsOp(path: unknown): Op<boolean> {
    if (typeof path !== "string" || path.includes("\0")) return false
    return (yield { fn: "fs.access", args: [path, 0] }) === 0
  }

  private *mkdirOp(path: unknown, options?: unknown): Op<string | undefined> {
    const p = checkPath(path)
    const recursive = optionOf<unknown>(options, "recursive") === true
    const mode = typeof options === "number" ? options : (optionOf<number>(options, "mode") ?? 0o777)
    if (typeof mode !== "number") throw argError("mode", "of type number", mode)
    const r = yield { fn: "fs.mkdir", args: [p, mode, recursive] }
    if (typeof r === "string") return r
    if (r === undefined) return undefined
    yield* this.check(r, "mkdir", p)
    return undefined
  }

  private *readdirOp(path: unknown, options?: unknown): Op<(string | Uint8Array)[] | SandboxDirent<string | HostBuffer>[]> {
    const p = checkPath(path)
    if (optionOf(options, "recursive")) throw new TypeError("sandbox.fs.readdirSync: recursive is not supported")
    const withTypes = optionOf(options, "withFileTypes") === true
    const encoding = encodingOf(options)
    // names cross the FFI as UTF-8 text; other encodings re-encode them, as Node does the bytes
    const named = (name: Raw): string | Uint8Array =>
      encoding === undefined || isUtf8(encoding)
        ? String(name)
        : encoding === "buffer"
          ? bytesOut(encodeText(String(name), undefined))
          : decodeText(encodeText(String(name), undefined), encoding)
    const r = yield { fn: "fs.readdir", args: [p, withTypes] }
    if (!Array.isArray(r)) {
      yield* this.check(r, "scandir", p)
      throw new SandboxFsError("sandbox fs: unexpected result of readdir")
    }
    if (!withTypes) return r.map(named)
    const [names, types] = r as [Raw[], Raw[]]
    return names.map((name, i) => new SandboxDirent(named(name) as string | HostBuffer, p, types[i] as number))
  }

  private *statOp(path: unknown, follow: boolean): Op<SandboxStats> {
    const p = checkPath(path)
    const r = yield { fn: "fs.stat", args: [p, STATS, follow] }
    if (r instanceof Float64Array) return new SandboxStats(r)
    yield* this.check(r, follow ? "stat" : "lstat", p)
    throw new SandboxFsError("sandbox fs: unexpected result of stat")
  }

  private *rmOp(path: unknown, options?: unknown): Op<void> {
    const p = checkPath(path)
    const recursive = optionOf(options, "recursive") === true
    const force = optionOf(options, "force") === true
    const r = yield { fn: "fs.stat", args: [p, STATS, false] }
    if (!(r instanceof Float64Array)) {
      if (r === ENOENT && force) return
      yield* this.check(r, "lstat", p)
      return
    }
    if (((r[1] as number) & S_IFMT) !== S_IF.dir) {
      const u = yield { fn: "fs.unlink", args: [p] }
      if (u === ENOENT && force) return
      yield* this.check(u, "unlink", p)
      return
    }
    if (!recursive) {
      const err = new SandboxFsError(`Path is a directory: rm returned EISDIR (is a directory) ${p}`)
      Object.assign(err, { code: "ERR_FS_EISDIR", errno: 21, syscall: "rm", path: p, name: "SystemError" })
      throw err
    }
    yield* this.removeTree(p)
  }

  private *removeTree(dir: string): Op<void> {
    const r = yield { fn: "fs.readdir", args: [dir, true] }
    if (!Array.isArray(r)) {
      yield* this.check(r, "scandir", dir)
      return
    }
    const [names, types] = r as [Raw[], Raw[]]
    for (let i = 0; i < names.length; i++) {
      const child = dir === "/" ? `/${String(names[i])}` : `${dir}/${String(names[i])}`
      if (types[i] === 2) yield* this.removeTree(child)
      else yield* this.check(yield { fn: "fs.unlink", args: [child] }, "unlink", child)
    }
    yield* this.check(yield { fn: "fs.rmdir", args: [dir] }, "rmdir", dir)
  }

  private *twoPathOp(fn: "fs.rename" | "fs.symlink", a: unknown, b: unknown): Op<void> {
    const from = checkPath(a, fn === "fs.rename" ? "oldPath" : "target")
    const to = checkPath(b, fn === "fs.rename" ? "newPath" : "path")
    yield* this.check(yield { fn, args: [from, to] }, fn.slice(3), from, to)
  }

  private *readlinkOp(path: unknown): Op<string> {
    const p = checkPath(path)
    const r = yield { fn: "fs.readlink", args: [p] }
    if (typeof r === "string") return r
    yield* this.check(r, "readlink", p)
    throw new SandboxFsError("sandbox fs: unexpected result of readlink")
  }

  // The methods of this view by name (also what `sandbox.fsCall` and the browser API call);
  // binary `data` stands for a null second argument.
  private op(method: string, args: unknown[], data?: Uint8Array): Op<unknown> {
    const a = data ? [args[0], data, ...args.slice(2)] : args
    switch (method) {
      case "readFileSync":
        return this.readFileOp(a[0], a[1])
      case "writeFileSync":
        return this.writeFileOp(a[0], a[1], a[2], false)
      case "appendFileSync":
        return this.writeFileOp(a[0], a[1], a[2], true)
      case "existsSync":
        return this.existsOp(a[0])
      case "mkdirSync":
        return this.mkdirOp(a[0], a[1])
      case "readdirSync":
        return this.readdirOp(a[0], a[1])
      case "statSync":
        return this.statOp(a[0], true)
      case "lstatSync":
        return this.statOp(a[0], false)
      case "rmSync":
        return this.rmOp(a[0], a[1])
      case "unlinkSync":
        return this.unlinkOp(a[0])
      case "rmdirSync":
        return this.rmdirOp(a[0])
      case "renameSync":
        return this.twoPathOp("fs.rename", a[0], a[1])
      case "symlinkSync":
        return this.twoPathOp("fs.symlink", a[0], a[1])
      case "readlinkSync":
        return this.readlinkOp(a[0])
    }
    throw new TypeError(`sandbox.fs has no method ${JSON.stringify(method)}`)
  }

  private *unlinkOp(path: unknown): Op<void> {
    const p = checkPath(path)
    yield* this.check(yield { fn: "fs.unlink", args: [p] }, "unlink", p)
  }

  private *rmdirOp(path: unknown): Op<void> {
    const p = checkPath(path)
    yield* this.check(yield { fn: "fs.rmdir", args: [p] }, "rmdir", p)
  }

  /** `method(...args)` of this view through the guest's event-loop entry (where it may wait for OPFS). */
  async callAsync(enter: Enter, method: string, args: unknown[], data?: Uint8Array): Promise<unknown> {
    return this.runAsync(enter, this.op(method, args, data))
  }

  /** Node's error for libuv's (negative) `errno` from `syscall` on `path`. */
  systemError(errno: number, syscall: string, path?: string): SandboxFsError {
    return this.run(this.uvError(errno, syscall, path))
  }

  readFileSync(path: string): HostBuffer
  readFileSync(path: string, encoding: Encoding | { encoding: Encoding }): string
  readFileSync(path: string, options?: Encoding | { encoding?: Encoding }): HostBuffer | string {
    return this.run(this.readFileOp(path, options)) as HostBuffer | string
  }

  writeFileSync(path: string, data: Data, options?: Encoding | object): void {
    this.run(this.writeFileOp(path, data, options, false))
  }

  appendFileSync(path: string, data: Data, options?: Encoding | object): void {
    this.run(this.writeFileOp(path, data, options, true))
  }

  existsSync(path: string): boolean {
    return this.run(this.existsOp(path))
  }

  mkdirSync(path: string, options?: { recursive?: boolean; mode?: number } | number): string | undefined {
    return this.run(this.mkdirOp(path, options))
  }

  readdirSync(path: string, options?: { encoding: Encoding | null; withFileTypes?: false } | Encoding | null): string[]
  readdirSync(path: string, options: { encoding: "buffer"; withFileTypes?: false } | "buffer"): HostBuffer[]
  readdirSync(path: string, options?: { encoding?: Encoding | null; withFileTypes?: false } | Encoding | null): string[] | HostBuffer[]
  readdirSync(path: string, options: { encoding?: Encoding | null; withFileTypes: true }): SandboxDirent[]
  readdirSync(path: string, options: { encoding: "buffer"; withFileTypes: true }): SandboxDirent<HostBuffer>[]
  readdirSync(
    path: string,
    options?: ReaddirOptions | Encoding | "buffer" | null,
  ): string[] | HostBuffer[] | SandboxDirent<string | HostBuffer>[] {
    return this.run(this.readdirOp(path, options)) as string[] | HostBuffer[] | SandboxDirent<string | HostBuffer>[]
  }

  statSync(path: string): SandboxStats {
    return this.run(this.statOp(path, true))
  }

  lstatSync(path: string): SandboxStats {
    return this.run(this.statOp(path, false))
  }

  rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void {
    this.run(this.rmOp(path, options))
  }

  unlinkSync(path: string): void {
    this.run(this.unlinkOp(path))
  }

  rmdirSync(path: string): void {
    this.run(this.rmdirOp(path))
  }

  renameSync(from: string, to: string): void {
    this.run(this.twoPathOp("fs.rename", from, to))
  }

  symlinkSync(target: string, path: string): void {
    this.run(this.twoPathOp("fs.symlink", target, path))
  }

  readlinkSync(path: string): string {
    return this.run(this.readlinkOp(path))
  }

  /** Every file below `dir` as { path: utf-8 text }, as memfs' toJSON. */
  toJSON(dir = "/"): Record<string, string | null> {
    const out: Record<string, string | null> = {}
    const walk = (d: string) => {
      const entries = this.readdirSync(d, { withFileTypes: true })
      if (entries.length === 0 && d !== dir) out[d] = null
      for (const e of entries) {
        const p = d === "/" ? `/${e.name}` : `${d}/${e.name}`
        if (e.isDirectory()) walk(p)
        else if (e.isFile()) out[p] = this.readFileSync(p, "utf8")
      }
    }
    walk(dir)
    return out
  }

  /** Creates the files of a toJSON-style object (null makes an empty directory). */
  fromJSON(json: Record<string, string | null>, cwd = "/"): void {
    for (const [name, content] of Object.entries(json)) {
      const path = name.startsWith("/") ? name : `${cwd.replace(/\/$/, "")}/${name}`
      if (content === null) {
        this.mkdirSync(path, { recursive: true })
        continue
      }
      this.mkdirSync(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true })
      this.writeFileSync(path, content)
    }
  }
}
