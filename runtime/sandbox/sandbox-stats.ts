// What sandbox.fs's stat and readdir calls return: Node's fs.Stats and fs.Dirent, built from
// the binding's stat fields and libuv's dirent types.
import type { HostBuffer } from "../module/host-types"

// S_IFMT's file types and libuv's dirent types (Node's Dirent is built from the latter)
export const S_IFMT = 0o170000
export const S_IF = { file: 0o100000, dir: 0o040000, link: 0o120000, fifo: 0o010000, socket: 0o140000, char: 0o020000, block: 0o060000 }
const DIRENT = { file: 1, dir: 2, link: 3, fifo: 4, socket: 5, char: 6, block: 7 }

/** What statSync/lstatSync return: Node's fs.Stats, with its fields in its order (the times as
 *  *Ms numbers and as Dates) and its type checks. */
export class SandboxStats {
  dev: number
  mode: number
  nlink: number
  uid: number
  gid: number
  rdev: number
  blksize: number
  ino: number
  size: number
  blocks: number
  atimeMs: number
  mtimeMs: number
  ctimeMs: number
  birthtimeMs: number
  atime: Date
  mtime: Date
  ctime: Date
  birthtime: Date

  /** `v`: the native stat's 18 numbers (10 fields, then seconds and nanoseconds of each time). */
  constructor(v: Float64Array) {
    ;[this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino, this.size, this.blocks] = v
    const ms = (i: number) => v[10 + 2 * i] * 1e3 + v[11 + 2 * i] / 1e6
    this.atimeMs = ms(0)
    this.mtimeMs = ms(1)
    this.ctimeMs = ms(2)
    this.birthtimeMs = ms(3)
    // as Node's dateFromMs: the nearest millisecond
    this.atime = new Date(this.atimeMs + 0.5)
    this.mtime = new Date(this.mtimeMs + 0.5)
    this.ctime = new Date(this.ctimeMs + 0.5)
    this.birthtime = new Date(this.birthtimeMs + 0.5)
  }

  isFile(): boolean {
    return (this.mode & S_IFMT) === S_IF.file
  }
  isDirectory(): boolean {
    return (this.mode & S_IFMT) === S_IF.dir
  }
  isSymbolicLink(): boolean {
    return (this.mode & S_IFMT) === S_IF.link
  }
  isFIFO(): boolean {
    return (this.mode & S_IFMT) === S_IF.fifo
  }
  isSocket(): boolean {
    return (this.mode & S_IFMT) === S_IF.socket
  }
  isCharacterDevice(): boolean {
    return (this.mode & S_IFMT) === S_IF.char
  }
  isBlockDevice(): boolean {
    return (this.mode & S_IFMT) === S_IF.block
  }
}

/** What readdirSync(path, { withFileTypes: true }) returns: Node's fs.Dirent. `name` is a string,
 *  or bytes with `encoding: "buffer"`; `parentPath` (and its older name `path`) the directory read. */
export class SandboxDirent<Name extends string | HostBuffer = string> {
  name: Name
  parentPath: string
  path: string
  readonly #type: number

  constructor(name: Name, parentPath: string, type: number) {
    this.name = name
    this.parentPath = parentPath
    this.path = parentPath
    this.#type = type
  }

  isFile(): boolean {
    return this.#type === DIRENT.file
  }
  isDirectory(): boolean {
    return this.#type === DIRENT.dir
  }
  isSymbolicLink(): boolean {
    return this.#type === DIRENT.link
  }
  isFIFO(): boolean {
    return this.#type === DIRENT.fifo
  }
  isSocket(): boolean {
    return this.#type === DIRENT.socket
  }
  isCharacterDevice(): boolean {
    return this.#type === DIRENT.char
  }
  isBlockDevice(): boolean {
    return this.#type === DIRENT.block
  }
}
