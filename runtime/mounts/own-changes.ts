// Changes the sandbox made itself, by path, for a little while: a watcher of changes made by
// others (FileSystemObserver on /opfs, Node's fs.watch on a host mount) reports ours too, a few
// ms later, and a record for a path we changed this recently is taken as ours. A Map, so that
// native/wasmfs/mount_host.js can mark paths with set(path, Date.now()).
const ECHO_MS = 500

export class OwnChanges extends Map<string, number> {
  mark(path: string): void {
    const now = Date.now()
    if (this.size > 4096) for (const [p, t] of this) if (now - t > ECHO_MS) this.delete(p)
    this.set(path, now)
  }

  isOwn(path: string): boolean {
    const t = this.get(path)
    return t !== undefined && Date.now() - t < ECHO_MS
  }
}
