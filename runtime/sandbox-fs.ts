import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"

/** A file-system error from the sandbox, shaped as Node's. */
export class SandboxFsError extends Error {
  code?: string
  errno?: number
  syscall?: string
  path?: string
  dest?: string
}

/** What statSync returns on the host side: Stats' fields and type checks. */
export interface SandboxStats {
  [field: string]: unknown
  mode: number
  size: number
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

type Data = string | Uint8Array

/**
 * A host-side, synchronous, Node-shaped view of a sandbox's file tree. Every call runs the
 * guest's own `fs` (the same native bindings guest code uses), so both sides see one tree.
 */
export class SandboxFs {
  constructor(
    private readonly ctx: QuickJSContext,
    private readonly callApi: (name: string, args: (string | QuickJSHandle)[]) => { value?: QuickJSHandle; error?: QuickJSHandle },
  ) {}

  private call(method: string, args: unknown[], data?: Uint8Array): unknown {
    const extra = this.dataArgs(data)
    const result = this.callApi("hostFs", [method, JSON.stringify(args), ...extra])
    extra.forEach((h) => h.dispose())
    return this.decode(result)
  }

  /** The same call through the guest's event-loop entry (where it may wait for OPFS). */
  async callAsync(
    enter: (name: string, args: (string | QuickJSHandle)[]) => Promise<{ value?: QuickJSHandle; error?: QuickJSHandle }>,
    method: string,
    args: unknown[],
    data?: Uint8Array,
  ): Promise<unknown> {
    const extra = this.dataArgs(data)
    try {
      return this.decode(await enter("hostFs", [method, JSON.stringify(args), ...extra]))
    } finally {
      extra.forEach((h) => h.dispose())
    }
  }

  private dataArgs(data: Uint8Array | undefined): QuickJSHandle[] {
    if (!data) return []
    const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
    return [this.ctx.newArrayBuffer(copy)]
  }

  private decode(result: { value?: QuickJSHandle; error?: QuickJSHandle }): unknown {
    const ctx = this.ctx
    if (result.error) {
      const dumped = ctx.dump(result.error)
      result.error.dispose()
      throw new Error(`sandbox fs call failed: ${JSON.stringify(dumped)}`)
    }
    const out = result.value!
    try {
      const error = ctx.getProp(out, "error")
      if (ctx.typeof(error) === "object") {
        const e = ctx.dump(error) as Record<string, unknown>
        error.dispose()
        throw Object.assign(new SandboxFsError(String(e.message)), e)
      }
      error.dispose()
      const bytes = ctx.getProp(out, "bytes")
      if (ctx.typeof(bytes) === "object") {
        const view = ctx.getArrayBuffer(bytes)
        // a Buffer in Node; plain bytes where the host has no Buffer (browsers)
        const copy = typeof Buffer === "function" ? Buffer.from(view.value) : view.value.slice()
        view.dispose()
        bytes.dispose()
        return copy
      }
      bytes.dispose()
      const stats = ctx.getProp(out, "stats")
      if (ctx.typeof(stats) === "string") {
        const fields = JSON.parse(ctx.getString(stats)) as Record<string, unknown> & { mode: number; size: number }
        stats.dispose()
        const type = fields.mode & 0o170000
        return Object.assign(fields, {
          isFile: () => type === 0o100000,
          isDirectory: () => type === 0o040000,
          isSymbolicLink: () => type === 0o120000,
        })
      }
      stats.dispose()
      const json = ctx.getProp(out, "json")
      const value = JSON.parse(ctx.getString(json)) as unknown
      json.dispose()
      return value
    } finally {
      out.dispose()
    }
  }

  readFileSync(path: string): Buffer
  readFileSync(path: string, encoding: BufferEncoding | { encoding: BufferEncoding }): string
  readFileSync(path: string, options?: BufferEncoding | { encoding?: BufferEncoding }): Buffer | string {
    return this.call("readFileSync", options === undefined ? [path] : [path, options]) as Buffer | string
  }

  writeFileSync(path: string, data: Data, options?: BufferEncoding | object): void {
    if (typeof data === "string") this.call("writeFileSync", options === undefined ? [path, data] : [path, data, options])
    else this.call("writeFileSync", options === undefined ? [path, null] : [path, null, options], data)
  }

  appendFileSync(path: string, data: Data, options?: BufferEncoding | object): void {
    if (typeof data === "string") this.call("appendFileSync", options === undefined ? [path, data] : [path, data, options])
    else this.call("appendFileSync", options === undefined ? [path, null] : [path, null, options], data)
  }

  existsSync(path: string): boolean {
    return this.call("existsSync", [path]) as boolean
  }

  mkdirSync(path: string, options?: { recursive?: boolean; mode?: number } | number): string | undefined {
    return (this.call("mkdirSync", options === undefined ? [path] : [path, options]) ?? undefined) as string | undefined
  }

  readdirSync(path: string, options?: object): unknown[] {
    return this.call("readdirSync", options === undefined ? [path] : [path, options]) as unknown[]
  }

  statSync(path: string): SandboxStats {
    return this.call("statSync", [path]) as SandboxStats
  }

  lstatSync(path: string): SandboxStats {
    return this.call("lstatSync", [path]) as SandboxStats
  }

  rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void {
    this.call("rmSync", options === undefined ? [path] : [path, options])
  }

  unlinkSync(path: string): void {
    this.call("unlinkSync", [path])
  }

  renameSync(from: string, to: string): void {
    this.call("renameSync", [from, to])
  }

  symlinkSync(target: string, path: string): void {
    this.call("symlinkSync", [target, path])
  }

  readlinkSync(path: string): string {
    return this.call("readlinkSync", [path]) as string
  }

  /** Every file below `dir` as { path: utf-8 text }, as memfs' toJSON. */
  toJSON(dir = "/"): Record<string, string | null> {
    const out: Record<string, string | null> = {}
    const walk = (d: string) => {
      const entries = this.readdirSync(d, { withFileTypes: true }) as { name: string; type: string }[]
      if (entries.length === 0 && d !== dir) out[d] = null
      for (const e of entries) {
        const p = d === "/" ? `/${e.name}` : `${d}/${e.name}`
        if (e.type === "dir") walk(p)
        else if (e.type === "file") out[p] = this.readFileSync(p, "utf8")
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
