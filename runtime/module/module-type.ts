import type { QuickJSEmscriptenModule } from "@jitl/quickjs-ffi-types"
import { QuickJSWASMModule, type ContextOptions, type QuickJSContext } from "quickjs-emscripten-core"
import { bootNodeContext, type NodeGlobalsOptions } from "./node-context"

const nodeGlobals = new WeakMap<object, NodeGlobalsOptions>()

/**
 * What newQuickJSWASMModuleWithWasmFS() returns: quickjs-emscripten-core's QuickJSWASMModule,
 * whose contexts from `newContext()` have Node's globals (unless turned off), and whose
 * Emscripten `module` is public: `new WasmFS(QuickJS.module)` takes it.
 */
export class QuickJSWasmFSModule extends QuickJSWASMModule {
  declare readonly module: QuickJSEmscriptenModule

  /** @private Made by newQuickJSWASMModuleWithWasmFS() from the core's module, never constructed. */
  static adopt(module: QuickJSWASMModule, globals: NodeGlobalsOptions | undefined): QuickJSWasmFSModule {
    Object.setPrototypeOf(module, QuickJSWasmFSModule.prototype)
    if (globals) nodeGlobals.set(module, globals)
    return module as QuickJSWasmFSModule
  }

  /** A context in a new runtime, as the core's, with `require`, `console`, `process`... booted in. */
  override newContext(options?: ContextOptions): QuickJSContext {
    const context = super.newContext(options)
    const globals = nodeGlobals.get(this)
    if (!globals) return context
    // booted before the embedder holds the context: no code of theirs has run in it
    try {
      bootNodeContext(this, context, globals)
    } catch (e) {
      context.dispose()
      throw e
    }
    return context
  }
}
