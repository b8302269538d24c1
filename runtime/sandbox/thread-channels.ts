// MessageChannel ports and postMessageToThread between the sandboxes of one process (a thread group:
// a main sandbox or child process and its workers): which sandbox holds each port end, what is asked.
import type { ChildProcesses } from "./child-processes"

/** One end of a MessageChannel whose ports live in different threads: [channel, 0 or 1]. */
export type PortEnd = [number, number]

/** Sandboxes that are one Node process: a main sandbox (or a child process) and its workers,
 *  which BroadcastChannel messages reach. */
export type ThreadGroup = Set<ChildProcesses>

// The channels of a thread group: which sandbox holds each end (null once closed).
interface Channels {
  next: number
  owners: Map<number, [ChildProcesses | null, ChildProcesses | null]>
  // postMessageToThread's messages awaiting their answer: who asked, who must answer
  nextRequest: number
  requests: Map<number, { source: ChildProcesses; target: ChildProcesses }>
}
const groupChannels = new WeakMap<ThreadGroup, Channels>()
export function channelsOf(group: ThreadGroup): Channels {
  let c = groupChannels.get(group)
  if (!c) groupChannels.set(group, (c = { next: 1, owners: new Map(), nextRequest: 1, requests: new Map() }))
  return c
}
const isEnd = (e: unknown): e is PortEnd => Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && (e[1] === 0 || e[1] === 1)

// Whether another thread of `self`'s process has that id.
export function hasThread(self: ChildProcesses, threadId: number): boolean {
  for (const member of self.group) if (member !== self && member.threadId === threadId) return true
  return false
}

// postMessageToThread: the message goes to the thread of `self`'s process with that id, which
// answers with threadReply; returns the request's id, or 0 when there is no such thread.
export function postToThread(self: ChildProcesses, threadId: number, bytes: Uint8Array, ends: PortEnd[]): number {
  let target: ChildProcesses | undefined
  for (const member of self.group) if (member !== self && member.threadId === threadId) target = member
  if (!target) return 0
  const ch = channelsOf(self.group)
  const id = ch.nextRequest++
  target.deliver(["tmessage", id, self.threadId, bytes, JSON.stringify(ends)])
  moveEnds(self, ends, target)
  ch.requests.set(id, { source: self, target })
  return id
}

// The answer to request `id`, from the thread it went to only.
export function threadReply(self: ChildProcesses, id: number, result: number): void {
  const requests = channelsOf(self.group).requests
  const request = requests.get(id)
  if (!request || request.target !== self) return
  requests.delete(id)
  if (self.group.has(request.source) && [0, 1, 2].includes(result)) request.source.deliver(["treply", id, result])
}

// A thread that ends answers nothing more; what it asked is forgotten.
export function dropRequests(self: ChildProcesses): void {
  const requests = channelsOf(self.group).requests
  for (const [id, r] of requests) if (r.source === self || r.target === self) requests.delete(id)
}

// The port ends a message moves, as the guest listed them: each must be `self`'s.
export function ownEnds(self: ChildProcesses, json: string | undefined): PortEnd[] | undefined {
  if (json === undefined) return []
  let ends: unknown
  try {
    ends = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(ends) || !ends.every(isEnd)) return undefined
  const owners = channelsOf(self.group).owners
  return ends.every(([c, e]) => owners.get(c)?.[e] === self) ? ends : undefined
}

/** Hands port ends to the sandbox their message goes to. */
export function moveEnds(self: ChildProcesses, ends: PortEnd[], to: ChildProcesses): void {
  const owners = channelsOf(self.group).owners
  for (const [c, e] of ends) {
    const pair = owners.get(c)
    if (pair?.[e] === self) pair[e] = to
  }
}

export function closeEnd(self: ChildProcesses, c: number, e: number): void {
  const owners = channelsOf(self.group).owners
  const pair = owners.get(c)
  if (!pair || pair[e] !== self) return
  pair[e] = null
  const other = pair[1 - e]
  if (other) other.deliver(["pclose", c, 1 - e])
  else owners.delete(c)
}

// A thread that ends closes the ends it holds: their other ends hear 'close'.
export function closeAllEnds(self: ChildProcesses): void {
  for (const [c, pair] of channelsOf(self.group).owners) {
    for (const e of [0, 1]) if (pair[e] === self) closeEnd(self, c, e)
  }
}
