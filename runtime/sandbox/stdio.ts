// The guest's standard streams, on the host side. Every way the guest reaches them (process.stdout
// and friends, fds 0-2, /dev/stdin|stdout|stderr, /dev/fd/N: native/wasmfs/stdio.cpp) ends here, never
// at the host process's own stdio: stdin is the sandbox's `stdin` option, output goes to its
// callbacks.

import type { StdinOption } from "../module/host-types"

export type { StdinOption }

/** The module-wide hooks native/glue/host_callbacks.js calls (Module.qjswStdio). */
export interface StdioHooks {
  read(into: Uint8Array): number
  write(fd: number, bytes: Uint8Array): void
}

export interface OutputOptions {
  stdout?: (text: string) => void
  stderr?: (text: string) => void
  stdoutBytes?: (bytes: Uint8Array) => void
  stderrBytes?: (bytes: Uint8Array) => void
}

const encoder = new TextEncoder()

function toBytes(chunk: string | Uint8Array): Uint8Array {
  if (typeof chunk === "string") return encoder.encode(chunk)
  if (chunk instanceof Uint8Array) return chunk
  throw new TypeError("stdin chunks must be strings or Uint8Arrays")
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/** All of `input`, read to its end (an async source is awaited). */
export async function readStdin(input: StdinOption | undefined): Promise<Uint8Array> {
  if (input === undefined) return new Uint8Array(0)
  if (typeof input === "string") return encoder.encode(input)
  if (input instanceof Uint8Array) return input.slice()
  const chunks: Uint8Array[] = []
  if (Symbol.asyncIterator in input) for await (const c of input as AsyncIterable<string | Uint8Array>) chunks.push(toBytes(c).slice())
  else if (Symbol.iterator in input) for (const c of input as Iterable<string | Uint8Array>) chunks.push(toBytes(c).slice())
  else throw new TypeError("stdin must be a string, a Uint8Array or an (async) iterable of them")
  return concat(chunks)
}

// The host's own stream in Node (bytes as they are); the browser console otherwise.
function hostStream(name: "stdout" | "stderr"): ((bytes: Uint8Array) => void) | undefined {
  const host = (globalThis as unknown as { process?: { [k: string]: { write?(b: Uint8Array): unknown } | undefined } }).process?.[name]
  return host?.write ? (b) => void host.write!(b) : undefined
}
function consoleText(name: "stdout" | "stderr"): (text: string) => void {
  return name === "stdout" ? (t) => console.log(t.replace(/\n$/, "")) : (t) => console.error(t.replace(/\n$/, ""))
}

// One output stream: each chunk goes to the bytes callback exactly and to the text callback as
// UTF-8 text (decoded across chunks, so a character split between writes stays whole).
export class Output {
  private decoder: TextDecoder | undefined
  constructor(
    private readonly text: ((text: string) => void) | undefined,
    private readonly bytes: ((bytes: Uint8Array) => void) | undefined,
  ) {}

  write(data: string | Uint8Array): void {
    if (this.bytes) this.bytes(typeof data === "string" ? encoder.encode(data) : data)
    if (!this.text) return
    if (typeof data === "string") {
      const pending = this.decoder?.decode() ?? ""
      this.decoder = undefined
      this.text(pending + data)
      return
    }
    this.decoder ??= new TextDecoder("utf-8")
    const text = this.decoder.decode(data, { stream: true })
    if (text) this.text(text)
  }
}

/** A sandbox's stdio: the input of the current run, and the output callbacks. */
export class GuestStdio implements StdioHooks {
  private readonly out: Output
  private readonly err: Output
  private input: Uint8Array = new Uint8Array(0)
  private position = 0

  constructor(options: OutputOptions) {
    const pick = (name: "stdout" | "stderr", text?: (t: string) => void, bytes?: (b: Uint8Array) => void) => {
      if (text || bytes) return new Output(text, bytes)
      const host = hostStream(name)
      return host ? new Output(undefined, host) : new Output(consoleText(name), undefined)
    }
    this.out = pick("stdout", options.stdout, options.stdoutBytes)
    this.err = pick("stderr", options.stderr, options.stderrBytes)
  }

  /** A run reads `input` from its start. */
  begin(input: Uint8Array): void {
    this.input = input
    this.position = 0
  }

  /** What this run has not read yet (a child process given 'inherit' for stdin reads it too). */
  unread(): Uint8Array {
    return this.input.slice(this.position)
  }

  read(into: Uint8Array): number {
    const n = Math.min(into.length, this.input.length - this.position)
    into.set(this.input.subarray(this.position, this.position + n))
    this.position += n
    return n
  }

  write(fd: number, data: string | Uint8Array): void {
    ;(fd === 2 ? this.err : this.out).write(data)
  }
}
