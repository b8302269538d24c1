// child_process for node scripts: each child is a Sandbox of the same Wasm module, so it sees
// the same file tree, mounts and /opfs. The guest reaches this only through the host object
// its boot received (modules/internal/child_host.js): functions that take strings, numbers
// and ArrayBuffers, and whose ids name only the caller's own children.
//
// An asynchronous child's run loop is driven on the host's event loop beside its parent's;
// a synchronous one (spawnSync) by a scheduler that runs it, and any child it starts, to the
// end while the parent's guest call waits. Events for a guest (its children's output, exit
// and messages; its own stdin and its parent's messages) queue here until its loop takes them.
// (child-link.ts: what parent and child know of each other; child-request.ts: the guest's request;
// child-scheduler.ts: spawnSync's scheduler; thread-channels.ts: ports between a process's threads)
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core"
import { Child, type ChildLink, type ChildOwner } from "./child-link"
import { parseRequest, type SpawnRequest } from "./child-request"
import { SyncScheduler } from "./child-scheduler"
import { ChildStdio } from "./child-stdio"
import { MAX_MEMORY_LIMIT } from "../module/memory-limit"
import { concat } from "./stdio"
import type { RunResult } from "./sandbox"
import {
  channelsOf,
  closeAllEnds,
  closeEnd,
  dropRequests,
  hasThread,
  moveEnds,
  ownEnds,
  postToThread,
  threadReply,
  type PortEnd,
  type ThreadGroup,
} from "./thread-channels"

export { childKilled, type ChildBoot, type ChildLink, type ChildOwner, type ChildSandbox, type WorkerBoot } from "./child-link"
export type { PortEnd, ThreadGroup } from "./thread-channels"

/** Children nest at most this deep (a child of a child ... ): deeper spawns fail with EAGAIN. */
export const MAX_CHILD_DEPTH = 8
/** Children of one Wasm module alive at once, all parents together; more fail with EAGAIN. */
export const MAX_LIVE_CHILDREN = 16
// Below this much stack left a child could not even boot: its spawn is EAGAIN.
export const MIN_CHILD_STACK = 64 * 1024

type GuestEvent = (string | number | null | Uint8Array)[]

/**
 * Bytes of messages and output that may wait unread in the queues of one Wasm module's
 * sandboxes. They are host memory, outside every guest's `memoryLimit`: past this, the guest
 * call that would queue more (a worker's or port's postMessage, a child's send() or output)
 * throws a RangeError instead of growing the host.
 */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024
/** Bytes a parent may have written to one child's stdin that the child has not read yet. */
export const MAX_STDIN_BYTES = 16 * 1024 * 1024

// Events that carry a guest's data (the rest are the host's own notices: exit, online, ...).
// process.execPath of a main sandbox (modules/internal/node_binary.js)
const NODE_PATH = "/usr/local/bin/node"
const DATA_EVENTS = new Set(["data", "message", "wmessage", "werror", "pmessage", "bcast", "tmessage"])

function eventBytes(event: GuestEvent): number {
  let n = 16
  for (const v of event) n += v instanceof Uint8Array ? v.byteLength : typeof v === "string" ? v.length * 2 : 8
  return n
}

function queueFull(what: string, limit: number): RangeError {
  return new RangeError(`quickjs-wasmfs: ${what} would hold more than ${limit / (1024 * 1024)} MiB that no one has read yet`)
}

interface ModuleChildren {
  live: number
  nextPid: number
  nextThreadId: number
  // the synchronous runs in progress, innermost last: a child started meanwhile joins it
  schedulers: SyncScheduler[]
  // eventBytes() of the events waiting in all of the module's sandboxes
  queued: number
}
const perModule = new WeakMap<QuickJSWASMModule, ModuleChildren>()
function moduleChildren(module: QuickJSWASMModule): ModuleChildren {
  let m = perModule.get(module)
  if (!m) perModule.set(module, (m = { live: 0, nextPid: 2, nextThreadId: 1, schedulers: [], queued: 0 }))
  return m
}

const MB = 1024 * 1024

/** A sandbox's children and the events for its guest. */
export class ChildProcesses {
  private events: GuestEvent[] = []
  private readonly kids = new Map<number, Child>()
  private nextId = 1
  // spawnSync's child: its output is captured instead of sent as events
  private syncChild: Child | undefined
  /** This sandbox's process: itself and its workers, with its parent's if it is a worker. */
  readonly group: ThreadGroup

  constructor(private readonly owner: ChildOwner) {
    this.group = owner.link?.group ?? new Set()
    this.group.add(this)
  }

  /** Queues an event for this sandbox's guest and wakes its loop. */
  deliver(event: GuestEvent): void {
    const n = eventBytes(event)
    const mod = moduleChildren(this.owner.module)
    if (DATA_EVENTS.has(event[0] as string) && mod.queued + n > MAX_QUEUED_BYTES)
      throw queueFull("the sandbox's message queues", MAX_QUEUED_BYTES)
    mod.queued += n
    this.events.push(event)
    this.owner.wake()
  }

  // Events leave the queue: the module's count goes down with them.
  private dequeued(events: GuestEvent[]): void {
    const mod = moduleChildren(this.owner.module)
    for (const e of events) mod.queued -= eventBytes(e)
  }

  /** The host functions of qjsw:internal/child_host, set on the boot's host object. */
  install(ctx: QuickJSContext, host: QuickJSHandle, classOf: (h: QuickJSHandle) => number): void {
    const kindOf = (h: QuickJSHandle) => ctx.typeof(h)
    const str = (h: QuickJSHandle) => (kindOf(h) === "string" ? ctx.getString(h) : undefined)
    const num = (h: QuickJSHandle) => (kindOf(h) === "number" ? ctx.getNumber(h) : NaN)
    // an ArrayBuffer by its class (native/ffi/qts_values.c: 2), read without running guest code
    const bytes = (h: QuickJSHandle | undefined): Uint8Array | undefined =>
      h && classOf(h) === 2 ? ctx.getArrayBuffer(h).consume((b) => b.value.slice()) : undefined
    const toGuest = (v: string | number | null | boolean | Uint8Array | undefined): QuickJSHandle => {
      if (v === undefined) return ctx.undefined
      if (v === null) return ctx.null
      if (typeof v === "boolean") return v ? ctx.true : ctx.false
      if (typeof v === "string") return ctx.newString(v)
      if (typeof v === "number") return ctx.newNumber(v)
      return ctx.newArrayBuffer(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer)
    }
    const list = (items: (string | number | null | boolean | Uint8Array | undefined)[]): QuickJSHandle => {
      const arr = ctx.newArray()
      items.forEach((v, i) => {
        const h = toGuest(v)
        ctx.setProp(arr, i, h)
        h.dispose()
      })
      return arr
    }
    const fns: Record<string, (...args: QuickJSHandle[]) => QuickJSHandle | undefined> = {
      spawn: (req, init, moved) => {
        const json = str(req)
        // (child_process passes no init and no ends)
        const ends = moved === undefined ? [] : ownEnds(this, str(moved))
        if (json === undefined || ends === undefined) return undefined
        const r = this.spawn(parseRequest(json), bytes(init), ends)
        return typeof r === "string" ? ctx.newString(r) : list(r)
      },
      spawnSync: (req, input) => {
        const json = str(req)
        if (json === undefined) return undefined
        return list(this.spawnSync(parseRequest(json), bytes(input)))
      },
      write: (id, data) => {
        const kid = this.kids.get(num(id))
        const chunk = str(data) ?? bytes(data)
        if (kid && !kid.done && chunk !== undefined) {
          const data = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk
          if (kid.link.stdio.buffered + data.length > MAX_STDIN_BYTES) throw queueFull("a child's stdin", MAX_STDIN_BYTES)
          kid.link.stdio.push(data)
        }
        return undefined
      },
      end: (id) => {
        this.kids.get(num(id))?.link.stdio.end()
        return undefined
      },
      kill: (id, signal) => ctx.newNumber(this.kill(num(id), str(signal) ?? "SIGTERM") ? 1 : 0),
      send: (id, data) => {
        const message = str(data) ?? bytes(data)
        if (message !== undefined) this.send(num(id), message)
        return undefined
      },
      disconnect: (id) => {
        this.disconnect(num(id))
        return undefined
      },
      take: () => {
        if (this.events.length === 0) return undefined
        const taken = this.events
        this.events = []
        this.dequeued(taken)
        const arr = ctx.newArray()
        taken.forEach((e, i) => {
          const h = list(e)
          ctx.setProp(arr, i, h)
          h.dispose()
        })
        return arr
      },
      pending: () => (this.events.length > 0 ? ctx.true : ctx.false),
      post: (id, data, moved) => {
        const chunk = bytes(data)
        const ends = ownEnds(this, str(moved))
        if (chunk !== undefined && ends !== undefined) this.post(num(id), chunk, ends)
        return undefined
      },
      openChannel: () => {
        const ch = channelsOf(this.group)
        const id = ch.next++
        ch.owners.set(id, [this, this])
        return ctx.newNumber(id)
      },
      portPost: (channel, end, data, moved) => {
        const c = num(channel)
        const e = num(end)
        const chunk = bytes(data)
        const ends = ownEnds(this, str(moved))
        const owners = channelsOf(this.group).owners.get(c)
        if (!owners || owners[e] !== this || chunk === undefined || ends === undefined) return undefined
        const to = owners[1 - e]
        if (!to) return undefined
        moveEnds(this, ends, to)
        to.deliver(["pmessage", c, 1 - e, chunk, JSON.stringify(ends)])
        return undefined
      },
      portClose: (channel, end) => {
        closeEnd(this, num(channel), num(end))
        return undefined
      },
      hasThread: (threadId) => (hasThread(this, num(threadId)) ? ctx.true : ctx.false),
      postToThread: (threadId, data, moved) => {
        const chunk = bytes(data)
        const ends = ownEnds(this, str(moved))
        if (chunk === undefined || ends === undefined) return ctx.newNumber(0)
        return ctx.newNumber(postToThread(this, num(threadId), chunk, ends))
      },
      threadReply: (id, result) => {
        threadReply(this, num(id), num(result))
        return undefined
      },
      workerInit: () => {
        const link = this.owner.link
        return link?.workerInit === undefined ? ctx.undefined : list([link.workerInit, JSON.stringify(link.workerInitEnds ?? [])])
      },
      workerError: (data) => {
        // no bytes: the worker ran out of memory (told without allocating: its heap is full)
        const chunk = data === undefined || ctx.typeof(data) === "undefined" ? new Uint8Array(0) : bytes(data)
        if (chunk !== undefined) this.owner.link?.toParentWorker?.("werror", chunk)
        return undefined
      },
      takeMessage: (id, channel, end) => {
        const taken = this.takeMessage(num(id), num(channel), num(end))
        return taken ? list(taken) : undefined
      },
      broadcast: (name, data) => {
        const channel = str(name)
        const chunk = bytes(data)
        if (channel === undefined || chunk === undefined) return undefined
        for (const member of this.group) if (member !== this) member.deliver(["bcast", channel, chunk])
        return undefined
      },
    }
    const obj = ctx.newObject()
    for (const [name, fn] of Object.entries(fns)) {
      const h = ctx.newFunction(name, fn)
      ctx.setProp(obj, name, h)
      h.dispose()
    }
    ctx.setProp(host, "children", obj)
    obj.dispose()
  }

  // A new child sandbox, or the errno name that stops it (Node's spawn fails with EAGAIN when
  // the system cannot make another process).
  private launch(req: SpawnRequest, input: Uint8Array | undefined, sync: boolean, init?: Uint8Array): Child | string {
    const mod = moduleChildren(this.owner.module)
    const depth = (this.owner.link?.depth ?? 0) + 1
    if (depth > MAX_CHILD_DEPTH || mod.live >= MAX_LIVE_CHILDREN) return "EAGAIN"
    const id = this.nextId++
    const parentBoot = this.owner.link?.boot
    // a worker is a thread of its parent's process: same pid
    const pid = req.worker ? (parentBoot?.pid ?? 1) : mod.nextPid++
    const limits = req.worker?.resourceLimits ?? {}
    // a worker gets no more memory than its parent has
    // (whole bytes, and no more than the engine can count: Node takes any size)
    const ownLimit = limits.maxOldGenerationSizeMb ? Math.min(Math.ceil(limits.maxOldGenerationSizeMb * MB), MAX_MEMORY_LIMIT) : undefined
    const parentLimit = this.owner.memoryLimit
    const memoryLimit = ownLimit === undefined ? parentLimit : parentLimit === undefined ? ownLimit : Math.min(ownLimit, parentLimit)
    const output = {
      pipe: (fd: 1 | 2, data: Uint8Array) => {
        if (kid.done) return
        if (sync) this.capture(kid, fd, data, req)
        else this.deliver(["data", kid.id, fd, data])
      },
      inherit: (fd: 1 | 2, data: string | Uint8Array) => this.owner.stdio.write(fd, data),
    }
    const stdinInput = req.stdio[0] === "inherit" ? this.owner.stdio.unread() : input
    const stdio = new ChildStdio(req.stdio, output, stdinInput)
    const link: ChildLink = {
      depth,
      parentRuntime: this.owner.runtime,
      stdio,
      deadline: this.owner.deadline(),
      killAt: sync && req.timeout > 0 ? Date.now() + req.timeout : undefined,
      killSignal: req.killSignal,
      boot: {
        pid,
        ppid: req.worker ? (parentBoot?.ppid ?? 0) : (parentBoot?.pid ?? 1),
        execArgv: req.execArgv,
        argv0: req.argv0,
        execPath: req.execPath ?? parentBoot?.execPath ?? NODE_PATH,
        ipc: req.ipc,
        stdinPipe: req.stdio[0] === "pipe",
        worker: req.worker && {
          threadId: mod.nextThreadId++,
          name: req.worker.name,
          clock: req.worker.clock && { startNs: req.worker.clock.startNs, timeOrigin: req.worker.clock.timeOrigin },
          resourceLimits: { maxYoungGenerationSizeMb: 0, maxOldGenerationSizeMb: 0, codeRangeSizeMb: 0, stackSizeMb: 4, ...limits },
        },
      },
      toParent: req.ipc ? (message) => kid.connected && this.deliver(["message", kid.id, message]) : undefined,
      disconnect: req.ipc ? () => this.disconnect(kid.id) : undefined,
      ...(req.worker && {
        workerInit: init,
        toParentWorker: (kind: "wmessage" | "werror", bytes: Uint8Array, ends: PortEnd[] = []) => {
          if (kid.done) return
          moveEnds(kid.sandbox.children, ends, this)
          this.deliver([kind, kid.id, bytes, JSON.stringify(ends)])
        },
        group: this.group,
        stackSize: limits.stackSizeMb ? Math.max(MIN_CHILD_STACK, Math.floor(limits.stackSizeMb * MB)) : undefined,
      }),
    }
    const kid = new Child(id, pid, link, req.ipc, req.worker !== undefined)
    try {
      kid.sandbox = this.owner.makeChild({ env: req.env, cwd: req.cwd, argv: req.args, memoryLimit }, link)
    } catch {
      // no stack or memory left for another runtime
      return "EAGAIN"
    }
    stdio.onInput = () => kid.sandbox.children.deliver(["stdin"])
    mod.live++
    this.kids.set(id, kid)
    return kid
  }

  private entry(req: SpawnRequest): [string, (string | number)[]] {
    if (req.mode === "file") return ["runMain", [req.file]]
    if (req.mode === "program") return ["runProgram", [req.file]]
    // a worker's eval (mode 3): a script named [worker eval], without -e's builtin globals
    return ["runEval", [req.file, req.worker ? 3 : ["eval", "print", "stdin"].indexOf(req.mode)]]
  }

  private spawn(req: SpawnRequest, init: Uint8Array | undefined, ends: PortEnd[] = []): string | (string | number)[] {
    const kid = this.launch(req, undefined, false, init)
    if (typeof kid === "string") return kid
    // the ports of workerData's transfer list: the worker's from now on
    if (kid.worker && ends.length > 0) {
      moveEnds(this, ends, kid.sandbox.children)
      kid.link.workerInitEnds = ends
    }
    const run = kid.sandbox.childSteps(...this.entry(req))
    const self = this
    // a worker is 'online' when its script starts: before any message it posts
    const steps = kid.worker
      ? (function* () {
          self.deliver(["online", kid.id])
          return yield* run
        })()
      : run
    const scheduler = moduleChildren(this.owner.module).schedulers.at(-1)
    if (scheduler) scheduler.add(kid, steps, (r) => this.finish(kid, r))
    else {
      // it starts after its parent's current turn, as a new process would be scheduled: what
      // the parent writes to its stdin meanwhile is there when it starts reading
      setTimeout(() => {
        kid.sandbox.driveSteps(steps).then(
          (r) => this.finish(kid, r),
          () => this.finish(kid, undefined),
        )
      }, 0)
    }
    return kid.link.boot.worker ? [kid.id, kid.pid, kid.link.boot.worker.threadId] : [kid.id, kid.pid]
  }

  // [status, signal, stdout, stderr, error code, pid]
  private spawnSync(req: SpawnRequest, input: Uint8Array | undefined): (string | number | null | Uint8Array)[] {
    const kid = this.launch({ ...req, stdio: [req.stdio[0] === "pipe" ? "ignore" : req.stdio[0], req.stdio[1], req.stdio[2]] }, input, true)
    if (typeof kid === "string") return [null, null, null, null, kid, 0]
    const mod = moduleChildren(this.owner.module)
    const scheduler = new SyncScheduler()
    mod.schedulers.push(scheduler)
    try {
      scheduler.add(kid, kid.sandbox.childSteps(...this.entry(req)), (r) => this.finish(kid, r))
      scheduler.run(kid, () => this.kill(kid.id, kid.link.killed ?? req.killSignal))
    } finally {
      mod.schedulers.pop()
      // fds 0-2 and the working directory are this sandbox's again
      this.owner.claim()
    }
    const out = req.stdio[1] === "pipe" ? concat(kid.captured[0]) : null
    const err = req.stdio[2] === "pipe" ? concat(kid.captured[1]) : null
    const error = kid.link.timedOut ? "ETIMEDOUT" : kid.overflow ? "ENOBUFS" : null
    return [kid.status, kid.signal, out, err, error, kid.pid]
  }

  private capture(kid: Child, fd: 1 | 2, data: Uint8Array, req: SpawnRequest): void {
    if (kid.overflow) return
    const i = fd - 1
    // as Node: the chunk that went past maxBuffer is kept, then the child is killed
    kid.captured[i].push(data)
    kid.capturedBytes[i] += data.length
    if (kid.capturedBytes[i] > req.maxBuffer) {
      kid.overflow = true
      this.kill(kid.id, req.killSignal)
    }
  }

  private finish(kid: Child, result: RunResult | undefined): void {
    if (kid.done) return
    kid.done = true
    moduleChildren(this.owner.module).live--
    if (kid.link.killed !== undefined) kid.signal = kid.link.killed
    else if (result === undefined) kid.signal = "SIGKILL"
    else kid.status = result.exitCode
    // its run is over; its own children went with it (endRun)
    kid.sandbox.dispose()
    closeAllEnds(kid.sandbox.children)
    dropRequests(kid.sandbox.children)
    this.group.delete(kid.sandbox.children)
    this.kids.delete(kid.id)
    if (kid.connected) {
      kid.connected = false
      this.deliver(["disconnect", kid.id])
    }
    this.deliver(["exit", kid.id, kid.status, kid.signal])
  }

  /** kill(2) of a child: false once it has exited. Signal 0 only asks. */
  private kill(id: number, signal: string): boolean {
    if (id === 0) {
      // the guest's process.kill of itself: its run ends as a process killed by `signal`
      if (this.owner.link && /^SIG[A-Z0-9]+$/.test(signal)) this.owner.link.killed ??= signal
      return true
    }
    const kid = this.kids.get(id)
    if (!kid || kid.done) return false
    if (signal === "0") return true
    kid.link.killed ??= signal
    kid.link.stdio.stop()
    // interrupts it if it runs (a spawnSync timeout), else ends its loop at its next step
    kid.sandbox.dispose()
    return true
  }

  private send(id: number, message: string | Uint8Array): void {
    if (id === 0) {
      this.owner.link?.toParent?.(message)
      return
    }
    const kid = this.kids.get(id)
    if (kid?.connected && !kid.done) kid.sandbox.children.deliver(["message", 0, message])
  }

  // A worker's message: to its parent (id 0), or from the parent to its worker `id`.
  private post(id: number, bytes: Uint8Array, ends: PortEnd[]): void {
    if (id === 0) {
      this.owner.link?.toParentWorker?.("wmessage", bytes, ends)
      return
    }
    const kid = this.kids.get(id)
    if (!kid?.worker || kid.done) return
    moveEnds(this, ends, kid.sandbox.children)
    kid.sandbox.children.deliver(["wmessage", 0, bytes, JSON.stringify(ends)])
  }

  /** This sandbox's thread id in its process (0: the main thread). */
  get threadId(): number {
    return this.owner.link?.boot.worker?.threadId ?? 0
  }

  // receiveMessageOnPort: the first message not yet taken by the loop for worker channel `id`
  // (0: the parent), or with id -1 for end `end` of MessageChannel `channel`.
  private takeMessage(id: number, channel: number, end: number): GuestEvent | undefined {
    const at = this.events.findIndex((e) =>
      id >= 0 ? e[0] === "wmessage" && e[1] === id : e[0] === "pmessage" && e[1] === channel && e[2] === end,
    )
    if (at < 0) return undefined
    const [event] = this.events.splice(at, 1)
    this.dequeued([event])
    return id >= 0 ? [event[2], event[3]] : [event[3], event[4]]
  }

  private disconnect(id: number): void {
    if (id === 0) {
      this.owner.link?.disconnect?.()
      return
    }
    const kid = this.kids.get(id)
    if (!kid?.connected) return
    kid.connected = false
    this.deliver(["disconnect", kid.id])
    if (!kid.done) kid.sandbox.children.deliver(["disconnect", 0])
  }

  /** The run is over: its children go too (a new run starts without them), and its events. */
  endRun(): void {
    // finished here, not at their loops' next step: the module's live count is right at once
    for (const kid of [...this.kids.values()]) {
      this.kill(kid.id, "SIGTERM")
      this.finish(kid, undefined)
    }
    closeAllEnds(this)
    dropRequests(this)
    this.dequeued(this.events)
    this.events = []
  }
}
