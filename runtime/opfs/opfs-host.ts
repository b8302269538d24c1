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
//
// The parts, each in a file of its own: the cached tree of names (opfs-tree.ts), the sync access
// handles (opfs-handles.ts), the symlinks' files (opfs-links.ts), others' changes
// (opfs-watch.ts) and errnos (opfs-errors.ts); this class answers the mount backend's calls with them.
import { EntryKind, type HostStat, type MountHost } from "../mounts/mount-host"
import { errnoOf, fail, sizeErrnoOf } from "./opfs-errors"
import { MemoryHandle, type OpfsHandles } from "./opfs-handles"
import { LINKS, saveLinks } from "./opfs-links"
import { OpfsTree, ROOT, S_IFDIR, S_IFREG, local, type DirHandle, type FileHandle, type Node } from "./opfs-tree"
import { OpfsWatch, type ChangeSource, type ExternalChange } from "./opfs-watch"

export type { ChangeSource, ExternalChange } from "./opfs-watch"

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

type Result<T> = T | number | Promise<T | number>

export class OpfsHost implements MountHost {
  private readonly tree: OpfsTree
  private readonly handles: OpfsHandles
  private readonly watch: OpfsWatch
  private readonly canSuspend: () => boolean
  private nextFd = 1
  private readonly fds = new Map<number, Node>()
  /** set while a continuation of a wait runs (see withNode) */
  private waiting = false

  constructor(options: OpfsHostOptions) {
    this.canSuspend = options.canSuspend
    this.tree = new OpfsTree(options.root as DirHandle, options.canSuspend, options.maxHandles ?? 256, options.releaseAfter ?? 100)
    this.handles = this.tree.handles
    this.watch = new OpfsWatch(this.tree)
  }

  /** A new turn of the guest: listings read before it no longer prove a name absent. */
  newTurn(): void {
    this.tree.turn++
    this.handles.entered()
  }

  /** The guest is idle: its unused handles go if it stays so for `releaseAfter` ms. */
  idle(): void {
    this.handles.idle()
  }

  /** Closes the sync handles no guest fd uses, so other contexts may write those files. */
  releaseIdle(): void {
    this.handles.releaseIdle()
  }

  /**
   * Reports changes others make below the root: through FileSystemObserver where the browser
   * has it (unless `polling` is asked for), else by listing known directories every
   * `interval` ms while `wanted()` says someone watches. Caches are refreshed either way.
   */
  watchOthers(
    onChange: (change: ExternalChange) => void,
    options: { polling?: boolean; interval?: number; wanted?: () => boolean } = {},
  ): Promise<ChangeSource> {
    return this.watch.watchOthers(onChange, options)
  }

  /** Closes every handle (the sandbox is going away). */
  dispose(): void {
    this.watch.dispose()
    this.handles.dispose()
  }

  // ---- MountHost (runtime/mounts/mount-host.ts) ----

  realpath(path: string): Result<string> {
    return path === "" ? ROOT : -1
  }

  lstat(path: string): Result<OpfsStat> {
    path = local(path)
    return this.withNode(path, (node) => this.tree.statOf(node))
  }

  fstat(fd: number): OpfsStat {
    return this.tree.statOf(this.fd(fd))
  }

  // (`access` is MountHost's, which mount_host.js and the OPFS worker pass by position: unused
  // here, as a sync access handle always both reads and writes)
  open(path: string, access: number, create: number, mode: number): Result<number> {
    path = local(path)
    if (create) {
      return this.async(async () => {
        const node = await this.make(path, "file", S_IFREG | (mode & 0o7777))
        node.seen = this.tree.turn
        await this.handles.acquire(node)
        return this.newFd(node)
      })
    }
    return this.withNode(path, (found) => {
      if (found.kind !== "file") fail("EISDIR")
      if (found.sah) {
        this.handles.touch(found)
        return this.newFd(found)
      }
      return this.async(async () => {
        await this.handles.acquire(found)
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
    const size = this.tree.sizeOf(node)
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
    node.seen = this.tree.turn
    this.modified(node)
    return 0
  }

  fsync(fd: number): number {
    this.handles.flush(this.fd(fd))
    return 0
  }

  mkdir(path: string, mode: number): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.make(path, "dir", S_IFDIR | (mode & 0o7777))
      node.listed = this.tree.turn // new and empty
      return 0
    })
  }

  unlink(path: string): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.tree.resolve(path)
      if (node.kind === "dir") fail("EISDIR")
      await this.remove(node)
      return 0
    })
  }

  rmdir(path: string): Result<number> {
    path = local(path)
    return this.async(async () => {
      const node = await this.tree.resolve(path)
      if (node.kind !== "dir") fail("ENOTDIR")
      if (node === this.tree.root) fail("EBUSY")
      await this.tree.list(node)
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
      const node = await this.tree.resolve(from)
      const dir = await this.tree.resolve(to.slice(0, slash))
      if (dir.kind !== "dir") fail("ENOTDIR")
      if (name === LINKS) fail("EINVAL")
      const over = dir.children!.get(name) ?? (await this.tree.child(dir, name))
      if (over === node) return 0
      if (over) {
        if (over.kind === "dir" && node.kind !== "dir") fail("EISDIR")
        if (over.kind !== "dir" && node.kind === "dir") fail("ENOTDIR")
        if (over.kind === "dir") {
          await this.tree.list(over)
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
      const dir = await this.tree.resolve(path.slice(0, slash))
      if (dir.kind !== "dir") fail("ENOTDIR")
      if (name === LINKS) fail("EINVAL")
      if (dir.children!.get(name) ?? (await this.tree.child(dir, name))) fail("EEXIST")
      const node = this.tree.node("link", name, dir, undefined)
      node.target = target
      this.watch.own(node)
      await saveLinks(this.tree, dir)
      this.tree.touchDir(dir)
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
        [...found.children!.values()].map((n): [string, EntryKind] => [
          n.name,
          n.kind === "dir" ? EntryKind.Directory : n.kind === "link" ? EntryKind.Symlink : EntryKind.File,
        ])
      if (found.listed === this.tree.turn) return entries()
      return this.async(async () => {
        await this.tree.list(found)
        return entries()
      })
    })
  }

  chmod(path: string, mode: number): Result<number> {
    path = local(path)
    return this.withNode(path, (found) => {
      this.tree.setMode(found, mode)
      return 0
    })
  }

  fchmod(fd: number, mode: number): number {
    this.tree.setMode(this.fd(fd), mode)
    return 0
  }

  utimes(path: string, atime: number, mtime: number): Result<number> {
    path = local(path)
    return this.withNode(path, (found) => {
      this.tree.setTimes(found, atime, mtime)
      return 0
    })
  }

  futimes(fd: number, atime: number, mtime: number): number {
    this.tree.setTimes(this.fd(fd), atime, mtime)
    return 0
  }

  // ---- changes ----

  // A new file or directory at `path` (its parent exists, the name does not).
  private async make(path: string, kind: "file" | "dir", mode: number): Promise<Node> {
    const slash = path.lastIndexOf("/")
    const name = path.slice(slash + 1)
    const dir = await this.tree.resolve(path.slice(0, slash))
    if (dir.kind !== "dir") fail("ENOTDIR")
    if (dir.children!.has(name)) fail("EEXIST")
    if (name === LINKS) fail("EINVAL")
    // marked before OPFS is asked: its observer may tell of the change before it answers
    this.watch.own(undefined, this.tree.pathOf(dir) + "/" + name)
    const parent = dir.handle as DirHandle
    let handle: FileHandle | DirHandle
    try {
      handle = (
        kind === "file" ? await parent.getFileHandle(name, { create: true }) : await parent.getDirectoryHandle(name, { create: true })
      ) as FileHandle | DirHandle
    } catch (e) {
      throw errnoOf(e)
    }
    const node = this.tree.node(kind, name, dir, handle)
    node.mode = mode
    this.tree.touchDir(dir)
    return node
  }

  private async remove(node: Node): Promise<void> {
    const parent = node.parent!
    this.watch.own(node)
    if (node.kind === "link") {
      this.tree.detach(node)
      await saveLinks(this.tree, parent)
      this.tree.touchDir(parent)
      return
    }
    if (node.sah) {
      if (node.opens > 0) {
        // the guest's fds on it go on, in memory
        const copy = new MemoryHandle(node.sah)
        this.handles.close(node)
        node.sah = copy
      } else this.handles.close(node)
    }
    try {
      // (a directory is empty by now, but for a LINKS file that may linger)
      await (parent.handle as DirHandle).removeEntry(node.name, { recursive: node.kind === "dir" })
    } catch (e) {
      if ((e as { name?: string })?.name !== "NotFoundError") throw errnoOf(e)
    }
    this.tree.detach(node)
    this.tree.touchDir(parent)
  }

  // Moves `node` to `name` in `dir` (which has no such entry now). OPFS moves files; a
  // directory is made anew at the target and its entries moved into it, then removed.
  private async move(node: Node, dir: Node, name: string, within = false): Promise<void> {
    const from = node.parent!
    this.watch.own(node, this.tree.pathOf(dir) + "/" + name)
    if (node.kind === "link") {
      // only the LINKS files change (a directory moved whole writes its own once, below)
      from.children!.delete(node.name)
      node.name = name
      node.parent = dir
      dir.children!.set(name, node)
      if (!within) {
        await saveLinks(this.tree, dir)
        if (from !== dir) await saveLinks(this.tree, from)
      }
    } else if (node.kind === "file") {
      const reopen = node.sah !== undefined && node.opens > 0
      if (node.sah) this.handles.close(node)
      const handle = node.handle as FileHandle
      try {
        if (!handle.move) fail("EXDEV")
        await handle.move(dir.handle as DirHandle, name)
      } catch (e) {
        throw errnoOf(e)
      } finally {
        if (reopen) await this.handles.acquire(node)
      }
    } else {
      await this.tree.list(node)
      let made: DirHandle
      try {
        made = (await (dir.handle as DirHandle).getDirectoryHandle(name, { create: true })) as DirHandle
      } catch (e) {
        throw errnoOf(e)
      }
      const target = this.tree.node("dir", name, dir, made)
      target.listed = this.tree.turn
      for (const child of [...node.children!.values()]) await this.move(child, target, child.name, true)
      if ([...target.children!.values()].some((c) => c.kind === "link")) await saveLinks(this.tree, target)
      try {
        // what is left is the old LINKS file, if any
        await (from.handle as DirHandle).removeEntry(node.name, { recursive: true })
      } catch (e) {
        throw errnoOf(e)
      }
      // the moved directory keeps its identity (ino, mode, times): the new node was a carrier
      this.tree.detach(target)
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
    this.tree.touchDir(from)
    this.tree.touchDir(dir)
  }

  private modified(node: Node): void {
    this.watch.own(node)
    node.dirty = true
    node.mtimeMs = node.ctimeMs = Date.now()
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
    const found = this.tree.find(path)
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
