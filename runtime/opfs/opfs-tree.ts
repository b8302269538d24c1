// The OPFS host's cached tree: a node per name it has seen (kind, OPFS handle, ino, mode, size,
// times, a directory's children), the lookups that fill it from OPFS, and the stats it answers.
import type { HostStat } from "../mounts/mount-host"
import { errnoOf, fail } from "./opfs-errors"
import { OpfsHandles, type SyncHandle } from "./opfs-handles"
import { LINKS, readLinks } from "./opfs-links"

export type FileHandle = FileSystemFileHandle & {
  createSyncAccessHandle(options?: { mode?: string }): Promise<SyncHandle>
  move?(parent: FileSystemDirectoryHandle, name: string): Promise<void>
}
export type DirHandle = FileSystemDirectoryHandle & {
  entries(): AsyncIterable<[string, FileSystemHandle]>
}

export interface Node {
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

export const S_IFREG = 0o100000
export const S_IFDIR = 0o040000
const S_IFLNK = 0o120000
const DEV = 0x6f7066 // "opf"
// The root's name in the backend's paths (native/wasmfs/mount_backend.cpp): not a host path, so the
// backend stores symlink targets as the guest wrote them (".quickjs-wasmfs-links.json" holds
// "opfs:/x" for an absolute target inside the mount, as it always has).
export const ROOT = "opfs:"
const encoder = new TextEncoder()

// The backend's path ("opfs:", "opfs:/a/b") as this host's: "" for the root, else "/a/b".
export function local(path: string): string {
  if (!path.startsWith(ROOT)) fail("ENOENT")
  return path.slice(ROOT.length)
}

export class OpfsTree {
  readonly root: Node
  /** the guest's turn (OpfsHost.newTurn): what was read in an earlier one may be stale */
  turn = 0
  private nextIno = 2
  /** the open sync handles of the tree's files (a node leaving the tree lets go of its handle) */
  readonly handles: OpfsHandles

  constructor(
    root: DirHandle,
    private readonly canSuspend: () => boolean,
    maxHandles: number,
    releaseAfter: number,
  ) {
    this.handles = new OpfsHandles(this, maxHandles, releaseAfter)
    this.root = this.node("dir", "", undefined, root)
  }

  // ---- lookups ----

  // The node at `path` ("" is the root, else "/a/b"): the node when known now, a promise of it
  // when OPFS must be asked (EAGAIN thrown when it must be asked but cannot be now).
  find(path: string): Node | Promise<Node> {
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
  async resolve(path: string): Promise<Node> {
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
  async child(dir: Node, name: string): Promise<Node | undefined> {
    const known = dir.children!.get(name)
    if (known || dir.listed === this.turn || name === LINKS) return known
    const entry = await this.entry(dir, name)
    if (entry) return entry
    // no OPFS entry of that name: perhaps a symlink
    await readLinks(this, dir)
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
          if ((e2 as { name?: string })?.name === "NotFoundError" || (e2 as { name?: string })?.name === "TypeMismatchError")
            return undefined
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
  async list(dir: Node): Promise<void> {
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
    if (links) await readLinks(this, dir, true)
    else for (const node of [...dir.children!.values()]) if (node.kind === "link") this.detach(node)
    dir.listed = turn
  }

  // Size and mtime of a file without an open handle, from OPFS.
  async refresh(node: Node): Promise<Node> {
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

  // ---- nodes ----

  pathOf(node: Node): string {
    let path = ""
    for (let n: Node | undefined = node; n && n.parent; n = n.parent) path = "/" + n.name + path
    return path
  }

  // The node at `path` as far as the cache knows, without asking OPFS.
  cached(path: string): Node | undefined {
    let node: Node | undefined = this.root
    for (const name of path.split("/").slice(1)) node = node?.children?.get(name)
    return node
  }

  node(kind: Node["kind"], name: string, parent: Node | undefined, handle: FileHandle | DirHandle | undefined): Node {
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
  detach(node: Node): void {
    if (node.parent?.children!.get(node.name) === node) node.parent.children!.delete(node.name)
    if (node.sah && node.opens === 0) this.handles.close(node)
  }

  touchDir(dir: Node): void {
    dir.mtimeMs = dir.ctimeMs = Date.now()
  }

  setMode(node: Node, mode: number): void {
    node.mode = (node.mode & ~0o7777) | (mode & 0o7777)
    node.ctimeMs = Date.now()
  }

  setTimes(node: Node, atime: number, mtime: number): void {
    node.atimeMs = atime * 1000
    node.mtimeMs = mtime * 1000
    node.ctimeMs = Date.now()
  }

  statOf(node: Node): HostStat {
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
  sizeOf(node: Node): number {
    if (node.sah && node.seen !== this.turn) {
      node.size = node.sah.getSize()
      node.seen = this.turn
    }
    return node.size
  }
}
