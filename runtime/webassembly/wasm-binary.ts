// A guest's Wasm binary read and written by the host: the reader and writer of the binary format
// (wasm-store-tracker.ts rewrites code with them), and what the sandbox changes for its limits:
// the maximum of each memory a module defines, capped at what the sandbox's memory limit allows,
// so that a memory.grow inside the module fails (returns -1) past it, as an allocation failure
// does, instead of growing host memory nobody counts. Anything the reader does not understand is
// left to the engine, which rejects it with its own CompileError.
const MEMORY_SECTION = 5

const utf8 = new TextDecoder()

export function fail(): never {
  throw new Error("not a WebAssembly module this reader knows")
}

export function isValType(b: number): boolean {
  // i32 i64 f32 f64 v128 funcref externref exnref; GC / typed references are not supported
  return (b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f || b === 0x69
}

/** Reads a module's bytes; any malformation throws (see fail). */
export class Reader {
  pos = 0
  constructor(
    readonly buf: Uint8Array,
    public end = buf.length,
  ) {}

  byte(): number {
    if (this.pos >= this.end) fail()
    return this.buf[this.pos++]
  }

  u32(): number {
    const buf = this.buf
    let b = buf[this.pos++]
    if (b < 0x80) return b
    let value = b & 0x7f
    let scale = 0x80
    for (let i = 1; i < 5; i++) {
      b = buf[this.pos++]
      if (b === undefined) fail()
      value += (b & 0x7f) * scale
      if (b < 0x80) return value > 0xffffffff ? fail() : value
      scale *= 0x80
    }
    return fail()
  }

  // any LEB (signed or unsigned, up to 64 bits) whose value does not matter
  skipLeb(): void {
    const buf = this.buf
    for (let i = 0; i < 10; i++) {
      const b = buf[this.pos++]
      if (b === undefined) fail()
      if (b < 0x80) return
    }
    fail()
  }

  // s33 as used by block types and heap types: a negative value is a one-byte type code
  s33IsIndex(): boolean {
    const first = this.buf[this.pos]
    if (first < 0x80) {
      this.pos++
      return (first & 0x40) === 0
    }
    let last = 0
    for (let i = 0; i < 5; i++) {
      last = this.buf[this.pos++]
      if (last === undefined) fail()
      if (last < 0x80) break
    }
    if (last >= 0x80) fail()
    return (last & 0x40) === 0
  }

  name(): string {
    const n = this.u32()
    if (this.pos + n > this.end) fail()
    const s = utf8.decode(this.buf.subarray(this.pos, this.pos + n))
    this.pos += n
    return s
  }

  blockType(): void {
    const b = this.buf[this.pos]
    if (b === 0x40 || isValType(b)) this.pos++
    else if (!this.s33IsIndex()) fail()
  }

  valType(): number {
    const b = this.byte()
    if (!isValType(b)) fail()
    return b
  }

  // the minimum of the last limits read
  min = 0

  limits(): number {
    const flags = this.byte()
    if (flags > 7) fail()
    this.min = this.u32()
    if (flags & 1) this.skipLeb()
    return flags
  }
}

/** Appends a module's bytes. */
export class Writer {
  buf: Uint8Array<ArrayBuffer>
  len = 0
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity)
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n))
    next.set(this.buf.subarray(0, this.len))
    this.buf = next
  }

  byte(b: number): void {
    this.room(1)
    this.buf[this.len++] = b
  }

  u32(v: number): void {
    this.room(5)
    const buf = this.buf
    while (v >= 0x80) {
      buf[this.len++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    buf[this.len++] = v
  }

  s32(v: number): void {
    this.room(5)
    v |= 0
    for (;;) {
      const b = v & 0x7f
      v >>= 7
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.buf[this.len++] = b
        return
      }
      this.buf[this.len++] = b | 0x80
    }
  }

  bytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start
    this.room(n)
    // most copies are a few bytes between two writes, cheaper than a subarray view
    if (n < 32) {
      const buf = this.buf
      for (let i = start, o = this.len; i < end; i++, o++) buf[o] = src[i]
    } else this.buf.set(src.subarray(start, end), this.len)
    this.len += n
  }

  name(s: string): void {
    const b = new TextEncoder().encode(s)
    this.u32(b.length)
    this.bytes(b)
  }

  section(id: number, content: Writer): void {
    this.byte(id)
    this.u32(content.len)
    this.bytes(content.buf, 0, content.len)
  }

  result(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len)
  }
}

export interface MemoryCap {
  bytes: Uint8Array<ArrayBuffer>
  /** Pages the module's own memories take when it is instantiated. */
  initialPages: number
}

/** `bytes` with every defined 32-bit memory's maximum at most `maxPages`. */
export function capMemories(bytes: Uint8Array<ArrayBuffer>, maxPages: number): MemoryCap {
  const unchanged = { bytes, initialPages: 0 }
  try {
    const r = new Reader(bytes)
    r.pos = 8
    while (r.pos < bytes.length) {
      const at = r.pos
      const id = r.byte()
      const size = r.u32()
      const end = r.pos + size
      if (end > bytes.length) break
      if (id !== MEMORY_SECTION) {
        r.pos = end
        continue
      }
      r.end = end
      const out = new Writer()
      let count = r.u32()
      out.u32(count)
      let initialPages = 0
      for (; count > 0; count--) {
        const flags = r.byte()
        // shared (2) and 64-bit (4) memories: left as they are
        if (flags > 1) return unchanged
        const min = r.u32()
        const max = flags === 1 ? Math.min(r.u32(), maxPages) : maxPages
        initialPages += min
        out.byte(1)
        out.u32(min)
        out.u32(Math.max(max, min))
      }
      if (r.pos !== end) return unchanged
      const w = new Writer(bytes.length + out.len + 16)
      w.bytes(bytes, 0, at)
      w.section(MEMORY_SECTION, out)
      w.bytes(bytes, end)
      return { bytes: w.result(), initialPages }
    }
  } catch {
    // malformed: the engine rejects it with its own CompileError
  }
  return unchanged
}
