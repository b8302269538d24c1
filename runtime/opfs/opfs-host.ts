// The browser's Origin Private File System as a host of the WasmFS mount backend
// (native/wasmfs/mount_backend.cpp, called through native/wasmfs/mount_host.js): the sandbox's /opfs.
//
// The hot path is synchronous: a file the guest opened once keeps its FileSystemSyncAccessHandle
// open in an LRU cache, so open/read/write/close of a known file are plain calls on that handle.
// Directory handles and listings are cached too. What only the browser's async API can do
// (look up an unknown name, create, remove, open a handle, list a directory) returns a promise,
// and the Wasm stack waits for it through JSPI (qjsw_host_await); that is only allowed when the
// guest was entered through a promising export, which `canSuspend` tells. Otherwise such a call
// fails with EAGAIN instead of blocking.
//
// Freshness: names this host has seen stay known until an operation on them fails; a name this
// host has not seen is looked up in OPFS, except in a directory listed during the current turn
// (`newTurn()`, called by the sandbox whenever the host enters the guest from its event loop),
// where it is known to be absent. So files other contexts create show up at the next turn, and
// module resolution's many lookups of absent names cost one listing per directory and turn.
//
// Durability, as Node's on a disk: a write is in the OPFS file when writeSync (and so
// writeFileSync) returns: other contexts read it, and a reload, a closed tab or a crashed worker
// lose nothing. fsyncSync/fdatasyncSync flush the handle to the disk (what a power loss needs),
// and so does letting go of a handle. Handles no guest fd uses are closed once the guest has
// been idle for `releaseAfter` ms (`idle()`: the sandbox calls it when a run ends and when the
// guest sleeps; entering the guest again cancels it), so other tabs and the page may open the
// files again, while back-to-back runs keep their handles warm.
//
// Symlinks, which OPFS has not, are kept in a small JSON file per directory that has any
// (LINKS, hidden from the guest): { name: target }. What OPFS cannot store at all: permission
// bits and times set with chmod/utimes live in this host's memory (until a reload).
import { EntryKind, type HostStat, type MountHost } from "../mounts/mount-host"
import { OwnChanges } from "../mounts/own-changes"

/** The part of FileSystemSyncAccessHandle this host uses (also implemented in memory, below). */
interface SyncHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  getSize(): number
  flush(): void
  close(): void
}

type FileHandle = FileSystemFileHandle & {
  createSyncAccessHandle(options?: { mode?: string }): Promise<SyncHandle>
  move?(parent: FileSystemDirectoryHandle, name: string): Promise<void>
}
type DirHandle = FileSystemDirectoryHandle & {
  entries(): AsyncIterable<[string, FileSystemHandle]>
}

// FileSystemObserver (Chromium 129+), not in TypeScript's DOM types yet.
interface ObserverRecord {
  type: "appeared" | "disappeared" | "modified" | "moved" | "unknown" | "errored"
  relativePathComponents: string[]
  relativePathMovedFrom: string[] | null
}
interface ObserverLike {
  observe(handle: FileSystemHandle, options?: { recursive?: boolean }): Promise<void>
  disconnect(): void
}

interface Node {
  kind: "file" | "dir" | "link"
  name: string
  parent: Node | undefined
  /** files and dirs (a link is only an entry in its directory's LINKS file) */
  handle: FileHandle | DirHandle
  ino: number
  mode: number
  atimeMs: number
  mtimeMs: number
  ctimeMs: number
  /** files: size when no handle is open (from getFile) */
  size: number
  /** the turn whose getFile() gave size/mtime (-1: never read) */
  seen: number
  /** dirs: children known so far, all of them when `listed` is the current turn */
  children: Map<string, Node> | undefined
  listed: number
  /** dirs: the turn whose LINKS file made the link children (-1: not read since listed) */
  linksRead: number
  /** links: the target, as the mount backend stores it */
  target: string
  /** files: the open sync handle, and whether it has writes not yet flushed */
  sah: SyncHandle | undefined
  dirty: boolean
  /** guest fds open on this file */
  opens: number
}

/** What polling saw of a directory entry (size and time of files it read; -1: unknown). */
interface PollSeen {
  kind: "file" | "dir"
  size: number
  modified: number
}

export type OpfsStat = HostStat

export interface OpfsHostOptions {
  /** The directory shown at the mount point (default: navigator.storage.getDirectory()). */
  root: FileSystemDirectoryHandle
  /** Whether the Wasm stack may wait for a promise now (inside a promising call). */
  canSuspend: () => boolean
  /** Open sync access handles kept across the guest's open/close (default 256). */
  maxHandles?: number
  /** Idle ms after which handles no guest fd uses are closed (default 100). */
  releaseAfter?: number
}

/** A change made by someone else (the page, another tab or worker), path relative to the root. */
export type ExternalChange = { type: "create" | "change" | "delete" | "rename" | "overflow"; path: string; oldPath?: string }

/** How changes made by others reach watchers: FileSystemObserver, polling, or not at all. */
export type ChangeSource = "observer" | "polling" | "none"



const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000
const DEV = 0x6f7066 // "opf"
// The root's name in the backend's paths (native/wasmfs/mount_backend.cpp): not a host path, so the
// backend stores symlink targets as the guest wrote them (".quickjs-wasmfs-links.json" holds
// "opfs:/x" for an absolute target inside the mount, as it always has).
const ROOT = "opfs:"
/** A directory's symlinks, { name: target }; the guest never sees this name. */
const LINKS = ".quickjs-wasmfs-links.json"
const encoder = new TextEncoder()

type Result<T> = T | number | Promise<T | number>

// Thrown (never an Error: no stack to capture on hot lookups); mount_host.js maps the code.
function fail(code: string): never {
  throw { code }
}

// A DOMException from OPFS as the errno Node would report for it. A TypeError is OPFS refusing
// a name it cannot hold (Chromium: one with a backslash): EINVAL, as Linux's vfat says for those.
function errnoOf(e: unknown): { code: string } {
  const name = (e as { name?: string })?.name
  if (name === "TypeError") return { code: "EINVAL" }
  const code =
    name === "NotFoundError"
      ? "ENOENT"
      : name === "TypeMismatchError"
        ? "ENOTDIR"
        : name === "NoModificationAllowedError"
          ? "EBUSY"
          : name === "InvalidModificationError"
            ? "ENOTEMPTY"
            : name === "QuotaExceededError"
              ? "ENOSPC"
              : name === "NotAllowedError" || name === "SecurityError"
                ? "EACCES"
                : (e as { code?: unknown })?.code && typeof (e as { code?: unknown }).code === "string"
                  ? ((e as { code: string }).code)
                  : "EIO"
  return { code }
}

// A write or truncate OPFS refuses: an offset or size beyond what it takes (TypeError) is EFBIG,
// as where the largest file is smaller; over the origin's quota is ENOSPC, as on a full disk.
function sizeErrnoOf(e: unknown): { code: string } {
  return (e as { name?: string })?.name === "TypeError" ? { code: "EFBIG" } : errnoOf(e)
}

// What an unlinked file still open in the guest keeps: its bytes, in memory (POSIX lets the
// open fds go on; OPFS cannot remove a file with an open handle).
class MemoryHandle implements SyncHandle {
  private bytes: Uint8Array
  private length: number
  constructor(from: SyncHandle) {
    this.length = from.getSize()
    this.bytes = new Uint8Array(Math.max(this.length, 64))
    from.read(this.bytes.subarray(0, this.length), { at: 0 })
  }
  read(buffer: Uint8Array, { at }: { at: number }): number {
    const n = Math.max(0, Math.min(buffer.length, this.length - at))
    buffer.set(this.bytes.subarray(at, at + n))
    return n
  }
  write(buffer: Uint8Array, { at }: { at: number }): number {
    this.reserve(at + buffer.length)
    this.bytes.set(buffer, at)
    this.length = Math.max(this.length, at + buffer.length)
    return buffer.length
  }
  truncate(size: number): void {
    this.reserve(size)
    if (size > this.length) this.bytes.fill(0, this.length, size)
    this.length = size
  }
  getSize(): number {
    return this.length
  }
  flush(): void {}
  close(): void {}
  private reserve(size: number) {
    if (size <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(size, this.bytes.length * 2))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }
}

// The backend's path ("opfs:", "opfs:/a/b") as this host's: "" for the root, else "/a/b".
function local(path: string): string {
  if (!path.startsWith(ROOT)) fail("ENOENT")
  return path.slice(ROOT.length)
}

export class OpfsHost implements MountHost {
  private readonly root: Node
  private readonly canSuspend: () => boolean
  private readonly maxHandles: number
  private turn = 0
  private nextIno = 2
  private nextFd = 1
  private readonly fds = new Map<number, Node>()
  /** nodes with an open sync handle, least recently used first */
  private readonly handles = new Map<Node, true>()
  private unsafeMode = true
  /** set while a continuation of a wait runs (see withNode) */
  private waiting = false
  private readonly releaseAfter: number
  private releaseTimer: ReturnType<typeof setTimeout> | undefined
  private observer: { disconnect(): void } | undefined
  private pollTimer: ReturnType<typeof setTimeout> | undefined
  private onExternal: ((change: ExternalChange) => void) | undefined
  /** path -> when this host last changed it (kept while others' changes are watched) */
  private readonly recent = new OwnChanges()
  /** polling: what the last look saw in each directory it looks at */
  private readonly polled = new Map<Node, Map<string, PollSeen>>()
  /** polling: paths this host changed since, taken as they are at the next look */
  private readonly pollResync = new Set<string>()

  constructor(options: OpfsHostOptions) {
    this.canSuspend = options.canSuspend
    this.maxHandles = options.maxHandles ?? 256
    this.releaseAfter = options.releaseAfter ?? 100
    this.root = this.node("dir", "", undefined, options.root as DirHandle)
  }

  /** A new turn of the guest: listings read before it no longer prove a name absent. */
  newTurn(): void {
    this.turn++
    if (this.releaseTimer !== undefined) {
      clearTimeout(this.releaseTimer)
      this.releaseTimer = undefined
    }
  }

  /** The guest is idle: its unused handles go if it stays so for `releaseAfter` ms. */
  idle(): void {
    if (this.releaseTimer !== undefined || this.handles.size === 0) return
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined
      this.releaseIdle()
    }, this.releaseAfter)
  }

  /** Closes the sync handles no guest fd uses, so other contexts may write those files. */
  releaseIdle(): void {
    for (const node of [...this.handles.keys()]) if (node.opens === 0) this.closeHandle(node)
  }

  /** Closes every handle (the sandbox is going away). */
  /**
   * Reports changes others make below the root: through FileSystemObserver where the browser
   * has it (unless `polling` is asked for), else by listing known directories every
   * `interval` ms while `wanted()` says someone watches. Caches are refreshed either way.
   */
  async watchOthers(
    onChange: (change: ExternalChange) => void,
    options: { polling?: boolean; interval?: number; wanted?: () => boolean } = {},
  ): Promise<ChangeSource> {
    this.onExternal = onChange
    const Observer = (globalThis as { FileSystemObserver?: new (cb: (records: ObserverRecord[]) => void) => ObserverLike }).FileSystemObserver
    if (Observer && !options.polling) {
      try {
        const observer = new Observer((records) => this.observed(records))
        await observer.observe(this.root.handle as DirHandle, { recursive: true })
        this.observer = observer
        return "observer"
      } catch {
        // fall back to polling
      }
    }
    const interval = options.interval ?? 1000
    const wanted = options.wanted ?? (() => true)
    const tick = async () => {
      if (wanted()) await this.pollOnce().catch(() => {})
      if (this.onExternal) this.pollTimer = setTimeout(tick, interval)
    }
    this.pollTimer = setTimeout(tick, interval)
    return "polling"
  }

  dispose(): void {
    this.onExternal = undefined
    this.observer?.disconnect()
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer)
    if (this.releaseTimer !== undefined) clearTimeout(this.releaseTimer)
    for (const node of [...this.handles.keys()]) this.closeHandle(node)
  }

  // ---- MountHost (runtime/mounts/mount-host.ts) ----

  realpath(path: string): Result<string> {
    return path === "" ? ROOT : -1
  }

  lstat(path: string): Result<OpfsStat> {
    path = local(path)
    return this.withNode(path, (node) => this.statOf(node))
  }

  fstat(fd: number): OpfsStat {
    return this.statOf(this.fd(fd))
  }

  open(path: string, access: number, create: number, mode: number): Result<number> {
    path = local(path)
    if (create) {
      return this.async(async () => {
        const node = await this.make(path, "file", S_IFREG | (mode & 0o7777))
        node.seen = this.turn
        await this.acquire(node)
        return this.newFd(node)
      })
    }
    return this.withNode(path, (found) => {
      if (found.kind !== "file") fail("EISDIR")
      if (found.sah) {
        this.touch(found)
        return this.newFd(found)
      }
      return this.async(async () => {
        await this.acquire(found)
        return this.newFd(found)
      })
    })
  }

  close(fd: number): number {
    const node = this.fd(fd)
    this.fds.delete(fd)
    node.opens--
    return 0
  }

  read(fd: number, view: Uint8Array, pos: number): number {
    const sah = this.fd(fd).sah!
    try {
      return sah.read(view, { at: pos })
    } catch (e) {
      throw errnoOf(e)
    }
  }

  write(fd: number, view: Uint8Array, pos: number): number {
    const node = this.fd(fd)
    const size = this.sizeOf(node)
    let n: number
    try {
      n = node.sah!.write(view, { at: pos })
    } catch (e) {
      throw sizeErrnoOf(e)
    }
    if (pos + n > size) node.size = pos + n
    this.modified(node)
    return n
  }

  ftruncate(fd: number, size: number): number {
    const node = this.fd(fd)
    try {
      node.sah!.truncate(size)
    } catch (e) {
      throw sizeErrnoOf(e)
    }
    node.size = size
    node.seen = this.turn
    this.modified(node)
    return 0
  }

  fsync(fd: number): number {
    this.flush(this.fd(fd))
    return 0
  }

  mkdir(path: string, mode: number): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.make(path, "dir", S_IFDIR | (mode & 0o7777))
      node.listed = this.turn // new and empty
      return 0
    })
  }

  // A new file or directory at `path` (its parent exists, the name does not).
  private async make(path: string, kind: "file" | "dir", mode: number): Promise<Node> {
    const slash = path.lastIndexOf("/")
    const name = path.slice(slash + 1)
    const dir = await this.resolve(path.slice(0, slash))
    if (dir.kind !== "dir") fail("ENOTDIR")
    if (dir.children!.has(name)) fail("EEXIST")
    if (name === LINKS) fail("EINVAL")
    // marked before OPFS is asked: its observer may tell of the change before it answers
    this.own(undefined, this.pathOf(dir) + "/" + name)
    const parent = dir.handle as DirHandle
    let handle: FileHandle | DirHandle
    try {
      handle = (kind === "file" ? await parent.getFileHandle(name, { create: true }) : await parent.getDirectoryHandle(name, { create: true })) as
        | FileHandle
        | DirHandle
    } catch (e) {
      throw errnoOf(e)
    }
    const node = this.node(kind, name, dir, handle)
    node.mode = mode
    this.touchDir(dir)
    return node
  }

  unlink(path: string): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.resolve(path)
      if (node.kind === "dir") fail("EISDIR")
      await this.remove(node)
      return 0
    })
  }

  rmdir(path: string): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.resolve(path)
      if (node.kind !== "dir") fail("ENOTDIR")
      if (node === this.root) fail("EBUSY")
      await this.list(node)
      if (node.children!.size) fail("ENOTEMPTY")
      await this.remove(node)
      return 0
    })
  }

  rename(from: string, to: string): Result<number> {
    from = local(from)
    to = local(to)
    const slash = to.lastIndexOf("/")
    const name = to.slice(slash + 1)
    return this.async(async () => {
      const node = await this.resolve(from)
      const dir = await this.resolve(to.slice(0, slash))
      if (dir.kind !== "dir") fail("ENOTDIR")
      if (name === LINKS) fail("EINVAL")
      const over = dir.children!.get(name) ?? (await this.child(dir, name))
      if (over === node) return 0
      if (over) {
        if (over.kind === "dir" && node.kind !== "dir") fail("EISDIR")
        if (over.kind !== "dir" && node.kind === "dir") fail("ENOTDIR")
        if (over.kind === "dir") {
          await this.list(over)
          if (over.children!.size) fail("ENOTEMPTY")
        }
        await this.remove(over)
      }
      for (let up: Node | undefined = dir; up; up = up.parent) if (up === node) fail("EINVAL")
      await this.move(node, dir, name)
      return 0
    })
  }

  symlink(target: string, path: string): Result<number> {
    path = local(path)
    const slash = path.lastIndexOf("/")
    const name = path.slice(slash + 1)
    return this.async(async () => {
      const dir = await this.resolve(path.slice(0, slash))
      if (dir.kind !== "dir") fail("ENOTDIR")
      if (name === LINKS) fail("EINVAL")
      if (dir.children!.get(name) ?? (await this.child(dir, name))) fail("EEXIST")
      const node = this.node("link", name, dir, undefined)
      node.target = target
      this.own(node)
      await this.saveLinks(dir)
      this.touchDir(dir)
      return 0
    })
  }

  readlink(path: string): Result<string> {
    path = local(path)
    return this.withNode(path, (found) => {
      if (found.kind !== "link") fail("EINVAL")
      return found.target
    })
  }

  readdir(path: string): Result<[string, EntryKind][]> {
    path = local(path)
    return this.withNode(path, (found) => {
      if (found.kind !== "dir") fail("ENOTDIR")
      const entries = () =>
        [...found.children!.values()].map((n): [string, EntryKind] => [n.name, n.kind === "dir" ? EntryKind.Directory : n.kind === "link" ? EntryKind.Symlink : EntryKind.File])
      if (found.listed === this.turn) return entries()
      return this.async(async () => {
        await this.list(found)
        return entries()
      })
    })
  }

  chmod(path: string, mode: number): Result<number> {
    path = local(path)
    return this.withNode(path, (found) => {
      this.setMode(found, mode)
      return 0
    })
  }

  fchmod(fd: number, mode: number): number {
    this.setMode(this.fd(fd), mode)
    return 0
  }

  utimes(path: string, atime: number, mtime: number): Result<number> {
    path = local(path)
    return this.withNode(path, (found) => {
      this.setTimes(found, atime, mtime)
      return 0
    })
  }

  futimes(fd: number, atime: number, mtime: number): number {
    this.setTimes(this.fd(fd), atime, mtime)
    return 0
  }

  // ---- lookups ----

  // The node at `path` ("" is the root, else "/a/b"): the node when known now, a promise of it
  // when OPFS must be asked (EAGAIN thrown when it must be asked but cannot be now).
  private find(path: string): Node | Promise<Node> {
    let node = this.root
    let at = 1
    while (at <= path.length) {
      let end = path.indexOf("/", at)
      if (end < 0) end = path.length
      const name = path.slice(at, end)
      at = end + 1
      if (node.kind !== "dir") fail("ENOTDIR")
      const next = node.children!.get(name)
      if (next) {
        node = next
        continue
      }
      if (node.listed === this.turn) fail("ENOENT")
      if (!this.canSuspend()) fail("EAGAIN")
      return this.resolve(path)
    }
    if (node.kind === "file" && !node.sah && node.seen !== this.turn && this.canSuspend()) return this.refresh(node)
    return node
  }

  // find(), asking OPFS for what is not known.
  private async resolve(path: string): Promise<Node> {
    let node = this.root
    for (const name of path.split("/").slice(1)) {
      if (node.kind !== "dir") fail("ENOTDIR")
      const next = node.children!.get(name) ?? (await this.child(node, name))
      if (!next) fail("ENOENT")
      node = next
    }
    return node
  }

  // Asks OPFS for `name` in `dir` (known absent in a directory listed this turn).
  private async child(dir: Node, name: string): Promise<Node | undefined> {
    const known = dir.children!.get(name)
    if (known || dir.listed === this.turn || name === LINKS) return known
    const entry = await this.entry(dir, name)
    if (entry) return entry
    // no OPFS entry of that name: perhaps a symlink
    await this.readLinks(dir)
    return dir.children!.get(name)
  }

  // The file or directory OPFS has at `name` in `dir`, as a new node.
  private async entry(dir: Node, name: string): Promise<Node | undefined> {
    const handle = dir.handle as DirHandle
    try {
      const file = (await handle.getFileHandle(name)) as FileHandle
      const node = this.node("file", name, dir, file)
      await this.refresh(node)
      return node
    } catch (e) {
      if ((e as { name?: string })?.name === "NotFoundError") {
        // Chromium says NotFoundError, not TypeMismatchError, for a directory of that name
        try {
          return this.node("dir", name, dir, (await handle.getDirectoryHandle(name)) as DirHandle)
        } catch (e2) {
          if ((e2 as { name?: string })?.name === "NotFoundError" || (e2 as { name?: string })?.name === "TypeMismatchError") return undefined
          throw errnoOf(e2)
        }
      }
      if ((e as { name?: string })?.name === "TypeMismatchError") {
        return this.node("dir", name, dir, (await handle.getDirectoryHandle(name)) as DirHandle)
      }
      // a name OPFS refuses (TypeError) names nothing: absent, not an I/O error
      if ((e as { name?: string })?.name === "TypeError") return undefined
      throw errnoOf(e)
    }
  }

  // Reads a directory's entries from OPFS: nodes for new names, known ones kept (same ino).
  private async list(dir: Node): Promise<void> {
    if (dir.listed === this.turn) return
    const turn = this.turn
    const seen = new Set<string>()
    let links = false
    try {
      for await (const [name, handle] of (dir.handle as DirHandle).entries()) {
        if (name === LINKS) {
          links = true
          continue
        }
        seen.add(name)
        const known = dir.children!.get(name)
        const kind = handle.kind === "directory" ? "dir" : "file"
        if (known && known.kind === kind) continue
        if (known) this.detach(known)
        this.node(kind, name, dir, handle as FileHandle | DirHandle)
      }
    } catch (e) {
      throw errnoOf(e)
    }
    for (const [name, node] of dir.children!) if (!seen.has(name) && node.kind !== "link") this.detach(node)
    if (links) await this.readLinks(dir, true)
    else for (const node of [...dir.children!.values()]) if (node.kind === "link") this.detach(node)
    dir.listed = turn
  }

  // Makes `dir`'s link children what its LINKS file says (once a turn unless `again`).
  private async readLinks(dir: Node, again = false): Promise<void> {
    if (dir.linksRead === this.turn && !again) return
    let links: Record<string, string> = {}
    try {
      const file = await (await (dir.handle as DirHandle).getFileHandle(LINKS)).getFile()
      const parsed = JSON.parse(await file.text()) as unknown
      if (parsed && typeof parsed === "object") links = parsed as Record<string, string>
    } catch (e) {
      const name = (e as { name?: string })?.name
      // none (or not ours to read: a broken file is as good as none)
      if (name !== "NotFoundError" && name !== "TypeMismatchError" && name !== "SyntaxError") throw errnoOf(e)
    }
    for (const node of [...dir.children!.values()]) {
      if (node.kind === "link" && typeof links[node.name] !== "string") this.detach(node)
    }
    for (const [name, target] of Object.entries(links)) {
      if (typeof target !== "string" || name === LINKS || name.includes("/")) continue
      const known = dir.children!.get(name)
      if (known?.kind === "link") known.target = target
      else if (!known) this.node("link", name, dir, undefined).target = target
    }
    dir.linksRead = this.turn
  }

  // Writes `dir`'s LINKS file from its link children (removes it when there are none).
  private async saveLinks(dir: Node): Promise<void> {
    const links: Record<string, string> = {}
    let any = false
    for (const node of dir.children!.values()) {
      if (node.kind === "link") {
        links[node.name] = node.target
        any = true
      }
    }
    const handle = dir.handle as DirHandle
    try {
      if (!any) {
        await handle.removeEntry(LINKS).catch((e) => {
          if ((e as { name?: string })?.name !== "NotFoundError") throw e
        })
      } else {
        const file = (await handle.getFileHandle(LINKS, { create: true })) as FileSystemFileHandle & {
          createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>
        }
        const writable = await file.createWritable()
        await writable.write(encoder.encode(JSON.stringify(links)))
        await writable.close()
      }
    } catch (e) {
      throw errnoOf(e)
    }
    dir.linksRead = this.turn
  }

  // Size and mtime of a file without an open handle, from OPFS.
  private async refresh(node: Node): Promise<Node> {
    try {
      const file = await (node.handle as FileHandle).getFile()
      node.size = file.size
      if (node.seen < 0 || file.lastModified > node.mtimeMs) {
        node.mtimeMs = node.ctimeMs = file.lastModified
        if (node.seen < 0) node.atimeMs = file.lastModified
      }
      node.seen = this.turn
      return node
    } catch (e) {
      if ((e as { name?: string })?.name === "NotFoundError") this.detach(node)
      throw errnoOf(e)
    }
  }

  // ---- changes ----

  private async remove(node: Node): Promise<void> {
    const parent = node.parent!
    this.own(node)
    if (node.kind === "link") {
      this.detach(node)
      await this.saveLinks(parent)
      this.touchDir(parent)
      return
    }
    if (node.sah) {
      if (node.opens > 0) {
        // the guest's fds on it go on, in memory
        const copy = new MemoryHandle(node.sah)
        this.closeHandle(node)
        node.sah = copy
      } else this.closeHandle(node)
    }
    try {
      // (a directory is empty by now, but for a LINKS file that may linger)
      await (parent.handle as DirHandle).removeEntry(node.name, { recursive: node.kind === "dir" })
    } catch (e) {
      if ((e as { name?: string })?.name !== "NotFoundError") throw errnoOf(e)
    }
    this.detach(node)
    this.touchDir(parent)
  }

  // Moves `node` to `name` in `dir` (which has no such entry now). OPFS moves files; a
  // directory is made anew at the target and its entries moved into it, then removed.
  private async move(node: Node, dir: Node, name: string, within = false): Promise<void> {
    const from = node.parent!
    this.own(node, this.pathOf(dir) + "/" + name)
    if (node.kind === "link") {
      // only the LINKS files change (a directory moved whole writes its own once, below)
      from.children!.delete(node.name)
      node.name = name
      node.parent = dir
      dir.children!.set(name, node)
      if (!within) {
        await this.saveLinks(dir)
        if (from !== dir) await this.saveLinks(from)
      }
    } else if (node.kind === "file") {
      const reopen = node.sah !== undefined && node.opens > 0
      if (node.sah) this.closeHandle(node)
      const handle = node.handle as FileHandle
      try {
        if (!handle.move) fail("EXDEV")
        await handle.move(dir.handle as DirHandle, name)
      } catch (e) {
        throw errnoOf(e)
      } finally {
        if (reopen) await this.acquire(node)
      }
    } else {
      await this.list(node)
      let made: DirHandle
      try {
        made = (await (dir.handle as DirHandle).getDirectoryHandle(name, { create: true })) as DirHandle
      } catch (e) {
        throw errnoOf(e)
      }
      const target = this.node("dir", name, dir, made)
      target.listed = this.turn
      for (const child of [...node.children!.values()]) await this.move(child, target, child.name, true)
      if ([...target.children!.values()].some((c) => c.kind === "link")) await this.saveLinks(target)
      try {
        // what is left is the old LINKS file, if any
        await (from.handle as DirHandle).removeEntry(node.name, { recursive: true })
      } catch (e) {
        throw errnoOf(e)
      }
      // the moved directory keeps its identity (ino, mode, times): the new node was a carrier
      this.detach(target)
      node.handle = made
      node.children = target.children
      node.linksRead = target.linksRead
      for (const child of node.children!.values()) child.parent = node
    }
    from.children!.delete(node.name)
    node.name = name
    node.parent = dir
    dir.children!.set(name, node)
    node.ctimeMs = Date.now()
    this.touchDir(from)
    this.touchDir(dir)
  }

  // ---- handles ----

  private async acquire(node: Node): Promise<void> {
    if (node.sah) return
    while (this.handles.size >= this.maxHandles) {
      const idle = [...this.handles.keys()].find((n) => n.opens === 0)
      if (!idle) break
      this.closeHandle(idle)
    }
    const handle = node.handle as FileHandle
    try {
      if (this.unsafeMode) {
        try {
          // other contexts may open the file too (Chromium 121+)
          node.sah = await handle.createSyncAccessHandle({ mode: "readwrite-unsafe" })
        } catch (e) {
          if ((e as { name?: string })?.name !== "TypeError") throw e
          this.unsafeMode = false
        }
      }
      node.sah ??= await handle.createSyncAccessHandle()
    } catch (e) {
      if ((e as { name?: string })?.name === "NotFoundError") this.detach(node)
      throw errnoOf(e)
    }
    this.handles.set(node, true)
  }

  private closeHandle(node: Node): void {
    if (!node.sah) return
    if (node.dirty) this.flush(node)
    node.size = node.sah.getSize()
    node.seen = this.turn
    node.sah.close()
    node.sah = undefined
    this.handles.delete(node)
  }

  private touch(node: Node): void {
    this.handles.delete(node)
    this.handles.set(node, true)
  }

  private flush(node: Node): void {
    node.sah?.flush()
    node.dirty = false
  }

  // Marks `node`'s path (and `also`) as just changed by this host, while others' changes are
  // watched (their records of it are echoes).
  private own(node: Node | undefined, also?: string): void {
    if (!this.onExternal) return
    for (const path of [node && this.pathOf(node), also]) {
      if (path === undefined) continue
      this.recent.mark(path)
      this.pollResync.add(path)
    }
  }

  private pathOf(node: Node): string {
    let path = ""
    for (let n: Node | undefined = node; n && n.parent; n = n.parent) path = "/" + n.name + path
    return path
  }

  // The node at `path` as far as the cache knows, without asking OPFS.
  private cached(path: string): Node | undefined {
    let node: Node | undefined = this.root
    for (const name of path.split("/").slice(1)) node = node?.children?.get(name)
    return node
  }

  private observed(records: ObserverRecord[]): void {
    for (const r of records) {
      const path = "/" + r.relativePathComponents.join("/")
      const oldPath = r.relativePathMovedFrom ? "/" + r.relativePathMovedFrom.join("/") : undefined
      if (this.recent.isOwn(path) || (oldPath !== undefined && this.recent.isOwn(oldPath))) continue
      const type =
        r.type === "appeared" ? "create" : r.type === "disappeared" ? "delete" : r.type === "modified" ? "change" : r.type === "moved" ? "rename" : "overflow"
      this.external({ type, path, oldPath })
    }
  }

  // Forgets what a change by someone else made stale, and reports it.
  private external(change: ExternalChange): void {
    const { type, path, oldPath } = change
    const name = path.slice(path.lastIndexOf("/") + 1)
    const parent = this.cached(path.slice(0, path.lastIndexOf("/")))
    if (type === "overflow") {
      const stale = (n: Node) => {
        n.listed = n.linksRead = n.seen = -1
        n.children?.forEach(stale)
      }
      stale(this.root)
    } else if (name === LINKS) {
      // symlinks changed: the directory's links are read again (no event: it is our file)
      if (parent) parent.linksRead = parent.listed = -1
      return
    } else {
      if (parent) parent.listed = -1
      const node = this.cached(path)
      if (type === "change" && node) node.seen = -1
      if ((type === "delete" || type === "create") && node && node !== this.root) this.detach(node)
      if (type === "rename") {
        const old = oldPath !== undefined ? this.cached(oldPath) : undefined
        if (old && old !== this.root) this.detach(old)
        const oldParent = oldPath !== undefined ? this.cached(oldPath.slice(0, oldPath.lastIndexOf("/"))) : undefined
        if (oldParent) oldParent.listed = -1
      }
    }
    this.onExternal?.(change)
  }

  // Polling's view of others' changes: each directory listed before (or polled before) is
  // listed again and compared with what the last poll saw of it, files with no open handle by
  // size and time. The picture is polling's own, not the cache's: a directory whose change was
  // reported (which makes the cache forget its listing) stays polled, and a change is reported
  // once. What this host changed itself is taken as it is at the next look, not reported.
  private async pollOnce(): Promise<void> {
    const dirs: [string, Node][] = []
    const walk = (path: string, n: Node) => {
      if (n.kind !== "dir") return
      if (n.listed >= 0 || this.polled.has(n)) dirs.push([path, n])
      for (const c of n.children!.values()) walk(path + "/" + c.name, c)
    }
    walk("", this.root)
    const reached = new Set(dirs.map(([, d]) => d))
    for (const dir of [...this.polled.keys()]) if (!reached.has(dir)) this.polled.delete(dir)
    const resync = new Set(this.pollResync)
    this.pollResync.clear()
    for (const [path, dir] of dirs) {
      const before = this.polled.get(dir) ?? this.pictureOf(dir)
      const now = new Map<string, PollSeen>()
      // Chromium lists a createWritable()'s swap file (name.crswap) while the write goes on:
      // it is the browser's, not a file anyone made
      for await (const [name, handle] of (dir.handle as DirHandle).entries()) {
        if (name === LINKS || name.endsWith(".crswap")) continue
        if (handle.kind === "directory") {
          now.set(name, { kind: "dir", size: -1, modified: -1 })
          continue
        }
        const node = dir.children!.get(name)
        if (node?.sah) {
          // held by the guest (no one else can write it): as before, and looked at again later
          now.set(name, before.get(name) ?? { kind: "file", size: -1, modified: -1 })
          if (resync.delete(path + "/" + name)) this.pollResync.add(path + "/" + name)
          continue
        }
        const file = await (handle as FileHandle).getFile()
        now.set(name, { kind: "file", size: file.size, modified: file.lastModified })
      }
      this.polled.set(dir, now)
      const quiet = (child: string) => resync.has(child) || this.recent.isOwn(child)
      for (const [name, was] of before) {
        const child = path + "/" + name
        const is = now.get(name)
        if (quiet(child)) continue
        if (!is) this.external({ type: "delete", path: child })
        else if (is.kind === "file" && was.kind === "file" && was.size >= 0 && (is.size !== was.size || is.modified > was.modified)) {
          this.external({ type: "change", path: child })
        }
      }
      for (const name of now.keys()) {
        const child = path + "/" + name
        if (!before.has(name) && !quiet(child)) this.external({ type: "create", path: child })
      }
    }
  }

  // A directory's first picture: what the cache knows of it (sizes only of files read).
  private pictureOf(dir: Node): Map<string, PollSeen> {
    const seen = new Map<string, PollSeen>()
    for (const [name, node] of dir.children!) {
      if (node.kind === "link") continue
      const read = node.kind === "file" && node.seen >= 0
      seen.set(name, { kind: node.kind, size: read ? node.size : -1, modified: read ? node.mtimeMs : -1 })
    }
    return seen
  }

  private modified(node: Node): void {
    if (this.onExternal) this.own(node)
    node.dirty = true
    node.mtimeMs = node.ctimeMs = Date.now()
  }

  // ---- nodes ----

  private node(kind: Node["kind"], name: string, parent: Node | undefined, handle: FileHandle | DirHandle | undefined): Node {
    const now = Date.now()
    const node: Node = {
      kind,
      name,
      parent,
      handle: handle as FileHandle | DirHandle,
      ino: this.nextIno++,
      mode: kind === "dir" ? S_IFDIR | 0o755 : kind === "link" ? S_IFLNK | 0o777 : S_IFREG | 0o644,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      size: 0,
      seen: -1,
      children: kind === "dir" ? new Map() : undefined,
      listed: -1,
      linksRead: -1,
      target: "",
      sah: undefined,
      dirty: false,
      opens: 0,
    }
    parent?.children!.set(name, node)
    return node
  }

  // `node` is no longer in the tree (its open fds, if any, go on).
  private detach(node: Node): void {
    if (node.parent?.children!.get(node.name) === node) node.parent.children!.delete(node.name)
    if (node.sah && node.opens === 0) this.closeHandle(node)
  }

  private touchDir(dir: Node): void {
    dir.mtimeMs = dir.ctimeMs = Date.now()
  }

  private setMode(node: Node, mode: number): void {
    node.mode = (node.mode & ~0o7777) | (mode & 0o7777)
    node.ctimeMs = Date.now()
  }

  private setTimes(node: Node, atime: number, mtime: number): void {
    node.atimeMs = atime * 1000
    node.mtimeMs = mtime * 1000
    node.ctimeMs = Date.now()
  }

  private statOf(node: Node): OpfsStat {
    return {
      mode: node.mode,
      size: node.kind === "dir" ? 4096 : node.kind === "link" ? encoder.encode(node.target).length : this.sizeOf(node),
      atimeMs: node.atimeMs,
      mtimeMs: node.mtimeMs,
      ctimeMs: node.ctimeMs,
      ino: node.ino,
      dev: DEV,
      nlink: node.kind === "dir" ? 2 : 1,
    }
  }

  // An open file's size: asked of its handle once a turn (other contexts may write the file
  // too), kept up to date by this host's own writes in between.
  private sizeOf(node: Node): number {
    if (node.sah && node.seen !== this.turn) {
      node.size = node.sah.getSize()
      node.seen = this.turn
    }
    return node.size
  }

  private fd(fd: number): Node {
    const node = this.fds.get(fd)
    if (!node) fail("EBADF")
    return node
  }

  private newFd(node: Node): number {
    const fd = this.nextFd++
    this.fds.set(fd, node)
    node.opens++
    return fd
  }

  // Work that needs OPFS's async API: a promise when the guest can wait, else EAGAIN.
  private async<T>(work: () => Promise<T>): Promise<T> {
    if (!this.waiting && !this.canSuspend()) fail("EAGAIN")
    return work()
  }

  // `fn` of the node at `path`, now or once OPFS has answered. In the second case the guest is
  // already waiting, so what `fn` asks of OPFS joins that wait (async() may not refuse it).
  private withNode<T>(path: string, fn: (node: Node) => T | Promise<T>): T | Promise<T> {
    const found = this.find(path)
    if (!(found instanceof Promise)) return fn(found)
    return found.then((node) => {
      this.waiting = true
      try {
        return fn(node)
      } finally {
        this.waiting = false
      }
    })
  }
}
