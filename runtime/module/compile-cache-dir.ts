// A compile cache kept in a host directory (Node only): the CLI's, so that the second run of a
// tool reads its bytecode instead of parsing it. One file per key; each holds a checksum of its
// bytecode, and a file that is short, torn or altered is ignored (the engine compiles again and
// the entry is rewritten). Writes go to a temporary file renamed into place, so processes that
// share the directory never see half an entry. A directory the host cannot write only costs
// the speed.
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { MemoryCompileCache, type CompileCacheStore } from "./compile-cache"

const MAGIC = Buffer.from("QJSWCC1\n")
const HEADER = MAGIC.length + 32

const keyHex = (key: Uint8Array): string => Buffer.from(key).toString("hex")
const sha256 = (data: Uint8Array): Buffer => createHash("sha256").update(data).digest()

export class DirectoryCompileCache implements CompileCacheStore {
  private readonly memory = new MemoryCompileCache()
  private writable = true
  private serial = 0
  private written = 0

  /**
   * `maxWriteBytes`: what one process (one store) may add to the directory. A guest decides what
   * gets compiled, so without a bound it could fill the host's disk through the cache.
   */
  constructor(
    readonly dir: string,
    readonly maxWriteBytes = 256 * 1024 * 1024,
  ) {}

  private file(hex: string): string {
    return join(this.dir, hex.slice(0, 2), hex)
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const hit = this.memory.get(key)
    if (hit) return hit
    let data: Buffer
    try {
      data = readFileSync(this.file(keyHex(key)))
    } catch {
      return undefined
    }
    if (data.length <= HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
    const bytecode = new Uint8Array(data.subarray(HEADER))
    if (!sha256(bytecode).equals(data.subarray(MAGIC.length, HEADER))) return undefined
    this.memory.set(key, bytecode)
    return bytecode
  }

  set(key: Uint8Array, bytecode: Uint8Array): void {
    this.memory.set(key, bytecode)
    if (!this.writable || this.written + bytecode.length > this.maxWriteBytes) return
    this.written += bytecode.length
    const file = this.file(keyHex(key))
    const temp = `${file}.${process.pid}.${this.serial++}.tmp`
    try {
      mkdirSync(join(file, ".."), { recursive: true })
      writeFileSync(temp, Buffer.concat([MAGIC, sha256(bytecode), bytecode]), { mode: 0o600 })
      renameSync(temp, file)
    } catch {
      this.writable = false
      rmSync(temp, { force: true })
    }
  }
}
