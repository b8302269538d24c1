// trackStores against real engines: hand-assembled modules run both as they are and rewritten,
// and must compute the same; the rewritten one must report the byte range each call wrote.
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { trackStores, type TrackedModule } from "../runtime/webassembly/wasm-store-tracker"

interface Builder {
  leb(n: number): number[]
  str(s: string): number[]
  vec(items: number[][]): number[]
  section(id: number, bytes: number[]): number[]
  wasm(...sections: number[][]): Uint8Array<ArrayBuffer>
  type(params: number[], results: number[]): number[]
  body(locals: number[][], code: number[]): number[]
}
const { leb, str, vec, section, wasm, type, body } = createRequire(import.meta.url)("./webassembly/wasm-builder.js") as Builder

const I32 = 0x7f
const I64 = 0x7e
const F32 = 0x7d
const F64 = 0x7c
const V128 = 0x7b

const sleb = (v: number): number[] => {
  const out: number[] = []
  for (;;) {
    const b = v & 0x7f
    v >>= 7
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b]
    out.push(b | 0x80)
  }
}
const i32 = (v: number) => [0x41, ...sleb(v)]
const i64 = (v: number) => [0x42, ...sleb(v)]
const f32 = (v: number) => [0x43, ...new Uint8Array(new Float32Array([v]).buffer)]
const f64 = (v: number) => [0x44, ...new Uint8Array(new Float64Array([v]).buffer)]
const get = (i: number) => [0x20, i]
const set = (i: number) => [0x21, i]
const mem = (op: number, align: number, offset = 0) => [op, align, ...leb(offset)]
const simd = (sub: number, ...imm: number[]) => [0xfd, ...leb(sub), ...imm]
const atomic = (sub: number, align: number, offset = 0) => [0xfe, sub, align, ...leb(offset)]
const bulk = (sub: number, ...imm: number[]) => [0xfc, sub, ...imm]
const BLOCK = [0x02, 0x40]
const LOOP = [0x03, 0x40]
const END = 0x0b

interface Fn {
  name?: string
  params?: number[]
  results?: number[]
  locals?: number[][]
  code: number[]
}

interface Shape {
  fns: Fn[]
  memory?: "defined" | "shared" | "imported" | "none" | "two" | "memory64"
  table?: boolean
  passive?: number[]
  importGlobal?: boolean
  globals?: number[][]
  exports?: number[][]
}

function build({ fns, memory = "defined", table, passive, importGlobal, globals = [], exports = [] }: Shape): Uint8Array<ArrayBuffer> {
  const imports: number[][] = []
  if (memory === "imported") imports.push([...str("env"), ...str("mem"), 0x02, 0x00, 1])
  if (importGlobal) imports.push([...str("env"), ...str("g"), 0x03, I32, 0x00])
  // prettier-ignore
  const memories = { defined: [[0x00, 1]], shared: [[0x03, 1, 1]], two: [[0x00, 1], [0x00, 1]], memory64: [[0x04, 1]] }
  const exported = fns.flatMap((f, i) => (f.name ? [[...str(f.name), 0x00, ...leb(i)]] : []))
  if (memory !== "none" && memory !== "imported") exported.push([...str("mem"), 0x02, 0])
  return wasm(
    section(1, vec(fns.map((f) => type(f.params ?? [], f.results ?? [])))),
    imports.length ? section(2, vec(imports)) : [],
    section(3, vec(fns.map((_, i) => leb(i)))),
    table ? section(4, vec([[0x70, 0x00, ...leb(fns.length)]])) : [],
    memory in memories ? section(5, vec(memories[memory as keyof typeof memories])) : [],
    globals.length ? section(6, vec(globals)) : [],
    section(7, vec([...exported, ...exports])),
    table ? section(9, vec([[0x00, ...i32(0), END, ...vec(fns.map((_, i) => leb(i)))]])) : [],
    passive ? section(12, leb(1)) : [],
    section(10, vec(fns.map((f) => body(f.locals ?? [], f.code)))),
    passive ? section(11, vec([[0x01, ...vec(passive.map((b) => [b]))]])) : [],
  )
}

type Exports = Record<string, unknown>
type Range = [lo: number, hi: number] | "clean"

async function instantiate(bytes: Uint8Array<ArrayBuffer>, imports: WebAssembly.Imports = {}): Promise<Exports> {
  const { instance } = await WebAssembly.instantiate(bytes, imports)
  return instance.exports as Exports
}

function globals(t: TrackedModule, exports: Exports): { lo: WebAssembly.Global; hi: WebAssembly.Global } {
  return { lo: exports[t.lo] as WebAssembly.Global, hi: exports[t.hi] as WebAssembly.Global }
}

function reset(t: TrackedModule, exports: Exports): void {
  const g = globals(t, exports)
  g.lo.value = 0xffffffff | 0
  g.hi.value = 0
}

function range(t: TrackedModule, exports: Exports): Range {
  const g = globals(t, exports)
  const lo = g.lo.value >>> 0
  const hi = g.hi.value >>> 0
  return lo > hi ? "clean" : [lo, hi]
}

function call(exports: Exports, name: string, ...args: unknown[]): unknown {
  return (exports[name] as (...a: unknown[]) => unknown)(...args)
}

function tracked(bytes: Uint8Array<ArrayBuffer>): TrackedModule {
  new WebAssembly.Module(bytes) // the test's own module is valid
  const t = trackStores(bytes)
  expect(t).toBeDefined()
  new WebAssembly.Module(t!.bytes) // throws the engine's reason when invalid
  return t!
}

function trackerExports(t: TrackedModule): { name: string; kind: string }[] {
  return [t.lo, t.hi, t.lo2, t.hi2, t.split].map((name) => ({ name, kind: "global" }))
}

function sameMemory(a: WebAssembly.Memory, b: WebAssembly.Memory): void {
  expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0)
}

describe("trackStores", () => {
  it("starts dirty, then records the range each call wrote", async () => {
    const bytes = build({
      fns: [
        { name: "store100", code: [...i32(100), ...i32(0x01020304), ...mem(0x36, 2, 8)] },
        { name: "store50", code: [...i32(50), ...i32(9), ...mem(0x3a, 0)] },
        { name: "none", results: [I32], code: [...i32(1), ...i32(2), 0x6a] },
      ],
    })
    const t = tracked(bytes)
    expect(t.lo).toBe("__qjsw_store_lo")
    expect(t.hi).toBe("__qjsw_store_hi")
    const e = await instantiate(t.bytes)
    expect(range(t, e)).toEqual([0, 0xffffffff])
    reset(t, e)
    expect(range(t, e)).toBe("clean")
    call(e, "store100")
    expect(range(t, e)).toEqual([108, 111])
    call(e, "store50")
    expect(range(t, e)).toEqual([50, 111])
    expect(new Uint8Array((e.mem as WebAssembly.Memory).buffer, 108, 4)).toEqual(new Uint8Array([4, 3, 2, 1]))
    reset(t, e)
    expect(call(e, "none")).toBe(3)
    expect(range(t, e)).toBe("clean")
  })

  it("records writes at or above the split in the second range", async () => {
    const bytes = build({
      fns: [
        { name: "store", params: [I32], code: [0x20, 0, ...i32(7), ...mem(0x36, 2, 4)] },
        { name: "fill", params: [I32, I32], code: [0x20, 0, ...i32(1), 0x20, 1, 0xfc, 11, 0] },
      ],
    })
    const t = tracked(bytes)
    const e = await instantiate(t.bytes)
    const g = (name: string) => e[name] as WebAssembly.Global
    const second = (): Range => {
      const lo = g(t.lo2).value >>> 0
      const hi = g(t.hi2).value >>> 0
      return lo > hi ? "clean" : [lo, hi]
    }
    expect(second()).toBe("clean")
    reset(t, e)
    g(t.split).value = 1000
    call(e, "store", 100)
    call(e, "store", 5000)
    call(e, "store", 992) // starts below the split, ends past it: the first range, whole
    expect(range(t, e)).toEqual([104, 999])
    expect(second()).toEqual([5004, 5007])
    call(e, "fill", 2000, 16)
    call(e, "fill", 990, 0)
    expect(second()).toEqual([2000, 5007])
    expect(range(t, e)).toEqual([104, 999])
  })

  describe("every kind of write gives the range and leaves results and memory as they were", () => {
    const splat = (v: number) => [...i32(v), ...simd(17)] // i32x4.splat
    const cases: { fn: Fn; range: Range; calls?: number }[] = [
      { fn: { code: [...i32(200), ...i32(-1), ...mem(0x36, 2, 4)] }, range: [204, 207] },
      { fn: { code: [...i32(208), ...i64(-2), ...mem(0x37, 3)] }, range: [208, 215] },
      { fn: { code: [...i32(216), ...f32(1.5), ...mem(0x38, 2)] }, range: [216, 219] },
      { fn: { code: [...i32(220), ...f64(-2.25), ...mem(0x39, 3, 1)] }, range: [221, 228] },
      { fn: { code: [...i32(230), ...i32(0x1ff), ...mem(0x3a, 0)] }, range: [230, 230] },
      { fn: { code: [...i32(232), ...i32(0x12345), ...mem(0x3b, 1)] }, range: [232, 233] },
      { fn: { code: [...i32(234), ...i64(0x1ff), ...mem(0x3c, 0)] }, range: [234, 234] },
      { fn: { code: [...i32(236), ...i64(0x12345), ...mem(0x3d, 1)] }, range: [236, 237] },
      { fn: { code: [...i32(240), ...i64(-3), ...mem(0x3e, 2)] }, range: [240, 243] },
      // top of the 1-page memory
      { fn: { code: [...i32(65532), ...i32(7), ...mem(0x36, 2)] }, range: [65532, 65535] },
      { fn: { code: [...i32(1000), ...i32(0xab), ...i32(10), ...bulk(11, 0)] }, range: [1000, 1009] },
      { fn: { code: [...i32(1000), ...i32(0xab), ...i32(0), ...bulk(11, 0)] }, range: "clean" },
      { fn: { code: [...i32(2000), ...i32(200), ...i32(16), ...bulk(10, 0, 0)] }, range: [2000, 2015] },
      { fn: { code: [...i32(2000), ...i32(200), ...i32(0), ...bulk(10, 0, 0)] }, range: "clean" },
      { fn: { code: [...i32(65526), ...i32(0), ...i32(10), ...bulk(10, 0, 0)] }, range: [65526, 65535] },
      { fn: { code: [...i32(3000), ...i32(1), ...i32(3), ...bulk(8, 0, 0)] }, range: [3000, 3002] },
      { fn: { code: [...i32(400), ...splat(0x11223344), ...simd(11, 4, 16)] }, range: [416, 431] },
      { fn: { code: [...i32(440), ...splat(0x55667788), ...simd(90, 2, 0, 1)] }, range: [440, 443] }, // v128.store32_lane
      { fn: { code: [...i32(448), ...splat(0x55667788), ...simd(91, 3, 2, 1)] }, range: [450, 457] }, // v128.store64_lane
      // i32.atomic.rmw.add returns the old value, twice
      { fn: { results: [I32], code: [...i32(500), ...i32(5), ...atomic(0x1e, 2)] }, range: [500, 503], calls: 2 },
      // i64.atomic.rmw.cmpxchg
      { fn: { results: [I64], code: [...i32(512), ...i64(0), ...i64(77), ...atomic(0x49, 3)] }, range: [512, 519], calls: 2 },
      // i32.atomic.rmw16.cmpxchg_u, offset 2
      { fn: { results: [I32], code: [...i32(520), ...i32(0), ...i32(0x1234), ...atomic(0x4b, 1, 2)] }, range: [522, 523], calls: 2 },
      // i64.atomic.rmw8.xchg_u
      { fn: { results: [I64], code: [...i32(530), ...i64(0x1ff), ...atomic(0x45, 0)] }, range: [530, 530], calls: 2 },
      { fn: { code: [...i32(540), ...i32(99), ...atomic(0x17, 2)] }, range: [540, 543] }, // i32.atomic.store
      { fn: { code: [...i32(544), ...i64(-9), ...atomic(0x1d, 2)] }, range: [544, 547] }, // i64.atomic.store32
      // reads do not count
      {
        fn: {
          results: [I32],
          code: [...i32(200), ...mem(0x28, 2), ...i32(200), ...atomic(0x10, 2), 0x6a, ...i32(400), ...simd(0, 4, 0), ...simd(27, 0), 0x6a],
        },
        range: "clean",
      },
    ]
    const fns = cases.map((c, i) => ({ ...c.fn, name: `f${i}` }))
    const bytes = build({ fns, memory: "shared", passive: [1, 2, 3, 4, 5] })

    it("validates", () => {
      expect(WebAssembly.validate(bytes)).toBe(true)
    })
    it("records and keeps semantics", async () => {
      const t = tracked(bytes)
      const [plain, e] = await Promise.all([instantiate(bytes), instantiate(t.bytes)])
      cases.forEach((c, i) => {
        for (let n = 0; n < (c.calls ?? 1); n++) {
          reset(t, e)
          const result = call(e, `f${i}`)
          expect(result, `f${i}`).toEqual(call(plain, `f${i}`))
          expect(range(t, e), `f${i}`).toEqual(c.range)
        }
      })
      expect([call(plain, "f19"), call(e, "f19")]).toEqual([10, 10]) // 0 + 5 + 5 before
      sameMemory(plain.mem as WebAssembly.Memory, e.mem as WebAssembly.Memory)
    })
  })

  it("rewrites writes in unreachable code into valid code", async () => {
    const bytes = build({
      fns: [
        { code: [0x00, ...mem(0x36, 2)] },
        { code: [0x00, ...mem(0x39, 3), ...atomic(0x4e, 2), 0x1a, ...simd(11, 4, 0), ...bulk(11, 0)] },
        { code: [...BLOCK, 0x0c, 0, ...mem(0x37, 3, 8), ...simd(88, 0, 0, 3), END] },
        { params: [I32], code: [...get(0), 0x04, 0x40, 0x0f, ...mem(0x38, 2), 0x05, ...get(0), ...get(0), ...mem(0x36, 2), END] },
        { name: "ok", results: [I32], code: [...i32(8), ...i32(8), ...mem(0x36, 2), ...i32(8), ...mem(0x28, 2)] },
      ],
      memory: "shared",
    })
    const t = tracked(bytes)
    const e = await instantiate(t.bytes)
    reset(t, e)
    expect(call(e, "ok")).toBe(8)
    expect(range(t, e)).toEqual([8, 11])
  })

  it("keeps params, locals, blocks, br_table and call_indirect working", async () => {
    // fill(base i32, value i64, scale f64, count i32) with locals i (i32), f (f32), v (v128), k (i64):
    // stores value +/- i at base + 8i in a loop, then returns i + trunc(f) + lane0(v) + k
    // (the bytes grouped by instruction, as the comments read them)
    // prettier-ignore
    const fill: Fn = {
      name: "fill",
      params: [I32, I64, F64, I32],
      results: [I32],
      locals: [[1, I32], [1, F32], [1, V128], [1, I64]],
      code: [
        ...get(2), 0xb6, ...set(5), // f = demote(scale)
        ...i32(3), ...simd(17), ...set(6), // v = splat(3)
        ...i64(4), ...set(7), // k = 4
        ...BLOCK,
        ...LOOP,
        ...get(4), ...get(3), 0x4f, 0x0d, 1, // br_if 1 when i >= count
        ...get(4), ...i32(1), 0x71, 0x04, 0x40, // if (i & 1) store value + i else value - i at base + 8i
        ...get(0), ...get(4), ...i32(3), 0x74, 0x6a, ...get(1), ...get(4), 0xad, 0x7c, ...mem(0x37, 3),
        0x05,
        ...get(0), ...get(4), ...i32(3), 0x74, 0x6a, ...get(1), ...get(4), 0xad, 0x7d, ...mem(0x37, 3),
        END,
        ...get(4), ...i32(1), 0x6a, ...set(4),
        0x0c, 0,
        END,
        END,
        ...get(4), ...get(5), 0xa8, 0x6a, ...get(6), ...simd(27, 0), 0x6a, ...get(7), 0xa7, 0x6a,
      ],
    }
    // prettier-ignore
    const pick: Fn = {
      name: "pick",
      params: [I32],
      code: [
        ...BLOCK, ...BLOCK, ...BLOCK, ...get(0), 0x0e, 2, 0, 1, 2, END,
        ...i32(600), ...i32(1), ...mem(0x3a, 0), 0x0f, END,
        ...i32(610), ...i32(2), ...mem(0x3b, 1), 0x0f, END,
        ...i32(620), ...i32(3), ...mem(0x36, 2),
      ],
    }
    const target: Fn = { params: [I32], code: [...get(0), ...i32(0x4142), ...mem(0x3b, 1, 1)] }
    const indirect: Fn = { name: "indirect", params: [I32, I32], code: [...get(0), ...get(1), 0x11, 2, 0] }
    const bytes = build({ fns: [fill, pick, target, indirect], table: true })
    const t = tracked(bytes)
    const [plain, e] = await Promise.all([instantiate(bytes), instantiate(t.bytes)])
    const steps: [string, unknown[], Range][] = [
      ["fill", [64, 1000n, 2.5, 4], [64, 95]],
      ["fill", [128, -1n, 0, 0], "clean"],
      ["pick", [0], [600, 600]],
      ["pick", [1], [610, 611]],
      ["pick", [7], [620, 623]],
      ["indirect", [700, 2], [701, 702]],
    ]
    for (const [name, args, r] of steps) {
      reset(t, e)
      expect(call(e, name, ...args)).toEqual(call(plain, name, ...args))
      expect(range(t, e), `${name}(${args.join()})`).toEqual(r)
    }
    expect(call(e, "fill", 0, 0n, 0, 1)).toBe(1 + 0 + 3 + 4)
    sameMemory(plain.mem as WebAssembly.Memory, e.mem as WebAssembly.Memory)
  })

  it("works with an imported memory and existing (imported and defined) globals", async () => {
    const bytes = build({
      memory: "imported",
      importGlobal: true,
      // prettier-ignore
      globals: [[I32, 1, ...i32(5), END], [I64, 0, ...i64(6), END]],
      exports: [[...str("g1"), 0x03, 1]],
      fns: [
        {
          name: "put",
          params: [I32],
          results: [I32],
          code: [...get(0), ...i32(0x7f7f), ...mem(0x36, 2), ...get(0), 0x24, 1, ...get(0), 0x23, 0, 0x6a, 0x23, 2, 0xa7, 0x6a],
        },
      ],
    })
    const t = tracked(bytes)
    const memory = new WebAssembly.Memory({ initial: 1 })
    const g = new WebAssembly.Global({ value: "i32", mutable: false }, 100)
    const e = await instantiate(t.bytes, { env: { mem: memory, g } })
    reset(t, e)
    expect(call(e, "put", 20)).toBe(20 + 100 + 6)
    expect((e.g1 as WebAssembly.Global).value).toBe(20)
    expect(range(t, e)).toEqual([20, 23])
    expect(new Uint32Array(memory.buffer, 20, 1)[0]).toBe(0x7f7f)
    expect(WebAssembly.Module.exports(new WebAssembly.Module(t.bytes)).map((x) => x.name)).toEqual([
      "put",
      "g1",
      ...trackerExports(t).map((x) => x.name),
    ])
  })

  it("adds a global and an export section where there were none, and keeps custom sections", async () => {
    const custom = (name: string, data: number[]) => section(0, [...str(name), ...data])
    const bytes = wasm(
      custom("before", [1, 2]),
      section(1, vec([type([], [])])),
      section(2, vec([[...str("env"), ...str("mem"), 0x02, 0x00, 1]])),
      section(3, vec([[0]])),
      custom("middle", [3]),
      section(8, [0]), // start: the function below
      section(10, vec([body([], [...i32(16), ...i32(0x2a), ...mem(0x36, 2)])])),
      custom("name", [1, ...leb(7), ...vec([[0, ...str("main")]])]),
    )
    const t = tracked(bytes)
    const module = new WebAssembly.Module(t.bytes)
    expect(WebAssembly.Module.exports(module)).toEqual(trackerExports(t))
    for (const name of ["before", "middle", "name"]) {
      const original = WebAssembly.Module.customSections(new WebAssembly.Module(bytes), name)
      expect(original).toHaveLength(1)
      expect(WebAssembly.Module.customSections(module, name)).toEqual(original)
    }
    const memory = new WebAssembly.Memory({ initial: 1 })
    const e = (await WebAssembly.instantiate(module, { env: { mem: memory } })).exports as Exports
    expect(new Uint32Array(memory.buffer, 16, 1)[0]).toBe(0x2a)
    expect(range(t, e)).toEqual([0, 0xffffffff]) // the start function ran before anyone could reset
  })

  it("picks other export names when the usual ones are taken", async () => {
    const bytes = build({
      fns: [
        { name: "__qjsw_store_lo", results: [I32], code: [...i32(42)] },
        { name: "put", code: [...i32(4), ...i32(1), ...mem(0x36, 2)] },
      ],
    })
    const t = tracked(bytes)
    expect(t.lo).not.toBe("__qjsw_store_lo")
    expect(t.hi).not.toBe("__qjsw_store_hi")
    const e = await instantiate(t.bytes)
    expect(call(e, "__qjsw_store_lo")).toBe(42)
    reset(t, e)
    call(e, "put")
    expect(range(t, e)).toEqual([4, 7])
  })

  it("gives up on what it cannot or need not track", () => {
    const store = { code: [...i32(4), ...i32(1), ...mem(0x36, 2)] }
    const noMemory = build({ fns: [{ code: [...i32(1), 0x1a] }], memory: "none" })
    expect(WebAssembly.validate(noMemory)).toBe(true)
    expect(trackStores(noMemory)).toBeUndefined()
    expect(trackStores(build({ fns: [store], memory: "two" }))).toBeUndefined()
    expect(trackStores(build({ fns: [{ code: [] }], memory: "memory64" }))).toBeUndefined()
    // an opcode it does not know (GC prefix) and garbage
    expect(trackStores(build({ fns: [{ code: [0xfb, 0x00] }] }))).toBeUndefined()
    const good = build({ fns: [store] })
    expect(trackStores(good)).toBeDefined()
    // a memory that starts below the size asked for (defined or imported: both 1 page here)
    expect(trackStores(good, 1)).toBeDefined()
    expect(trackStores(good, 2)).toBeUndefined()
    expect(trackStores(build({ fns: [store], memory: "imported" }), 2)).toBeUndefined()
    // code larger than the share of the memory asked for (a few bytes of code, 64 KiB of memory)
    expect(trackStores(good, 0, 1 / 1024)).toBeDefined()
    expect(trackStores(good, 0, 1 / 65536)).toBeUndefined()
    expect(trackStores(good.subarray(0, good.length - 3))).toBeUndefined()
    expect(trackStores(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBeUndefined()
    expect(trackStores(new Uint8Array(0))).toBeUndefined()
    const noisy = new Uint8Array(4096)
    for (let seed = 1, i = 0; i < noisy.length; i++) noisy[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
    noisy.set(good.subarray(0, 8))
    expect(trackStores(noisy)).toBeUndefined()
  })

  describe("real binaries", () => {
    const root = join(__dirname, "..")
    const files = [
      "node_modules/@rollup/wasm-node/dist/wasm-node/bindings_wasm_bg.wasm",
      "node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm",
      "build/wasm/quickjs-wasmfs.wasm",
      "node_modules/playwright-core/lib/webp_codec.wasm",
    ]
    for (const file of files) {
      it.skipIf(!existsSync(join(root, file)))(file, () => {
        const bytes = new Uint8Array(readFileSync(join(root, file)))
        const t = tracked(bytes)
        const before = WebAssembly.Module.exports(new WebAssembly.Module(bytes))
        const after = WebAssembly.Module.exports(new WebAssembly.Module(t.bytes))
        expect(after).toEqual([...before, ...trackerExports(t)])
      })
    }
  })
})
