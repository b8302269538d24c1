// The sync access handles of the files the guest opens: kept open across its open/close (the
// least recently used idle one closed past `maxHandles`), and let go once the guest is idle.
import { errnoOf } from "./opfs-errors"
import type { FileHandle, Node, OpfsTree } from "./opfs-tree"

/** The part of FileSystemSyncAccessHandle this host uses (also implemented in memory, below). */
export interface SyncHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  getSize(): number
  flush(): void
  close(): void
}

// What an unlinked file still open in the guest keeps: its bytes, in memory (POSIX lets the
// open fds go on; OPFS cannot remove a file with an open handle).
export class MemoryHandle implements SyncHandle {
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

export class OpfsHandles {
  /** nodes with an open sync handle, least recently used first */
  private readonly held = new Map<Node, true>()
  private unsafeMode = true
  private releaseTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly tree: OpfsTree,
    private readonly maxHandles: number,
    private readonly releaseAfter: number,
  ) {}

  /** The guest is entered again (OpfsHost.newTurn): a release pending is off. */
  entered(): void {
    if (this.releaseTimer !== undefined) {
      clearTimeout(this.releaseTimer)
      this.releaseTimer = undefined
    }
  }

  /** The guest is idle: its unused handles go if it stays so for `releaseAfter` ms. */
  idle(): void {
    if (this.releaseTimer !== undefined || this.held.size === 0) return
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined
      this.releaseIdle()
    }, this.releaseAfter)
  }

  /** Closes the sync handles no guest fd uses, so other contexts may write those files. */
  releaseIdle(): void {
    for (const node of [...this.held.keys()]) if (node.opens === 0) this.close(node)
  }

  /** Closes every handle (the sandbox is going away). */
  dispose(): void {
    if (this.releaseTimer !== undefined) clearTimeout(this.releaseTimer)
    for (const node of [...this.held.keys()]) this.close(node)
  }

  async acquire(node: Node): Promise<void> {
    if (node.sah) return
    while (this.held.size >= this.maxHandles) {
      const idle = [...this.held.keys()].find((n) => n.opens === 0)
      if (!idle) break
      this.close(idle)
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
      if ((e as { name?: string })?.name === "NotFoundError") this.tree.detach(node)
      throw errnoOf(e)
    }
    this.held.set(node, true)
  }

  close(node: Node): void {
    if (!node.sah) return
    if (node.dirty) this.flush(node)
    node.size = node.sah.getSize()
    node.seen = this.tree.turn
    node.sah.close()
    node.sah = undefined
    this.held.delete(node)
  }

  touch(node: Node): void {
    this.held.delete(node)
    this.held.set(node, true)
  }

  flush(node: Node): void {
    node.sah?.flush()
    node.dirty = false
  }
}
