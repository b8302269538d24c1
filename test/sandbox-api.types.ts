// Type-level tests of the host API, checked by `tsc --noEmit` (make test): readdirSync's
// overloads as @types/node has them, Stats and Dirent assignable to Node's, RunResult.error an
// Error, and mountHostDirectories' record form. Nothing here runs (runtime values:
// test/sandbox-api-values.test.ts).
import type { Dirent, Stats } from "node:fs"
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { mountHostDirectories, type RunResult, type SandboxDirent, type SandboxFs, type SandboxStats } from "../runtime/index"

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
// the API says HostBuffer (runtime/module/host-types.ts): Node's Buffer wherever @types/node is
// loaded, as here, which tsc sees as the same type both ways but not as the identical one
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
function assertType<T extends true>(): void {}

export function readdirOverloads(fs: SandboxFs): void {
  const plain = fs.readdirSync("/")
  assertType<Equal<typeof plain, string[]>>()
  const utf8 = fs.readdirSync("/", "utf8")
  assertType<Equal<typeof utf8, string[]>>()
  const hex = fs.readdirSync("/", { encoding: "hex" })
  assertType<Equal<typeof hex, string[]>>()
  const buffers = fs.readdirSync("/", "buffer")
  assertType<Same<typeof buffers, Buffer[]>>()
  const buffers2 = fs.readdirSync("/", { encoding: "buffer" })
  assertType<Same<typeof buffers2, Buffer[]>>()
  const dirents = fs.readdirSync("/", { withFileTypes: true })
  assertType<Equal<typeof dirents, SandboxDirent[]>>()
  const bufferDirents = fs.readdirSync("/", { withFileTypes: true, encoding: "buffer" })
  assertType<Same<typeof bufferDirents, SandboxDirent<Buffer>[]>>()
  assertType<Same<(typeof bufferDirents)[number]["name"], Buffer>>()
  const asNode: Dirent = dirents[0]
  const asNodeBuffer: Dirent<Buffer> = bufferDirents[0]
  void [asNode, asNodeBuffer]
  // @ts-expect-error SandboxFs refuses `recursive`, so its types do too
  fs.readdirSync("/", { recursive: true })
}

export function stats(fs: SandboxFs): void {
  const st = fs.statSync("/")
  assertType<Equal<typeof st, SandboxStats>>()
  assertType<Equal<typeof st.mtime, Date>>()
  assertType<Equal<typeof st.mtimeMs, number>>()
  const asNode: Stats = st
  const lst: Stats = fs.lstatSync("/")
  void [asNode, lst]
}

export function runResult(r: RunResult): void {
  assertType<Equal<RunResult["error"], Error | undefined>>()
  if (r.error) void r.error.message
}

export function mounts(module: QuickJSWASMModule): void {
  mountHostDirectories(module, { "/app": "./project" })
  mountHostDirectories(module, [{ hostPath: "./project", guestPath: "/app", readonly: true }])
}
