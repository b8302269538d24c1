// The core keeps the Wasm pointers of its runtimes, contexts and values private; the package
// pins the core's version (quickjs-emscripten-core 0.32) and reads them here only, for the
// module's own exports (generated/ffi.ts) that take them.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from "quickjs-emscripten-core"

export function contextPointer(context: QuickJSContext): number {
  return (context as unknown as { ctx: { value: number } }).ctx.value
}

export function runtimePointer(runtime: QuickJSRuntime): number {
  return (runtime as unknown as { rt: { value: number } }).rt.value
}

/** A handle's JSValue pointer in the Wasm heap. */
export function valuePointer(handle: QuickJSHandle): number {
  return handle.value as unknown as number
}
