// A child process's standard streams (child_process in the guest: runtime/sandbox/child-processes.ts).
// Its stdin is a pipe its parent writes while both run, or what the parent had left to read;
// its output goes to the parent: as pipe data for the parent's guest, into the parent's own
// stdout/stderr ('inherit'), or nowhere ('ignore'). Never to the host's streams directly.

export type StdioMode = "pipe" | "inherit" | "ignore"

const encoder = new TextEncoder()

// The guest's read(2) of an empty pipe whose writer is still open: EAGAIN (WASI's number; the
// binding gives the guest libuv's), so process.stdin waits for the parent's next write.
const EAGAIN = -6

export interface ChildOutput {
  /** Bytes the child wrote on fd 1 or 2 of a 'pipe' stream. */
  pipe(fd: 1 | 2, bytes: Uint8Array): void
  /** The same for 'inherit': the parent's own stdout/stderr. */
  inherit(fd: 1 | 2, data: string | Uint8Array): void
}

export class ChildStdio {
  private chunks: Uint8Array[] = []
  private ended: boolean
  // killed: what it writes while it winds down is not its output
  private stopped = false
  /** Told when the child's stdin gets data or its end (the child's loop may be waiting). */
  onInput: (() => void) | undefined

  constructor(
    private readonly modes: readonly [StdioMode, StdioMode, StdioMode],
    private readonly output: ChildOutput,
    input?: Uint8Array,
  ) {
    // a 'pipe' stays open for the parent's writes; anything else is all there at the start
    this.ended = modes[0] !== "pipe"
    if (input?.length) {
      this.chunks.push(input)
      this.buffered = input.length
    }
  }

  /** Bytes written to the child's stdin that it has not read yet. */
  buffered = 0

  /** The parent's write to the child's stdin. */
  push(bytes: Uint8Array): void {
    if (this.ended || bytes.length === 0) return
    this.chunks.push(bytes)
    this.buffered += bytes.length
    this.onInput?.()
  }

  end(): void {
    if (this.ended) return
    this.ended = true
    this.onInput?.()
  }

  // A run starts with the input it has: a child runs once.
  begin(): void {}

  /** A grandchild given 'inherit' for stdin: a copy of what is here now, ended. */
  unread(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0))
    let at = 0
    for (const c of this.chunks) {
      out.set(c, at)
      at += c.length
    }
    return out
  }

  read(into: Uint8Array): number {
    let n = 0
    while (n < into.length && this.chunks.length > 0) {
      const chunk = this.chunks[0]
      const take = Math.min(chunk.length, into.length - n)
      into.set(chunk.subarray(0, take), n)
      n += take
      if (take === chunk.length) this.chunks.shift()
      else this.chunks[0] = chunk.subarray(take)
    }
    this.buffered -= n
    if (n > 0 || this.ended) return n
    return EAGAIN
  }

  stop(): void {
    this.stopped = true
  }

  write(fd: number, data: string | Uint8Array): void {
    if (this.stopped) return
    const stream = fd === 2 ? 2 : 1
    const mode = this.modes[stream]
    if (mode === "pipe") this.output.pipe(stream, typeof data === "string" ? encoder.encode(data) : data)
    else if (mode === "inherit") this.output.inherit(stream, data)
  }
}
