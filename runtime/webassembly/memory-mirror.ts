// The guest's `memory.buffer` of each host WebAssembly memory (webassembly.ts), kept equal to the
// host's bytes at every crossing: which bytes each side wrote since the last one, and copying only those.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core"
import type { QuickJSFFI } from "../generated/ffi"
import type { WasmFSEmscriptenModule } from "../module/guest-calls"
import type { TrackedModule } from "./wasm-store-tracker"
import { valuePointer } from "../module/pointers"

// A host Memory's bytes and the guest's `memory.buffer` (a QuickJS ArrayBuffer in the
// Wasm module's heap) cannot be one buffer. While guest JS runs, its buffer holds the truth;
// while host Wasm runs, the host memory does. So every crossing copies: guest -> host when the
// guest calls into Wasm (an export, instantiation, grow) and when an import returns to Wasm;
// host -> guest when Wasm returns or calls an import. A memory whose `buffer` the guest never
// read has no guest copy and costs nothing. A crossing copies only what the side that ran wrote:
// QuickJS records the ranges guest code writes to a tracked ArrayBuffer, and a module whose
// memory starts at COMPARE_FROM or more (and whose code is small beside it) is compiled with its
// writes recorded (wasm-store-tracker.ts) in two ranges kept in globals the guest never sees.
// Memories written by other code are copied whole, or from COMPARE_FROM on compared and copied
// where they differ.

interface View {
  handle: QuickJSHandle
  length: number
}

// An instance's record of the bytes of its memory it wrote (wasm-store-tracker.ts): two ranges
// [lo, hi] inclusive, empty when lo > hi, the first of writes starting below `split`
interface Writes {
  lo: WebAssembly.Global
  hi: WebAssembly.Global
  lo2: WebAssembly.Global
  hi2: WebAssembly.Global
  split: WebAssembly.Global
}

// Where a memory's two ranges part, learnt from where a large range's changes were.
interface Split {
  at: number
  learnt: number
}

// From this size on, a crossing compares before it copies (see copyChanged).
export const COMPARE_FROM = 4 << 20
const BLOCK = 1 << 20
const CHUNK = 1 << 14
// A range the Wasm wrote this large is compared (once it is learnt where its changes are, the
// memory's split moves into its largest gap, if one is at least SPLIT_GAP); a split is moved at
// most SPLIT_MOVES times, two ranges being all there are.
const LEARN_FROM = 1 << 20
const SPLIT_GAP = 1 << 20
const SPLIT_MOVES = 4

const nativeCompare = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } }).Buffer?.compare

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (nativeCompare) return nativeCompare(a, b) === 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// `dst` made equal to `src`, copying only the chunks that differ: the two sides were equal after
// the last crossing, so those are what the side that ran since wrote. Reading both costs less
// than writing the whole of a large memory, a shared one's above all. Gives the offsets of the
// chunks copied, or undefined when it copied all (below COMPARE_FROM, unless `always`).
function copyChanged(src: Uint8Array, dst: Uint8Array, always = false): number[] | undefined {
  if ((src.length < COMPARE_FROM && !always) || !nativeCompare) {
    dst.set(src)
    return undefined
  }
  const n = src.length
  const changed: number[] = []
  for (let b = 0; b < n; b += BLOCK) {
    const be = Math.min(n, b + BLOCK)
    if (same(src.subarray(b, be), dst.subarray(b, be))) continue
    for (let c = b; c < be; c += CHUNK) {
      const ce = Math.min(be, c + CHUNK)
      const part = src.subarray(c, ce)
      if (!same(part, dst.subarray(c, ce))) {
        dst.set(part, c)
        changed.push(c)
      }
    }
  }
  return changed
}

// Where the largest gap between changed chunks ends, if it is at least SPLIT_GAP.
function splitAt(changed: number[]): number | undefined {
  let best = 0
  let at: number | undefined
  for (let i = 1; i < changed.length; i++) {
    const gap = changed[i] - (changed[i - 1] + CHUNK)
    if (gap >= SPLIT_GAP && gap > best) {
      best = gap
      at = changed[i]
    }
  }
  return at
}

const handleValue = valuePointer

export class MemoryMirror {
  private readonly views = new Map<WebAssembly.Memory, View>()
  // the names of the globals each rewritten module exports to the host (wasm-store-tracker.ts)
  readonly trackedNames = new Map<WebAssembly.Module, Omit<TrackedModule, "bytes">>()
  private readonly writers = new Map<WebAssembly.Memory, Writes[]>()
  private readonly splits = new Map<WebAssembly.Memory, Split>()
  // memories an untracked instance writes to
  private readonly untracked = new Set<WebAssembly.Memory>()
  // instantiation in progress: data segments and the start function write before the
  // instance's globals can be found
  instantiating = 0
  private readonly out: number

  constructor(
    private readonly ctx: QuickJSContext,
    private readonly heap: WasmFSEmscriptenModule,
    private readonly ffi: QuickJSFFI,
    private readonly ctxPtr: number,
  ) {
    // qjsw_array_buffer_data's two numbers, qjsw_array_buffer_take_writes's eight
    this.out = this.heap._malloc(32)
  }

  /** Lets go of the guest's buffers (before the context is freed). */
  dispose(): void {
    for (const v of this.views.values()) v.handle.dispose()
    this.views.clear()
    this.heap._free(this.out)
  }

  // One of the globals the host reads an instance's writes from, which the guest never sees.
  hidden(m: WebAssembly.Module, name: string): boolean {
    const names = this.trackedNames.get(m)
    return (
      names !== undefined && (name === names.lo || name === names.hi || name === names.lo2 || name === names.hi2 || name === names.split)
    )
  }

  // Which memory an instance writes through its globals (its memory 0, imported or its own), or,
  // for an untracked module, every memory it holds.
  trackWrites(m: WebAssembly.Module, instance: WebAssembly.Instance, imports: Record<string, unknown> | undefined): void {
    const memories: WebAssembly.Memory[] = []
    for (const d of WebAssembly.Module.imports(m)) {
      const v = (imports?.[d.module] as Record<string, unknown> | undefined)?.[d.name]
      if (d.kind === "memory" && v instanceof WebAssembly.Memory) memories.push(v)
    }
    for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memories.push(v)
    const names = this.trackedNames.get(m)
    if (!names) {
      for (const mem of memories) this.untracked.add(mem)
      return
    }
    const g = (name: string) => instance.exports[name] as WebAssembly.Global
    const w: Writes = { lo: g(names.lo), hi: g(names.hi), lo2: g(names.lo2), hi2: g(names.hi2), split: g(names.split) }
    // one memory at most: its imports and exports name the same one
    const mem = memories[0]
    if (!mem) return
    const split = this.splits.get(mem)
    if (split) w.split.value = split.at | 0
    let list = this.writers.get(mem)
    if (!list) this.writers.set(mem, (list = []))
    list.push(w)
  }

  // The bytes of `mem` its instances wrote since last asked, as up to two [start, end) ranges;
  // then forgotten.
  private takeWasmWrites(mem: WebAssembly.Memory): [number, number][] {
    const list = this.writers.get(mem)
    if (!list) return []
    const size = mem.buffer.byteLength
    const out: [number, number][] = []
    for (const [loOf, hiOf] of [
      ["lo", "hi"],
      ["lo2", "hi2"],
    ] as const) {
      let lo = Infinity
      let hi = -1
      for (const w of list) {
        const a = (w[loOf].value as number) >>> 0
        const b = (w[hiOf].value as number) >>> 0
        if (a <= b) {
          lo = Math.min(lo, a)
          hi = Math.max(hi, b)
        }
        w[loOf].value = -1
        w[hiOf].value = 0
      }
      if (hi >= 0 && lo < size) out.push([lo, Math.min(hi + 1, size)])
    }
    return out
  }

  // A range the Wasm wrote to `mem`, copied into the guest's bytes; a large one compared, to learn
  // where the memory's two ranges should part.
  private copyWasmWrites(mem: WebAssembly.Memory, guest: Uint8Array, [start, end]: [number, number]): void {
    const src = new Uint8Array(mem.buffer, start, end - start)
    const split = this.splits.get(mem) ?? { at: 0xffffffff, learnt: 0 }
    if (end - start < LEARN_FROM || split.learnt >= SPLIT_MOVES) {
      guest.set(src, start)
      return
    }
    const changed = copyChanged(src, guest.subarray(start, end), true)
    const at = changed && splitAt(changed)
    if (at === undefined) return
    split.at = start + at
    split.learnt++
    this.splits.set(mem, split)
    for (const w of this.writers.get(mem) ?? []) w.split.value = split.at | 0
  }

  // Where a view's bytes are in the heap now; undefined when the guest detached its buffer.
  private locate(view: View): number | undefined {
    if (this.ffi.qjsw_array_buffer_data(this.ctxPtr, handleValue(view.handle), this.out) < 0) return undefined
    const u32 = this.heap.HEAPU32
    if (u32[(this.out >> 2) + 1] !== view.length) return undefined
    return u32[this.out >> 2]
  }

  private drop(mem: WebAssembly.Memory, view: View, detach: boolean): void {
    if (detach) this.ffi.qjsw_array_buffer_detach(this.ctxPtr, handleValue(view.handle))
    view.handle.dispose()
    this.views.delete(mem)
  }

  /** Guest -> host: what guest code wrote to its buffers goes to the host memories. */
  syncToHost(): void {
    for (const [mem, view] of this.views) {
      const ptr = this.locate(view)
      if (ptr === undefined || mem.buffer.byteLength !== view.length) {
        this.drop(mem, view, ptr !== undefined)
        continue
      }
      // what guest code wrote since the last crossing, as QuickJS recorded it
      const n = this.ffi.qjsw_array_buffer_take_writes(this.ctxPtr, handleValue(view.handle), this.out)
      if (n < 0) {
        copyChanged(this.heap.HEAPU8.subarray(ptr, ptr + view.length), new Uint8Array(mem.buffer))
        continue
      }
      const u32 = this.heap.HEAPU32
      for (let i = 0; i < n; i++) {
        const lo = u32[(this.out >> 2) + 2 * i]
        const hi = u32[(this.out >> 2) + 2 * i + 1]
        new Uint8Array(mem.buffer).set(this.heap.HEAPU8.subarray(ptr + lo, ptr + hi), lo)
      }
    }
  }

  /** Host -> guest: what the Wasm wrote goes to the guest's buffers. */
  syncToGuest(): void {
    for (const [mem, view] of this.views) {
      const ptr = this.locate(view)
      // grown inside the Wasm: the old buffer is detached, as the spec's grow does
      if (ptr === undefined || mem.buffer.byteLength !== view.length) {
        this.drop(mem, view, ptr !== undefined)
        continue
      }
      const guest = this.heap.HEAPU8.subarray(ptr, ptr + view.length)
      if (this.instantiating || this.untracked.has(mem)) {
        copyChanged(new Uint8Array(mem.buffer), guest)
        this.takeWasmWrites(mem)
        continue
      }
      for (const range of this.takeWasmWrites(mem)) this.copyWasmWrites(mem, guest, range)
    }
  }

  /** The guest's `memory.buffer` of `mem`: the one it has while it is still that memory's. */
  memBuffer(mem: WebAssembly.Memory): QuickJSHandle {
    const view = this.views.get(mem)
    if (view) {
      const ptr = this.locate(view)
      if (ptr !== undefined && view.length === mem.buffer.byteLength) return view.handle.dup()
      this.drop(mem, view, ptr !== undefined)
    }
    const handle = this.ctx.newArrayBuffer(mem.buffer)
    const made = { handle, length: mem.buffer.byteLength }
    // past the heap's limit the core hands back the exception, not a buffer
    if (this.locate(made) === undefined) {
      handle.dispose()
      throw new RangeError("Array buffer allocation failed")
    }
    this.ffi.qjsw_array_buffer_track(this.ctxPtr, handleValue(handle))
    // the new buffer is a copy of all of it
    this.takeWasmWrites(mem)
    this.views.set(mem, { handle: handle.dup(), length: made.length })
    return handle
  }

  /** `mem` grew: the guest's buffer of it is detached, as the spec's grow does. */
  release(mem: WebAssembly.Memory): void {
    const view = this.views.get(mem)
    if (view) this.drop(mem, view, this.locate(view) !== undefined)
  }
}
