// sandbox.watch: the host's reader of the change journal (native/journal/journal.c). Every change made
// through the guest's fs (by the guest, or by the host through sandbox.fs) is recorded inside
// the Wasm module; the host takes them after each guest turn in one call, merges repeats and
// hands them to the listeners whose path they concern.
import { CHANGE_NAMES, JOURNAL_HOST_READER, JOURNAL_NO_OLD_PATH, type ChangeType } from "../generated/native"
import { normalizeGuest } from "../mounts/mounts"

/** A change in the sandbox's tree. `overflow`: more changed than the journal holds; rescan. */
export interface SandboxChange {
  type: "create" | "change" | "delete" | "rename" | "overflow"
  /** Guest path (absolute). For `overflow`, the watched path. */
  path: string
  /** For `rename`: where it was. */
  oldPath?: string
}

// the journal's types are exactly these
const sameTypes: [SandboxChange["type"], ChangeType] extends [ChangeType, SandboxChange["type"]] ? true : never = true
void sameTypes

export interface WatchOptions {
  /** Changes anywhere below a watched directory, not only its own entries. */
  recursive?: boolean
}

export interface Watcher {
  close(): void
  [Symbol.dispose](): void
}

type JournalFFI = {
  qjsw_journal_watch(reader: number, on: number): void
  qjsw_journal_drain(reader: number): number
}

const utf8 = new TextDecoder()

/** The records of a drain (native/journal/journal.h): u8 type, then each path length-prefixed (u32). */
export function decodeJournal(heap: Uint8Array, ptr: number): SandboxChange[] {
  const view = new DataView(heap.buffer, heap.byteOffset)
  const end = ptr + 4 + view.getUint32(ptr, true)
  const changes: SandboxChange[] = []
  let at = ptr + 4
  const text = () => {
    const length = view.getUint32(at, true)
    at += 4
    if (length === JOURNAL_NO_OLD_PATH) return undefined
    at += length
    return utf8.decode(heap.subarray(at - length, at))
  }
  while (at < end) {
    const type = CHANGE_NAMES[heap[at++]!]!
    const path = text()!
    const oldPath = text()
    changes.push(oldPath === undefined ? { type, path } : { type, path, oldPath })
  }
  return changes
}

interface Entry {
  path: string
  recursive: boolean
  listener: (change: SandboxChange) => void
}

export class HostWatchers {
  private readonly entries = new Set<Entry>()

  constructor(
    private readonly ffi: JournalFFI,
    /** The module's memory as it is now (it may have grown since the last call). */
    private readonly heap: () => Uint8Array,
  ) {}

  add(path: string, options: WatchOptions, listener: (change: SandboxChange) => void): Watcher {
    if (typeof path !== "string" || !path.startsWith("/"))
      throw new TypeError(`sandbox.watch needs an absolute guest path, got ${JSON.stringify(path)}`)
    if (typeof listener !== "function") throw new TypeError("sandbox.watch needs a listener function")
    const entry: Entry = { path: normalizeGuest(path), recursive: options.recursive === true, listener }
    if (this.entries.size === 0) this.ffi.qjsw_journal_watch(JOURNAL_HOST_READER, 1)
    this.entries.add(entry)
    const close = () => {
      if (!this.entries.delete(entry)) return
      if (this.entries.size === 0) this.ffi.qjsw_journal_watch(JOURNAL_HOST_READER, 0)
    }
    return { close, [Symbol.dispose]: close }
  }

  /** Takes what the journal has for the host and calls the listeners (one crossing). */
  drain(): void {
    if (this.entries.size === 0) return
    const ptr = this.ffi.qjsw_journal_drain(JOURNAL_HOST_READER)
    if (!ptr) return
    const seen = new Set<string>()
    const changes = decodeJournal(this.heap(), ptr).filter((change) => {
      const key = `${change.type}\0${change.path}\0${change.oldPath ?? ""}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    if (changes.length === 0) return
    for (const entry of [...this.entries]) {
      for (const change of changes) {
        if (!this.entries.has(entry)) break
        if (change.type === "overflow") entry.listener({ type: "overflow", path: entry.path })
        else if (concerns(entry, change.path) || (change.oldPath !== undefined && concerns(entry, change.oldPath))) entry.listener(change)
      }
    }
  }
}

// Whether a change of `path` is one `entry` watches: the path itself, an entry of it, or
// (recursive) anything below it.
function concerns(entry: Entry, path: string): boolean {
  if (path === entry.path) return true
  const prefix = entry.path === "/" ? "/" : entry.path + "/"
  if (!path.startsWith(prefix)) return false
  return entry.recursive || !path.slice(prefix.length).includes("/")
}
