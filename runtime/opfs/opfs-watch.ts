// Changes others make below the root (the page, other tabs, workers), seen through
// FileSystemObserver or by polling: the tree forgets what they made stale, then they are reported.
import { OwnChanges } from "../mounts/own-changes"
import { LINKS } from "./opfs-links"
import type { DirHandle, FileHandle, Node, OpfsTree } from "./opfs-tree"

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

/** What polling saw of a directory entry (size and time of files it read; -1: unknown). */
interface PollSeen {
  kind: "file" | "dir"
  size: number
  modified: number
}

/** A change made by someone else (the page, another tab or worker), path relative to the root. */
export type ExternalChange = { type: "create" | "change" | "delete" | "rename" | "overflow"; path: string; oldPath?: string }

/** How changes made by others reach watchers: FileSystemObserver, polling, or not at all. */
export type ChangeSource = "observer" | "polling" | "none"

export class OpfsWatch {
  private observer: { disconnect(): void } | undefined
  private pollTimer: ReturnType<typeof setTimeout> | undefined
  private onExternal: ((change: ExternalChange) => void) | undefined
  /** path -> when this host last changed it (kept while others' changes are watched) */
  private readonly recent = new OwnChanges()
  /** polling: what the last look saw in each directory it looks at */
  private readonly polled = new Map<Node, Map<string, PollSeen>>()
  /** polling: paths this host changed since, taken as they are at the next look */
  private readonly pollResync = new Set<string>()

  constructor(private readonly tree: OpfsTree) {}

  /** OpfsHost.watchOthers */
  async watchOthers(
    onChange: (change: ExternalChange) => void,
    options: { polling?: boolean; interval?: number; wanted?: () => boolean } = {},
  ): Promise<ChangeSource> {
    this.onExternal = onChange
    const Observer = (globalThis as { FileSystemObserver?: new (cb: (records: ObserverRecord[]) => void) => ObserverLike })
      .FileSystemObserver
    if (Observer && !options.polling) {
      try {
        const observer = new Observer((records) => this.observed(records))
        await observer.observe(this.tree.root.handle as DirHandle, { recursive: true })
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

  /** Reports nothing more (the host is going away). */
  dispose(): void {
    this.onExternal = undefined
    this.observer?.disconnect()
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer)
  }

  // Marks `node`'s path (and `also`) as just changed by this host, while others' changes are
  // watched (their records of it are echoes).
  own(node: Node | undefined, also?: string): void {
    if (!this.onExternal) return
    for (const path of [node && this.tree.pathOf(node), also]) {
      if (path === undefined) continue
      this.recent.mark(path)
      this.pollResync.add(path)
    }
  }

  private observed(records: ObserverRecord[]): void {
    for (const r of records) {
      const path = "/" + r.relativePathComponents.join("/")
      const oldPath = r.relativePathMovedFrom ? "/" + r.relativePathMovedFrom.join("/") : undefined
      if (this.recent.isOwn(path) || (oldPath !== undefined && this.recent.isOwn(oldPath))) continue
      const type =
        r.type === "appeared"
          ? "create"
          : r.type === "disappeared"
            ? "delete"
            : r.type === "modified"
              ? "change"
              : r.type === "moved"
                ? "rename"
                : "overflow"
      this.external({ type, path, oldPath })
    }
  }

  // Forgets what a change by someone else made stale, and reports it.
  private external(change: ExternalChange): void {
    const { type, path, oldPath } = change
    const name = path.slice(path.lastIndexOf("/") + 1)
    const parent = this.tree.cached(path.slice(0, path.lastIndexOf("/")))
    if (type === "overflow") {
      const stale = (n: Node) => {
        n.listed = n.linksRead = n.seen = -1
        n.children?.forEach(stale)
      }
      stale(this.tree.root)
    } else if (name === LINKS) {
      // symlinks changed: the directory's links are read again (no event: it is our file)
      if (parent) parent.linksRead = parent.listed = -1
      return
    } else {
      if (parent) parent.listed = -1
      const node = this.tree.cached(path)
      if (type === "change" && node) node.seen = -1
      if ((type === "delete" || type === "create") && node && node !== this.tree.root) this.tree.detach(node)
      if (type === "rename") {
        const old = oldPath !== undefined ? this.tree.cached(oldPath) : undefined
        if (old && old !== this.tree.root) this.tree.detach(old)
        const oldParent = oldPath !== undefined ? this.tree.cached(oldPath.slice(0, oldPath.lastIndexOf("/"))) : undefined
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
    walk("", this.tree.root)
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
}
