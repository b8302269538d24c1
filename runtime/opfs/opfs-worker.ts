// The OPFS worker of the synchronous bridge (runtime/opfs/opfs-bridge.ts): a dedicated Worker that the
// sandbox's worker starts, running a real OpfsHost that may always wait for the browser. It
// answers the calls a BridgeHost writes into their shared memory
// (runtime/opfs/opfs-bridge-protocol.ts). Bundled with its dependencies (dist/opfs-worker.mjs).
//
// The same script is the bridge's watch worker: it waits for the Web Lock the OPFS worker holds
// while it lives, and marks the shared memory DEAD once the browser grants it.
import { OpfsHost, type ChangeSource } from "./opfs-host"
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
  OPS,
  PAYLOAD,
  REQUEST,
  SIGNATURES,
  SLEEPING,
  STAT,
  STAT_FIELDS,
  STATE,
  STATUS,
  STR0,
  STRING,
  TOTAL,
  TURN,
  WANTED,
  EPOCH,
  Poll,
  type BridgeMessage,
  type BridgeReply,
} from "./opfs-bridge-protocol"

/** After an answer, how long the worker waits (blocked in Atomics.wait) for the next call before it sleeps in its event loop. */
const WAIT_MS = 20
/** While calls keep coming, how often the worker still lets its event loop run (timers, messages). */
const YIELD_MS = 20

const scope = globalThis as unknown as {
  postMessage(message: BridgeReply): void
  onmessage: ((event: MessageEvent<BridgeMessage>) => void) | null
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

let host: OpfsHost | undefined
let ints: Int32Array
let numbers: Float64Array
let data: Uint8Array
let lastTurn = 0
let serving = false
/** µs the worker polls for the next call before it blocks (see Poll) */
const NEXT_CALL_POLL_US = 50
const poll = new Poll(NEXT_CALL_POLL_US)
/** the rest of a payload larger than the data area, for "more" */
let pending: Uint8Array | undefined

scope.onmessage = (event) => {
  const m = event.data
  if (m.type === "host") void start(m)
  else if (m.type === "watch") watch(m)
  else if (m.type === "wake") {
    if (!serving) void serve()
  } else if (m.type === "idle") {
    // stale when the guest has been entered since
    if (host && Atomics.load(ints, TURN) === m.turn) host.idle()
  } else if (m.type === "follow") void follow(m)
}

// Others' changes (the page, other tabs), for the sandbox's watchers: polling looks only while
// the sandbox says someone watches.
async function follow(m: Extract<BridgeMessage, { type: "follow" }>) {
  let changes: ChangeSource = "none"
  try {
    changes = await host!.watchOthers(
      (change) => {
        // (the caller's kept directory stats go too)
        Atomics.add(ints, EPOCH, 1)
        scope.postMessage({ type: "change", change })
      },
      {
        polling: m.polling,
        interval: m.interval,
        wanted: () => Atomics.load(ints, WANTED) === 1,
      },
    )
  } finally {
    scope.postMessage({ type: "following", changes })
  }
}

async function start(m: Extract<BridgeMessage, { type: "host" }>) {
  try {
    const root = m.root ?? (await navigator.storage.getDirectory())
    host = new OpfsHost({ root, canSuspend: () => true, maxHandles: m.maxHandles, releaseAfter: m.releaseAfter })
    ints = new Int32Array(m.sab, 0, HEADER_BYTES / 4)
    numbers = new Float64Array(m.sab, 0, HEADER_BYTES / 8)
    data = new Uint8Array(m.sab, HEADER_BYTES, DATA_BYTES)
    // held until this worker ends: then the watch worker gets it
    await new Promise<void>((held, failed) => {
      navigator.locks
        .request(m.lock, () => {
          held()
          return new Promise<never>(() => {})
        })
        .catch(failed)
    })
    scope.postMessage({ type: "ready" })
    void serve()
  } catch (e) {
    scope.postMessage({ type: "failed", message: `the OPFS worker could not start: ${(e as Error)?.message ?? e}` })
  }
}

function watch(m: Extract<BridgeMessage, { type: "watch" }>) {
  const state = new Int32Array(m.sab, 0, HEADER_BYTES / 4)
  navigator.locks
    .request(m.lock, () => {
      Atomics.store(state, STATE, DEAD)
      Atomics.notify(state, STATE)
    })
    .catch(() => {})
  scope.postMessage({ type: "watching" })
}

// Answers calls while they come; returns to sleep in the event loop once none came for WAIT_MS.
async function serve() {
  serving = true
  let yielded = performance.now()
  try {
    for (;;) {
      const state = Atomics.load(ints, STATE)
      if (state === DEAD) return
      if (state !== REQUEST) {
        if (poll.while(ints, STATE, FREE) !== FREE) continue
        if (Atomics.wait(ints, STATE, FREE, WAIT_MS) === "timed-out") {
          Atomics.store(ints, SLEEPING, 1)
          // a call that came just now sees SLEEPING only if made after this store: look again
          if (Atomics.load(ints, STATE) !== REQUEST) return
          Atomics.store(ints, SLEEPING, 0)
        }
        continue
      }
      await answer()
      if (performance.now() - yielded > YIELD_MS) {
        await nextTask()
        yielded = performance.now()
      }
    }
  } catch (e) {
    // a fault of this loop itself: no call can be answered any more
    Atomics.store(ints, STATE, DEAD)
    Atomics.notify(ints, STATE)
    throw e
  } finally {
    serving = false
  }
}

const channel = new MessageChannel()
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(0)
  })
}

async function answer() {
  const turn = Atomics.load(ints, TURN)
  if (turn !== lastTurn) {
    lastTurn = turn
    host!.newTurn()
  }
  try {
    let result = call(OPS[ints[OP]])
    if (typeof (result as Promise<unknown>)?.then === "function") result = await result
    respond(result)
  } catch (e) {
    const code = (e as { code?: unknown })?.code
    if (typeof code !== "string") console.error("quickjs-wasmfs OPFS worker:", e)
    payload(encoder.encode(typeof code === "string" ? code : "EIO"))
    ints[STATUS] = ERROR
  }
  Atomics.store(ints, STATE, FREE)
  Atomics.notify(ints, STATE)
}

function call(op: (typeof OPS)[number]): unknown {
  const h = host!
  if (op === "more") {
    const from = numbers[NUMBERS]
    const rest = pending!.subarray(from)
    const n = Math.min(rest.length, DATA_BYTES)
    data.set(rest.subarray(0, n))
    ints[PAYLOAD] = n
    ints[TOTAL] = pending!.length
    if (from + n >= pending!.length) pending = undefined
    return undefined
  }
  pending = undefined
  if (op === "dispose") {
    h.dispose()
    return 0
  }
  const args: unknown[] = []
  let at = 0
  let s = 0
  let n = 0
  for (const kind of SIGNATURES[op]) {
    if (kind === "s") {
      const len = ints[STR0 + s++]
      // (slice: TextDecoder refuses views of shared memory)
      args.push(decoder.decode(data.slice(at, at + len)))
      at += len
    } else if (kind === "n") args.push(numbers[NUMBERS + n++])
    else args.push(data.subarray(0, numbers[NUMBERS + n++]))
  }
  return (h[op] as (...a: unknown[]) => unknown)(...args)
}

function respond(result: unknown) {
  if (result === undefined) return // "more" filled the data area itself
  if (typeof result === "number") {
    ints[STATUS] = NUMBER
    numbers[NUMBERS] = result
  } else if (typeof result === "string") {
    payload(encoder.encode(result))
    ints[STATUS] = STRING
  } else if (Array.isArray(result)) {
    payload(encoder.encode(JSON.stringify(result)))
    ints[STATUS] = JSON_VALUE
  } else {
    const st = result as Record<string, number>
    STAT_FIELDS.forEach((field, i) => (numbers[NUMBERS + i] = st[field]))
    ints[STATUS] = STAT
  }
}

function payload(bytes: Uint8Array) {
  const n = Math.min(bytes.length, DATA_BYTES)
  data.set(bytes.subarray(0, n))
  ints[PAYLOAD] = n
  ints[TOTAL] = bytes.length
  pending = n < bytes.length ? bytes : undefined
}

scope.postMessage({ type: "loaded" })
