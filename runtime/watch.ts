// sandbox.watch: the host's reader of the change journal (native/journal.c). Every change made
// through the guest's fs (by the guest, or by the host through sandbox.fs) is recorded inside
// the Wasm module; the host takes them after each guest turn in one call, merges repeats and
// hands them to the listeners whose path they concern.
import { CHANGE_NAMES, JOURNAL_HOST_READER, type ChangeType } from "./generated/native"
import { normalizeGuest } from "./mounts"

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
  qjsw_journal_drain(reader: number): string
}


const unescape = (s: string) => (s.includes("%") ? s.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s)


interface Entry {
  path: string
  recursive: boolean
  listener: (change: SandboxChange) => void
}

export class HostWatchers {
  private readonly entries = new Set<Entry>()

  constructor(private readonly ffi: JournalFFI) {}

  add(path: string, options: WatchOptions, listener: (change: SandboxChange) => void): Watcher {
    if (typeof path !== "string" || !path.startsWith("/")) throw new TypeError(`sandbox.watch needs an absolute guest path, got ${JSON.stringify(path)}`)
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
    const text = this.ffi.qjsw_journal_drain(JOURNAL_HOST_READER)
    if (!text) return
    const seen = new Set<string>()
    const changes: SandboxChange[] = []
    for (const line of text.split("\n")) {
      if (!line || seen.has(line)) continue
      seen.add(line)
      const [type, path, old] = line.split("\t")
      const change: SandboxChange = { type: CHANGE_NAMES[Number(type)]!, path: unescape(path!) }
      if (old) change.oldPath = unescape(old)
      changes.push(change)
    }
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
