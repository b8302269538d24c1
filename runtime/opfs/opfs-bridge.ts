// /opfs without JSPI, on cross-origin-isolated pages: a synchronous bridge to an OpfsHost that
// runs in a second dedicated Worker (the "OPFS worker", runtime/opfs/opfs-worker.ts), started by the
// sandbox's own worker. The Wasm module is the same as with JSPI; only the mount's host
// (runtime/mounts/mount-host.ts) differs: a BridgeHost, whose every method
// writes its call into a SharedArrayBuffer (runtime/opfs/opfs-bridge-protocol.ts), wakes the OPFS
// worker and blocks in Atomics.wait until the answer is there. The OPFS worker's OpfsHost may
// always wait for the browser (its canSuspend() is true), so nothing is ever EAGAIN here, and the
// guest is entered through the plain synchronous exports.
//
// Waking the OPFS worker: after each answer it polls for the next call a little (see Poll in
// the protocol), then waits in Atomics.wait (up to WAIT_MS, 20 ms), so a burst of calls costs
// at most a futex wake each; past that it sleeps in its event loop (SLEEPING set), and the next
// call also posts it a "wake" message. The caller likewise polls a little for the answer before
// it blocks in Atomics.wait.
//
// Data: reads and writes go through the data area (DATA_BYTES, 1 MiB) in as many calls as
// needed, copied straight between the Wasm heap view the mount backend passes and the shared
// memory (the OPFS worker's sync access handle reads into / writes from the data area itself).
//
// Directories' stats: WasmFS looks every path component up again (an lstat each) on every
// path call, and each is a round trip here. The OPFS worker's OpfsHost answers a directory's
// lstat from its own memory (a known directory is not asked of OPFS again; its times and mode
// change only through this host's own calls), until others' changes make it forget the
// directory (its FileSystemObserver or polling: the OPFS worker bumps EPOCH then). So
// BridgeHost keeps those answers until a call that may change the tree (anything but lstat,
// fstat, open without create, read, write, ftruncate, fsync, close, readlink, realpath), a new
// EPOCH, or the guest's next turn. Files' stats are always asked: when OpfsHost looks at a
// file's size again (each turn, after its own writes, when it lets go of a handle) is its
// business, and the bridge does not copy those rules.
//
// A dead OPFS worker: calls never time out (a call may legitimately take long: renaming a big
// directory, a loaded machine). But the sandbox's worker, blocked in Atomics.wait, cannot see
// the OPFS worker's error or end through events. So the OPFS worker holds a Web Lock for as long
// as it lives, and a third small worker (the "watch" worker, the same script) asks for that lock:
// the browser grants it exactly when the OPFS worker is gone (terminated, closed, crashed), and
// the watch worker then sets STATE to DEAD and notifies. The call waiting then, and every call
// after it, fails with EIO. An OPFS worker that lives on but never answers (a browser promise
// that never settles) would still block its caller: that is not death, and no deadline tells it
// from slowness.
import {
  DATA_BYTES,
  DEAD,
  ERROR,
  FREE,
  HEADER_BYTES,
  JSON_VALUE,
  NUMBER,
  NUMBERS,
  OP,
  OP_CODES,
  PAYLOAD,
  REQUEST,
  SAB_BYTES,
  SLEEPING,
  STAT,
  STAT_FIELDS,
  STATE,
  STATUS,
  STR0,
  TOTAL,
  TURN,
  WANTED,
  EPOCH,
  Poll,
  type BridgeMessage,
  type BridgeOp,
  type BridgeReply,
} from "./opfs-bridge-protocol"
import type { EntryKind, MountHost } from "../mounts/mount-host"
import type { ChangeSource, ExternalChange, OpfsStat } from "./opfs-host"

/** µs a caller polls for the answer before it blocks (see Poll) */
const CALLER_POLL_US = 50

const S_IFMT = 0o170000
const S_IFDIR = 0o040000

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function fail(code: string): never {
  throw { code }
}

/** What the bridge needs besides OPFS sync handles: why it cannot run here, or undefined. */
export function bridgeUnavailable(): string | undefined {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Worker?: unknown; navigator?: { locks?: unknown } }
  if (g.crossOriginIsolated !== true) {
    return "the page is not cross-origin isolated (Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), which the SharedArrayBuffer bridge to an OPFS worker needs"
  }
  if (typeof g.SharedArrayBuffer !== "function") return "there is no SharedArrayBuffer for the bridge to an OPFS worker"
  if (typeof g.Worker !== "function") return "this worker cannot start a nested Worker for the OPFS bridge"
  if (typeof g.navigator?.locks !== "object")
    return "there are no Web Locks (navigator.locks), which the OPFS bridge needs to notice its worker's end"
  return undefined
}

export interface BridgeOptions {
  root?: FileSystemDirectoryHandle
  maxHandles?: number
  releaseAfter?: number
  /** The OPFS worker's script (default: opfs-worker.mjs next to this module). */
  workerUrl?: string | URL
}

/** Starts the OPFS worker and its watch worker; resolves once both are ready. */
export async function startOpfsBridge(options: BridgeOptions = {}): Promise<BridgeHost> {
  const sab = new SharedArrayBuffer(SAB_BYTES)
  const lock = `quickjs-wasmfs-opfs-${crypto.randomUUID?.() ?? Math.random().toString(36).slice(2)}`
  const worker = startOpfsWorker(options.workerUrl, "quickjs-wasmfs OPFS")
  let watcher: Worker | undefined
  try {
    await handshake(
      worker,
      { type: "host", sab, lock, root: options.root, maxHandles: options.maxHandles, releaseAfter: options.releaseAfter },
      "ready",
    )
    watcher = startOpfsWorker(options.workerUrl, "quickjs-wasmfs OPFS watch")
    await handshake(watcher, { type: "watch", sab, lock }, "watching")
  } catch (e) {
    watcher?.terminate()
    worker.terminate()
    throw e
  }
  return new BridgeHost(sab, worker, watcher)
}

// The literal `new Worker(new URL("./…", import.meta.url))` is what bundlers recognise and bundle.
function startOpfsWorker(url: string | URL | undefined, name: string): Worker {
  return url
    ? new Worker(url, { type: "module", name })
    : new Worker(new URL("./opfs-worker.mjs", import.meta.url), { type: "module", name })
}

// Waits until the worker's script listens, sends `message`, waits for the `expect` reply.
function handshake(worker: Worker, message: BridgeMessage, expect: BridgeReply["type"]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BridgeReply>) => {
      const reply = event.data
      if (reply.type === "loaded") worker.postMessage(message)
      else if (reply.type === expect) resolve()
      else if (reply.type === "failed") reject(new Error(reply.message))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      reject(new Error(`the OPFS worker failed: ${event.message || "could not load"}`))
    }
  }).finally(() => {
    worker.onmessage = null
    worker.onerror = null
  })
}

/** The mount host of /opfs in the sandbox's worker: OpfsHost's interface, each call a blocking round trip. */
export class BridgeHost implements MountHost {
  private readonly ints: Int32Array
  private readonly numbers: Float64Array
  private readonly data: Uint8Array
  private disposed = false
  /** lstat answers for directories (see above), by path, kept while EPOCH stays `epoch` */
  private readonly dirStats = new Map<string, OpfsStat>()
  private epoch = 0
  /** how this thread waits for an answer */
  private readonly poll = new Poll(CALLER_POLL_US)
  /** the OPFS worker is gone: every call fails with EIO */
  private dead = false
  /** others' changes (watchOthers), and whether someone watches, mirrored into WANTED */
  private onChange: ((change: ExternalChange) => void) | undefined
  private wanted: (() => boolean) | undefined
  private mirrorTimer: ReturnType<typeof setInterval> | undefined
  private following: ((changes: ChangeSource) => void) | undefined

  /** @internal startOpfsBridge() */
  constructor(
    sab: SharedArrayBuffer,
    private readonly worker: Worker,
    private readonly watcher: Worker,
  ) {
    this.ints = new Int32Array(sab, 0, HEADER_BYTES / 4)
    this.numbers = new Float64Array(sab, 0, HEADER_BYTES / 8)
    this.data = new Uint8Array(sab, HEADER_BYTES, DATA_BYTES)
    worker.onmessage = (event: MessageEvent<BridgeReply>) => {
      const m = event.data
      if (m.type === "change") this.onChange?.(m.change)
      else if (m.type === "following") this.following?.(m.changes)
    }
  }

  /**
   * OpfsHost.watchOthers, run in the OPFS worker: its changes come back as messages, taken
   * when this worker's event loop is free (between the guest's turns). Polling there looks
   * only while `wanted()`, which this side mirrors into the shared memory at each turn, when
   * idle, and every `interval` ms.
   */
  watchOthers(
    onChange: (change: ExternalChange) => void,
    options: { polling?: boolean; interval?: number; wanted?: () => boolean } = {},
  ): Promise<ChangeSource> {
    this.onChange = onChange
    return new Promise<ChangeSource>((resolve) => {
      // (an OPFS worker gone before it answers never will)
      const gone = setInterval(() => {
        if (this.dead || Atomics.load(this.ints, STATE) === DEAD) this.following?.("none")
      }, 100)
      this.following = (changes) => {
        clearInterval(gone)
        this.following = undefined
        resolve(changes)
      }
      this.worker.postMessage({ type: "follow", polling: options.polling === true, interval: options.interval } satisfies BridgeMessage)
    }).then((changes) => {
      if (changes === "polling" && !this.disposed) {
        this.wanted = options.wanted ?? (() => true)
        this.mirrorWanted()
        this.mirrorTimer = setInterval(() => this.mirrorWanted(), options.interval ?? 1000)
      }
      return changes
    })
  }

  private mirrorWanted(): void {
    if (this.wanted) Atomics.store(this.ints, WANTED, this.wanted() ? 1 : 0)
  }

  /** A new turn of the guest (OpfsHost.newTurn), applied by the OPFS worker at the next call. */
  newTurn(): void {
    Atomics.add(this.ints, TURN, 1)
    this.dirStats.clear()
    this.mirrorWanted()
  }

  /** The guest is idle (OpfsHost.idle), unless it has been entered again by the time the OPFS worker hears of it. */
  idle(): void {
    this.mirrorWanted()
    if (!this.disposed && !this.dead) this.worker.postMessage({ type: "idle", turn: Atomics.load(this.ints, TURN) } satisfies BridgeMessage)
  }

  /** Closes every handle, then ends the OPFS worker. */
  dispose(): void {
    if (this.disposed) return
    try {
      if (!this.dead) this.call("dispose", [], [])
    } catch {
      // gone already
    }
    this.disposed = true
    if (this.mirrorTimer !== undefined) clearInterval(this.mirrorTimer)
    this.wanted = this.onChange = undefined
    this.following?.("none")
    this.watcher.terminate()
    this.worker.terminate()
  }

  // ---- MountHost (runtime/mounts/mount-host.ts) ----

  realpath(path: string): string | number {
    return this.call("realpath", [path], []) as string | number
  }

  lstat(path: string): OpfsStat | number {
    const epoch = Atomics.load(this.ints, EPOCH)
    if (epoch !== this.epoch) {
      this.epoch = epoch
      this.dirStats.clear()
    }
    const known = this.dirStats.get(path)
    if (known) return known
    const st = this.call("lstat", [path], []) as OpfsStat | number
    if (typeof st === "object" && (st.mode & S_IFMT) === S_IFDIR) this.dirStats.set(path, st)
    return st
  }

  fstat(fd: number): OpfsStat | number {
    return this.call("fstat", [], [fd]) as OpfsStat | number
  }

  open(path: string, access: number, create: number, mode: number): number {
    if (create) this.dirStats.clear()
    return this.call("open", [path], [access, create, mode]) as number
  }

  close(fd: number): number {
    return this.call("close", [], [fd]) as number
  }

  read(fd: number, view: Uint8Array, pos: number): number {
    let done = 0
    while (done < view.length) {
      const want = Math.min(view.length - done, DATA_BYTES)
      let got: number
      try {
        got = this.call("read", [], [fd, want, pos + done]) as number
      } catch (e) {
        if (done > 0) break // what was read stands, as a short read
        throw e
      }
      if (got < 0) return done > 0 ? done : got
      view.set(this.data.subarray(0, got), done)
      done += got
      if (got < want) break
    }
    return done
  }

  write(fd: number, view: Uint8Array, pos: number): number {
    let done = 0
    while (done < view.length) {
      const want = Math.min(view.length - done, DATA_BYTES)
      this.data.set(view.subarray(done, done + want))
      let put: number
      try {
        put = this.call("write", [], [fd, want, pos + done]) as number
      } catch (e) {
        if (done > 0) break // what was written stands, as a short write
        throw e
      }
      if (put < 0) return done > 0 ? done : put
      done += put
      if (put < want) break
    }
    return done
  }

  ftruncate(fd: number, size: number): number {
    return this.call("ftruncate", [], [fd, size]) as number
  }

  fsync(fd: number): number {
    return this.call("fsync", [], [fd]) as number
  }

  mkdir(path: string, mode: number): number {
    this.dirStats.clear()
    return this.call("mkdir", [path], [mode]) as number
  }

  unlink(path: string): number {
    this.dirStats.clear()
    return this.call("unlink", [path], []) as number
  }

  rmdir(path: string): number {
    this.dirStats.clear()
    return this.call("rmdir", [path], []) as number
  }

  rename(from: string, to: string): number {
    this.dirStats.clear()
    return this.call("rename", [from, to], []) as number
  }

  symlink(target: string, path: string): number {
    this.dirStats.clear()
    return this.call("symlink", [target, path], []) as number
  }

  readlink(path: string): string | number {
    return this.call("readlink", [path], []) as string | number
  }

  readdir(path: string): [string, EntryKind][] | number {
    this.dirStats.clear()
    return this.call("readdir", [path], []) as [string, EntryKind][] | number
  }

  chmod(path: string, mode: number): number {
    this.dirStats.clear()
    return this.call("chmod", [path], [mode]) as number
  }

  fchmod(fd: number, mode: number): number {
    this.dirStats.clear()
    return this.call("fchmod", [], [fd, mode]) as number
  }

  utimes(path: string, atime: number, mtime: number): number {
    this.dirStats.clear()
    return this.call("utimes", [path], [atime, mtime]) as number
  }

  futimes(fd: number, atime: number, mtime: number): number {
    this.dirStats.clear()
    return this.call("futimes", [], [fd, atime, mtime]) as number
  }

  // ---- the wire ----

  // One round trip: the answer as OpfsHost gave it (a number, a stat, a string, entries), or
  // its error thrown again as { code }.
  private call(op: BridgeOp, strings: string[], numbers: number[]): unknown {
    const ints = this.ints
    if (this.disposed || this.dead) fail("EIO")
    let at = 0
    for (let i = 0; i < strings.length; i++) {
      const bytes = encoder.encode(strings[i])
      if (at + bytes.length > DATA_BYTES) fail("ENAMETOOLONG")
      this.data.set(bytes, at)
      ints[STR0 + i] = bytes.length
      at += bytes.length
    }
    for (let i = 0; i < numbers.length; i++) this.numbers[NUMBERS + i] = numbers[i]
    ints[OP] = OP_CODES[op]
    this.roundTrip()
    const status = ints[STATUS]
    if (status === NUMBER) return this.numbers[NUMBERS]
    if (status === STAT) {
      const st = {} as Record<(typeof STAT_FIELDS)[number], number>
      STAT_FIELDS.forEach((field, i) => (st[field] = this.numbers[NUMBERS + i]))
      return st as OpfsStat
    }
    const text = this.payload()
    if (status === ERROR) fail(text)
    return status === JSON_VALUE ? JSON.parse(text) : text
  }

  // Hands the call over and blocks until it is answered, or the OPFS worker is gone (EIO).
  private roundTrip(): void {
    const ints = this.ints
    if (Atomics.compareExchange(ints, STATE, FREE, REQUEST) !== FREE) fail("EIO") // DEAD
    Atomics.notify(ints, STATE)
    if (Atomics.load(ints, SLEEPING) === 1 && Atomics.exchange(ints, SLEEPING, 0) === 1) {
      this.worker.postMessage({ type: "wake" } satisfies BridgeMessage)
    }
    let state = this.poll.while(ints, STATE, REQUEST)
    while (state === REQUEST) {
      Atomics.wait(ints, STATE, REQUEST)
      state = Atomics.load(ints, STATE)
    }
    if (state === DEAD) {
      this.dead = true
      fail("EIO")
    }
  }

  // The response's UTF-8 payload, fetched in pieces when larger than the data area.
  private payload(): string {
    const ints = this.ints
    const total = ints[TOTAL]
    // (slice: TextDecoder refuses views of shared memory)
    if (ints[PAYLOAD] === total) return decoder.decode(this.data.slice(0, total))
    const bytes = new Uint8Array(total)
    let have = 0
    for (;;) {
      const n = ints[PAYLOAD]
      bytes.set(this.data.subarray(0, n), have)
      have += n
      if (have >= total) break
      this.numbers[NUMBERS] = have
      ints[OP] = OP_CODES.more
      this.roundTrip()
      if (ints[STATUS] === ERROR) fail("EIO")
    }
    return decoder.decode(bytes)
  }
}
