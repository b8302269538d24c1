// What a mount's host is: the calls native/wasmfs/mount_backend.cpp makes for the files of one mount,
// which native/wasmfs/mount_host.js decodes from the Wasm heap, hands to the host registered under the
// mount's id, and encodes back. Three hosts implement it: a Node host directory
// (node-mount-host.ts), the browser's Origin Private File System (opfs-host.ts), and the bridge
// to an OPFS host in another worker (opfs-bridge.ts).
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import type { HOST_STAT_FIELDS } from "../generated/native"
import { emscriptenModuleOf } from "../module/guest-calls"

/** A host lstat/fstat: the fields of mount_internal.h's HostStat, which native/wasmfs/mount_host.js fills (Node's fs.Stats has them all). */
export type HostStat = Record<(typeof HOST_STAT_FIELDS)[number], number>

/** A directory entry's kind, as WasmFS's File::FileKind numbers it. */
export const EntryKind = { File: 1, Directory: 2, Symlink: 3 } as const
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind]

/**
 * An answer: the value, a count or fd (>= 0), a negative errno of the Emscripten libc, or a
 * promise of one of those. A host answers a promise only when the Wasm stack can wait for it
 * (JSPI: the instance was entered through a promising export). A host may also throw an
 * object whose `code` is an errno name ("ENOENT"); it never lets another exception out.
 */
export type HostAnswer<T> = T | number | Promise<T | number>

/**
 * Paths are what the backend builds: the root this host's realpath() answered, then "/" and
 * single names, never "." or ".."; a host never follows a symlink in them. Times are seconds
 * for utimes/futimes and ms in stats.
 */
export interface MountHost {
  /** The root the mount's paths start with, for the directory `path` the mount was asked for. */
  realpath(path: string): HostAnswer<string>
  lstat(path: string): HostAnswer<HostStat>
  fstat(fd: number): HostAnswer<HostStat>
  /** access: 0 read, 1 write, 2 both; create: a new file (O_CREAT|O_EXCL) with `mode`. */
  open(path: string, access: number, create: number, mode: number): HostAnswer<number>
  close(fd: number): HostAnswer<number>
  /** Bytes read into `view` (a view of the Wasm heap, valid for this call only). */
  read(fd: number, view: Uint8Array, pos: number): HostAnswer<number>
  write(fd: number, view: Uint8Array, pos: number): HostAnswer<number>
  ftruncate(fd: number, size: number): HostAnswer<number>
  fsync(fd: number): HostAnswer<number>
  mkdir(path: string, mode: number): HostAnswer<number>
  unlink(path: string): HostAnswer<number>
  rmdir(path: string): HostAnswer<number>
  rename(from: string, to: string): HostAnswer<number>
  symlink(target: string, path: string): HostAnswer<number>
  /** The target as stored: text, or its bytes where they need not be UTF-8. */
  readlink(path: string): HostAnswer<string | Uint8Array>
  /** Files, directories and symlinks only: nothing else is shown to the guest. */
  readdir(path: string): HostAnswer<[name: string, kind: EntryKind][]>
  chmod(path: string, mode: number): HostAnswer<number>
  fchmod(fd: number, mode: number): HostAnswer<number>
  utimes(path: string, atime: number, mtime: number): HostAnswer<number>
  futimes(fd: number, atime: number, mtime: number): HostAnswer<number>
}

/** Registers `host` with the module's Wasm instance: the id to give qjsw_mount. */
export function addMountHost(module: QuickJSWASMModule, host: MountHost): number {
  const hosts = (emscriptenModuleOf(module).qjswHosts ??= [undefined])
  hosts.push(host)
  return hosts.length - 1
}

/** Unregisters a host whose mount failed or is gone: its calls fail with EIO from now on. */
export function removeMountHost(module: QuickJSWASMModule, id: number): void {
  const hosts = emscriptenModuleOf(module).qjswHosts
  if (hosts && id > 0 && id < hosts.length) hosts[id] = undefined
}
