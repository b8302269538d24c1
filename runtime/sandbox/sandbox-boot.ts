// What the Sandbox constructor builds for the guest's boot: the runtime's stack, the host object
// (`write`, and `files` as guest ArrayBuffers), and the boot module's source text with its options.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core"
import { wasmfsFFI } from "../module/guest-calls"
import type { ChildLink } from "./child-link"
import { MIN_CHILD_STACK } from "./child-processes"
import type { SandboxOptions } from "./sandbox-options"
import { runtimePointer } from "../module/pointers"

export const BOOT_NAME = "qjsw:sandbox"

// The stack the guest's JS may use: a child's shares what its parent has left, a main sandbox's is `stackSize`.
export function setStackSize(
  module: QuickJSWASMModule,
  runtime: QuickJSRuntime,
  stackSize: number | undefined,
  link: ChildLink | undefined,
): void {
  if (link) {
    const ffi = wasmfsFFI(module)
    const shared = ffi.qjsw_runtime_share_stack(runtimePointer(runtime), runtimePointer(link.parentRuntime), MIN_CHILD_STACK)
    if (shared < 0) {
      runtime.dispose()
      throw new Error("quickjs-wasmfs: no stack left for a child process")
    }
    // a worker's stackSizeMb: less than its parent has left, never more
    if (link.stackSize !== undefined && (shared === 0 || link.stackSize < shared)) runtime.setMaxStackSize(link.stackSize)
  } else if (stackSize !== undefined) runtime.setMaxStackSize(stackSize)
}

// The host object the boot takes (globalThis.__qjswHost), with its `write`: process.stdout/stderr,
// a string as it is, bytes copied out of the guest's memory
export function newBootHost(
  ctx: QuickJSContext,
  disposed: () => boolean,
  write: (fd: number, chunk: string | Uint8Array) => void,
): QuickJSHandle {
  const fn = ctx.newFunction("write", (fd, data) => {
    // after a dispose() from a callback the guest only winds down: nothing more is its output
    if (disposed()) return
    const chunk = ctx.typeof(data) === "string" ? ctx.getString(data) : ctx.getArrayBuffer(data).consume((b) => b.value.slice())
    write(ctx.getNumber(fd), chunk)
  })
  const host = ctx.newObject()
  ctx.setProp(host, "write", fn)
  fn.dispose()
  return host
}

// The bytes of `view` as an ArrayBuffer of their own (the view's, when it spans all of it; a
// copy otherwise, made by Uint8Array: a Buffer's slice() is a view of its pool).
function wholeBuffer(view: Uint8Array): ArrayBuffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) return view.buffer
  return new Uint8Array(view).buffer
}

// `files` as guest ArrayBuffers (text as UTF-8, as the guest would write it), not in the
// boot's source: nothing to parse or decode, whatever their size or content
export function setBootFiles(ctx: QuickJSContext, host: QuickJSHandle, files: SandboxOptions["files"]): void {
  const utf8 = new TextEncoder()
  ctx.newArray().consume((list) => {
    Object.entries(files ?? {}).forEach(([name, data], i) => {
      ctx.newArray().consume((pair) => {
        // (a C string on its way in: a NUL would cut the name short)
        if (name.includes("\0")) throw new TypeError(`quickjs-wasmfs: files: a path must not contain NUL bytes: ${JSON.stringify(name)}`)
        ctx.newString(name).consume((h) => ctx.setProp(pair, 0, h))
        ctx.newArrayBuffer(wholeBuffer(typeof data === "string" ? utf8.encode(data) : data)).consume((h) => ctx.setProp(pair, 1, h))
        ctx.setProp(list, i, pair)
      })
    })
    ctx.setProp(host, "files", list)
  })
}

// Node's --expose-internals: the host's grant for a main sandbox; a child's parent must have
// it and the child's own command line ask for it (execArgv, checked before the script name)
// (Node reads `_` in an option's name as `-`)
export function exposesInternals(options: SandboxOptions, link: ChildLink | undefined): boolean {
  return options.exposeInternals === true && (!link || link.boot.execArgv.some((a) => a.replace(/_/g, "-") === "--expose-internals"))
}

// The boot module, run with globalThis.__qjswHost set (the host object: write, files...).
// Internal modules are importable only in the boot window (boot-window.ts), before any guest
// code exists. The host keeps the native bindings it imports here for sandbox.fs.
export function bootSource(options: SandboxOptions, link: ChildLink | undefined, exposeInternals: boolean): string {
  const boot = {
    argv: options.argv ?? [],
    env: options.env ?? {},
    cwd: options.cwd ?? "/",
    child: link?.boot,
    exposeInternals,
  }
  return `import * as api from 'qjsw:internal/sandbox';
         import * as fs from 'qjsw:binding/fs';
         import * as uv from 'qjsw:binding/uv';
         api.boot({ ...${JSON.stringify(boot)}, host: globalThis.__qjswHost });
         delete globalThis.__qjswHost;
         export { api, fs, uv };`
}
