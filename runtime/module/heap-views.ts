// quickjs-emscripten-core 0.32 reads out-parameters through typed arrays it makes when it
// allocates them (ModuleMemory.newTypedArray: `new Int32Array(HEAPU8.buffer, ptr, n)`). When the
// Wasm memory grows during the call that fills them, that buffer is detached and the view reads
// `undefined`. runtime.executePendingJobs() then takes `undefined` for the job's context pointer,
// and `newContext({ contextPointer: undefined })` creates a whole new context that nothing ever
// frees: QuickJS's JS_FreeRuntime later aborts on `assert(list_empty(&rt->gc_obj_list))`. A job
// that allocates enough to grow the memory (3e5 objects, a 12 MB buffer, a large module loaded
// from a job) is all it takes; native builds have no detachable heap, so they never show it.
// The same stale view breaks getOwnPropertyNames (its long-lived uint32Out) and newPromise after
// any growth. The views below are made at each read, from the heap as it is then.
import { Lifetime, type QuickJSRuntime } from "quickjs-emscripten-core"

type HeapView = ArrayLike<number> & { fill(v: number): unknown }
type TypedArrayKind = { new (buffer: ArrayBufferLike, offset: number, length: number): HeapView; BYTES_PER_ELEMENT: number }
interface EmscriptenHeap {
  HEAPU8: Uint8Array
  _malloc(size: number): number
  _free(ptr: number): void
}
interface CoreModuleMemory {
  module: EmscriptenHeap
  newTypedArray(kind: TypedArrayKind, length: number): Lifetime<{ readonly typedArray: HeapView; ptr: number }>
}

const installed = Symbol.for("quickjs-wasmfs.heapViews")

/** Makes the core's out-parameter arrays read the current heap. Once per process; call it
 *  before a context of `runtime`'s module exists (a context keeps one such array for life). */
export function installFreshHeapViews(runtime: QuickJSRuntime): void {
  const memory = (runtime as unknown as { memory?: CoreModuleMemory }).memory
  const proto = memory && (Object.getPrototypeOf(memory) as CoreModuleMemory & { [installed]?: true })
  if (!proto || typeof proto.newTypedArray !== "function" || proto[installed]) return
  proto.newTypedArray = function (this: CoreModuleMemory, kind: TypedArrayKind, length: number) {
    const heap = this.module
    const ptr = heap._malloc(Math.max(1, length) * kind.BYTES_PER_ELEMENT)
    const value = {
      ptr,
      get typedArray() {
        return new kind(heap.HEAPU8.buffer, ptr, length)
      },
    }
    value.typedArray.fill(0)
    return new Lifetime(value, undefined, (v) => heap._free(v.ptr))
  }
  proto[installed] = true
}
