// The shared memory between the sandbox's BridgeHost (runtime/opfs/opfs-bridge.ts) and the OPFS
// worker (runtime/opfs/opfs-worker.ts): one call at a time, written by the caller, answered in place.
//
//   bytes 0..63     Int32 slots (below)
//   bytes 64..127   8 Float64 slots: a request's numbers, a response's number or stat
//   bytes 128..     the data area (DATA_BYTES): a request's strings (UTF-8, back to back) or the
//                   bytes of a write; a response's payload (UTF-8: a string, JSON, an error code)
//                   or the bytes of a read
//
// A call: the caller writes OP, the strings' lengths, the numbers and the data, then turns
// STATE from FREE to REQUEST and notifies; the OPFS worker answers (STATUS, numbers, payload)
// and turns STATE back to FREE and notifies. DEAD is final: the OPFS worker is gone, every call
// fails with EIO (the watch worker sets it; see runtime/opfs/opfs-bridge.ts).

import type { ChangeSource, ExternalChange } from "./opfs-host"

export const HEADER_BYTES = 128
/** Size of the data area: reads and writes larger than this go in several calls. */
export const DATA_BYTES = 1 << 20
export const SAB_BYTES = HEADER_BYTES + DATA_BYTES

// Int32 slots
export const STATE = 0
/** 1 while the OPFS worker sleeps until a "wake" message (it waits synchronously otherwise). */
export const SLEEPING = 1
/** Bumped by the sandbox at each turn of the guest (OpfsHost.newTurn, applied at the next call). */
export const TURN = 2
export const OP = 3
export const STATUS = 4
/** UTF-8 lengths of the request's first and second string. */
export const STR0 = 5
export const STR1 = 6
/** Payload bytes in the data area now, and in the whole payload (more: op "more"). */
export const PAYLOAD = 7
export const TOTAL = 8
/** Set by the sandbox while someone watches (polling for others' changes is wanted then). */
export const WANTED = 9
/** Bumped by the OPFS worker each time others' changes make its OpfsHost forget what it knew. */
export const EPOCH = 10

/** Float64 index of byte 64, where the numbers start. */
export const NUMBERS = 8

// STATE values
export const FREE = 0
export const REQUEST = 1
export const DEAD = 2

// STATUS values: what the response holds
export const NUMBER = 0 // Float64 slot 0
export const STAT = 1 // Float64 slots 0..7: mode, size, atimeMs, mtimeMs, ctimeMs, ino, dev, nlink
export const STRING = 2 // payload: UTF-8
export const JSON_VALUE = 3 // payload: JSON (readdir's [name, kind][])
export const ERROR = 4 // payload: the error code ("ENOENT")

/**
 * The calls, each with its OpfsHost arguments in order: s a string, n a number, d the data area
 * (its length travels as a number: a view of that many bytes of it).
 */
export const SIGNATURES = {
  realpath: "s",
  lstat: "s",
  fstat: "n",
  open: "snnn",
  close: "n",
  read: "ndn",
  write: "ndn",
  ftruncate: "nn",
  fsync: "n",
  mkdir: "sn",
  unlink: "s",
  rmdir: "s",
  rename: "ss",
  symlink: "ss",
  readlink: "s",
  readdir: "s",
  chmod: "sn",
  fchmod: "nn",
  utimes: "snn",
  futimes: "nnn",
  /** the rest of the last payload, from byte n */
  more: "n",
  /** OpfsHost.dispose(): every handle closed */
  dispose: "",
} as const

export type BridgeOp = keyof typeof SIGNATURES
export const OPS = Object.keys(SIGNATURES) as BridgeOp[]
export const OP_CODES = Object.fromEntries(OPS.map((name, i) => [name, i])) as Record<BridgeOp, number>

export const STAT_FIELDS = ["mode", "size", "atimeMs", "mtimeMs", "ctimeMs", "ino", "dev", "nlink"] as const

/**
 * Waits that poll first. Waking a thread blocked in Atomics.wait costs tens of µs, hundreds
 * on a virtual machine whose idle CPU has halted, while most calls are answered in a few µs
 * (and the next call of a burst follows as soon): so a waiter first polls for up to `us`
 * microseconds. Polling pays only if the other thread runs meanwhile; on a machine short of
 * cores it takes CPU from it. So MISSES polls in a row that came up empty (one slow call, such
 * as a truncate, is not enough) turn polling off, and then only every PROBE-th wait polls
 * again (a poll that succeeds turns it back on).
 */
export class Poll {
  private misses = 0
  private waits = 0
  constructor(private readonly us: number) {}

  /** ints[index] after polling while it is `value` (at most the budget): `value` if it did not change. */
  while(ints: Int32Array, index: number, value: number): number {
    let now = Atomics.load(ints, index)
    if (now !== value || (this.misses >= MISSES && ++this.waits % PROBE !== 0)) return now
    const until = performance.now() + this.us / 1000
    while (now === value && performance.now() < until) now = Atomics.load(ints, index)
    this.misses = now !== value ? 0 : this.misses + 1
    return now
  }
}
const MISSES = 2
const PROBE = 32

/** Messages to the OPFS worker (and its watch worker). */
export type BridgeMessage =
  | {
      type: "host"
      sab: SharedArrayBuffer
      lock: string
      root?: FileSystemDirectoryHandle
      maxHandles?: number
      releaseAfter?: number
    }
  | { type: "watch"; sab: SharedArrayBuffer; lock: string }
  | { type: "wake" }
  | { type: "idle"; turn: number }
  /** OpfsHost.watchOthers: others' changes, by observer or polling */
  | { type: "follow"; polling: boolean; interval?: number }

/** Messages from them ("loaded": the script runs and listens; the first message may go). */
export type BridgeReply =
  | { type: "loaded" }
  | { type: "ready" }
  | { type: "watching" }
  | { type: "failed"; message: string }
  | { type: "following"; changes: ChangeSource }
  | { type: "change"; change: ExternalChange }
