// The host of host-directory mounts in Node: node:fs on the host's own files.
//
// Containment: the backend never asks to follow a symlink, each call reaches its name through a
// directory proven to be the one the backend meant (see at()), and a final component is never
// followed either: lstat, O_NOFOLLOW, lutimes, chmod through an O_PATH fd. A guest therefore
// reaches nothing outside the mounted directory, whatever links the host or the guest put inside
// it and whatever other processes rename meanwhile. Flags are built from the host's
// fs.constants, not passed through, so the host's own O_* values apply (they differ from
// Linux's on macOS).
import type * as NodeFs from "node:fs"
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { emscriptenModuleOf } from "../module/guest-calls"
import { EntryKind, addMountHost, type HostStat, type MountHost } from "./mount-host"
import { nodeFs } from "../module/node-fs"
import type { OwnChanges } from "./own-changes"

type Fs = typeof NodeFs

// O_PATH is not in fs.constants; its value is the generic one on the architectures isProcUsable accepts.
const O_PATH = 0o10000000
// Directory fds kept proven (see inDir).
const DIRS_KEPT = 8

// Thrown as node:fs's own errors are: the glue maps `code` to the guest's errno.
function fail(code: string): never {
  throw { code }
}

// Whether /proc/self/fd names what an fd was opened on (Linux): then every call goes through a
// proven directory fd. Without it (macOS) the check is realpath(parent) === parent before a
// call on the path itself, which a process racing renames against the guest can still win
// (README, Security model).
let procUsable: boolean | undefined
function isProcUsable(fs: Fs): boolean {
  if (procUsable !== undefined) return procUsable
  procUsable = false
  if (process.platform === "linux" && ["x64", "arm64", "arm", "ia32", "riscv64", "ppc64", "s390x", "loong64"].includes(process.arch)) {
    try {
      const fd = fs.openSync("/", O_PATH | fs.constants.O_DIRECTORY)
      try {
        procUsable = fs.readlinkSync(`/proc/self/fd/${fd}`) === "/"
      } finally {
        fs.closeSync(fd)
      }
    } catch {}
  }
  return procUsable
}

// A guest may leave files open and its sandbox may be dropped without closing them: once the
// instance is garbage, this closes what its host left open, so many short-lived sandboxes in
// one process do not leak host fds.
const leftOpen = new FinalizationRegistry<{ fs: Fs; fds: Set<number> }>(({ fs, fds }) => {
  for (const fd of fds) {
    try {
      fs.closeSync(fd)
    } catch {}
  }
})

const hostOfInstance = new WeakMap<object, { host: NodeMountHost; id: number }>()

/** The module's Node host (made and registered on first use) and its id. */
export function nodeMountHostOf(module: QuickJSWASMModule): { host: NodeMountHost; id: number } {
  const em = emscriptenModuleOf(module)
  let known = hostOfInstance.get(em)
  if (!known) {
    const host = new NodeMountHost(em)
    known = { host, id: addMountHost(module, host) }
    hostOfInstance.set(em, known)
  }
  return known
}

/** The module's Node host, when it has one. */
export function existingNodeMountHost(module: QuickJSWASMModule): NodeMountHost | undefined {
  return hostOfInstance.get(emscriptenModuleOf(module))?.host
}

export class NodeMountHost implements MountHost {
  private readonly nodeFs: Fs
  /** host fds open for this instance */
  private readonly fds = new Set<number>()
  /** the host path each open file fd was opened at (for ownChanges of writes through it) */
  private readonly fdPaths = new Map<number, string>()
  /** directory fds proven before, by host path, least recently used first */
  private readonly dirs = new Map<string, number>()
  private retired = false
  /** Set while others' changes to the mounts are watched (mounts.ts): host fs events for these paths are echoes of ours. */
  ownChanges: OwnChanges | undefined

  /** `instance`: the Wasm instance's module object, whose collection closes the fds left open. */
  constructor(instance: object) {
    this.nodeFs = nodeFs()
    leftOpen.register(instance, { fs: this.nodeFs, fds: this.fds })
  }

  // Once its sandbox is disposed the instance reaches no host file: the numbers of the fds it
  // had open may already name other files of the host.
  private get fs(): Fs {
    if (this.retired) fail("EBADF")
    return this.nodeFs
  }

  /** The sandbox that owns the instance is disposed: closes every fd and refuses every call from now on. */
  retire(): void {
    this.closeAll()
    this.retired = true
  }

  /** Closes every host fd this host holds (directories and files). */
  closeAll(): void {
    for (const fd of this.fds) {
      try {
        this.nodeFs.closeSync(fd)
      } catch {}
    }
    this.fds.clear()
    this.fdPaths.clear()
    this.dirs.clear()
  }

  /** Closes the directory fds kept proven (mounts.ts: the sandbox is done with the module). */
  releaseDirectories(): void {
    for (const fd of this.dirs.values()) this.closeFd(fd)
    this.dirs.clear()
  }

  private own(path: string | undefined): void {
    if (path) this.ownChanges?.mark(path)
  }

  private closeFd(fd: number): void {
    this.fds.delete(fd)
    try {
      this.nodeFs.closeSync(fd)
    } catch {}
  }

  private isDir(fd: number, dir: string): boolean {
    try {
      return this.fs.readlinkSync(`/proc/self/fd/${fd}`) === dir
    } catch {
      return false
    }
  }

  // Calls f(at) with `at` naming directory `dir` through an O_PATH fd proven to be `dir` itself
  // (Linux): the directory is opened (O_PATH: no read permission needed, as for a lookup), then
  // the kernel's name for what was opened must be that very path; otherwise (a component was
  // swapped for a link, the directory moved or removed) the call fails ENOENT, as for a
  // directory that went away. `/proc/self/fd/N/name` then resolves to exactly the opened
  // directory without walking its path again, so a swap between the check and the use changes
  // nothing. A kept fd costs one readlink per call instead of open + readlink + close, and is
  // still proven on every use.
  private inDir<T>(dir: string, f: (at: string) => T): T {
    let fd = this.dirs.get(dir)
    if (fd !== undefined) {
      this.dirs.delete(dir)
      if (this.isDir(fd, dir)) {
        this.dirs.set(dir, fd)
        return f(`/proc/self/fd/${fd}`)
      }
      this.closeFd(fd)
    }
    const fs = this.fs
    fd = fs.openSync(dir, O_PATH | fs.constants.O_DIRECTORY)
    this.fds.add(fd)
    if (!this.isDir(fd, dir)) {
      this.closeFd(fd)
      fail("ENOENT")
    }
    // the least recently used goes (never the one a caller still holds: it is the newest)
    if (this.dirs.size >= DIRS_KEPT) {
      const [oldest, oldFd] = this.dirs.entries().next().value as [string, number]
      this.dirs.delete(oldest)
      this.closeFd(oldFd)
    }
    this.dirs.set(dir, fd)
    return f(`/proc/self/fd/${fd}`)
  }

  // Calls f(at) with a name for host path `path` that reaches it only through its proven parent
  // directory, never following a link in any component.
  private at<T>(path: string, f: (at: string) => T): T {
    const slash = path.lastIndexOf("/")
    const dir = slash <= 0 ? "/" : path.slice(0, slash)
    const name = path.slice(slash + 1)
    // the host root itself cannot be swapped
    if (!name) return f(path)
    if (isProcUsable(this.fs)) return this.inDir(dir, (at) => f(`${at}/${name}`))
    if (this.fs.realpathSync.native(dir) !== dir) fail("ENOENT")
    return f(path)
  }

  // Calls f(at) with a name for directory `path` itself, proven as above.
  private atDir<T>(path: string, f: (at: string) => T): T {
    if (isProcUsable(this.fs)) return this.inDir(path, f)
    if (this.fs.realpathSync.native(path) !== path) fail("ENOENT")
    return f(path)
  }

  realpath(path: string): string {
    const real = this.fs.realpathSync.native(path)
    if (!this.fs.statSync(real).isDirectory()) fail("ENOTDIR")
    return real
  }

  lstat(path: string): HostStat {
    return this.at(path, (at) => this.fs.lstatSync(at))
  }

  fstat(fd: number): HostStat {
    return this.fs.fstatSync(fd)
  }

  // O_NONBLOCK: should the name have become a FIFO since the backend saw a regular file, the
  // open does not hang the host.
  open(path: string, access: number, create: number, mode: number): number {
    const fs = this.fs
    const c = fs.constants
    let flags = [c.O_RDONLY, c.O_WRONLY, c.O_RDWR][access] | c.O_NOFOLLOW | c.O_NONBLOCK
    if (create) flags |= c.O_CREAT | c.O_EXCL
    const fd = this.at(path, (at) => fs.openSync(at, flags, mode))
    this.fds.add(fd)
    this.fdPaths.set(fd, path)
    if (create) this.own(path)
    return fd
  }

  close(fd: number): number {
    const fs = this.fs
    this.fds.delete(fd)
    this.fdPaths.delete(fd)
    fs.closeSync(fd)
    return 0
  }

  read(fd: number, view: Uint8Array, pos: number): number {
    return this.fs.readSync(fd, view, 0, view.length, pos)
  }

  write(fd: number, view: Uint8Array, pos: number): number {
    const fs = this.fs
    this.own(this.fdPaths.get(fd))
    return fs.writeSync(fd, view, 0, view.length, pos)
  }

  ftruncate(fd: number, size: number): number {
    const fs = this.fs
    this.own(this.fdPaths.get(fd))
    fs.ftruncateSync(fd, size)
    return 0
  }

  fsync(fd: number): number {
    this.fs.fsyncSync(fd)
    return 0
  }

  mkdir(path: string, mode: number): number {
    const fs = this.fs
    this.own(path)
    return this.at(path, (at) => (fs.mkdirSync(at, mode), 0))
  }

  unlink(path: string): number {
    const fs = this.fs
    this.own(path)
    return this.at(path, (at) => (fs.unlinkSync(at), 0))
  }

  rmdir(path: string): number {
    const fs = this.fs
    this.own(path)
    return this.at(path, (at) => (fs.rmdirSync(at), 0))
  }

  rename(from: string, to: string): number {
    const fs = this.fs
    this.own(from)
    this.own(to)
    return this.at(from, (a) => this.at(to, (b) => (fs.renameSync(a, b), 0)))
  }

  // The target is stored as the backend gives it; the guest resolves it in its own tree.
  symlink(target: string, path: string): number {
    const fs = this.fs
    this.own(path)
    return this.at(path, (at) => (fs.symlinkSync(target, at), 0))
  }

  readlink(path: string): Uint8Array {
    return this.at(path, (at) => this.fs.readlinkSync(at, { encoding: "buffer" }))
  }

  // Other kinds (FIFOs, sockets, devices) are not shown to the guest. In the order the host's
  // directory gives them (opendir, not readdir, which sorts): the guest's opendir and cp then
  // meet entries as Node's do on the same directory; its readdir sorts them as libuv does.
  readdir(path: string): [string, EntryKind][] {
    const out: [string, EntryKind][] = []
    this.atDir(path, (at) => {
      const dir = this.fs.opendirSync(at, { bufferSize: 1024 })
      try {
        for (let d = dir.readSync(); d !== null; d = dir.readSync()) {
          const kind = d.isFile() ? EntryKind.File : d.isDirectory() ? EntryKind.Directory : d.isSymbolicLink() ? EntryKind.Symlink : 0
          if (kind) out.push([d.name, kind])
        }
      } finally {
        dir.closeSync()
      }
    })
    return out
  }

  // Linux cannot chmod a symlink itself: refuse when the name is one now. With /proc, an O_PATH
  // fd pins the file (whatever is renamed over the name later) and chmod goes through its magic
  // link, as glibc's fchmodat(AT_SYMLINK_NOFOLLOW) does; fchmod refuses O_PATH fds.
  chmod(path: string, mode: number): number {
    const fs = this.fs
    return this.at(path, (at) => {
      if (!isProcUsable(fs)) {
        if (fs.lstatSync(at).isSymbolicLink()) fail("EOPNOTSUPP")
        this.own(path)
        fs.chmodSync(at, mode)
        return 0
      }
      const fd = fs.openSync(at, O_PATH | fs.constants.O_NOFOLLOW)
      try {
        if (fs.fstatSync(fd).isSymbolicLink()) fail("EOPNOTSUPP")
        this.own(path)
        fs.chmodSync(`/proc/self/fd/${fd}`, mode)
        return 0
      } finally {
        fs.closeSync(fd)
      }
    })
  }

  fchmod(fd: number, mode: number): number {
    const fs = this.fs
    this.own(this.fdPaths.get(fd))
    fs.fchmodSync(fd, mode)
    return 0
  }

  // lutimes never follows the last component.
  utimes(path: string, atime: number, mtime: number): number {
    const fs = this.fs
    this.own(path)
    return this.at(path, (at) => (fs.lutimesSync(at, atime, mtime), 0))
  }

  futimes(fd: number, atime: number, mtime: number): number {
    const fs = this.fs
    this.own(this.fdPaths.get(fd))
    fs.futimesSync(fd, atime, mtime)
    return 0
  }
}
