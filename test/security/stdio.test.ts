// Issue 13 item 3: the guest's stdio belongs to the sandbox. No path (process.stdin/stdout/
// stderr, fds 0-2, /dev/stdin|stdout|stderr, /dev/fd/N, /proc/self/fd/N) reads the host
// process's stdin or writes to its stdout/stderr; stdin is the `stdin` option, output reaches
// only the callbacks, bytes exact. Hosts run as child processes, with their real stdio piped.
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { createSandbox, newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

const dist = join(__dirname, "../../dist")
const dir = mkdtempSync(join(tmpdir(), "qjsw-stdio-"))
afterAll(() => {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true })
})

const SECRET = "SECRET-7f3a"

// Every way a guest may try to read stdin: what it got (text) or the error code.
const READ_STDIN = String.raw`
  const fs = require('fs')
  const got = {}
  const attempt = (name, fn) => { try { got[name] = fn() } catch (e) { got[name] = 'error ' + e.code } }
  attempt('readSync', () => { const b = Buffer.alloc(64); return b.toString('utf8', 0, fs.readSync(0, b)) })
  attempt('readFileSync(0)', () => fs.readFileSync(0, 'utf8'))
  attempt('/dev/stdin', () => fs.readFileSync('/dev/stdin', 'utf8'))
  attempt('/dev/fd/0', () => fs.readFileSync('/dev/fd/0', 'utf8'))
  attempt('/proc/self/fd/0', () => fs.readFileSync('/proc/self/fd/0', 'utf8'))
  attempt('open /dev/stdin', () => { const fd = fs.openSync('/dev/stdin', 'r'); const b = Buffer.alloc(64); const n = fs.readSync(fd, b); fs.closeSync(fd); return b.toString('utf8', 0, n) })
  console.log(JSON.stringify(got))
  let streamed = ''
  process.stdin.on('data', (d) => (streamed += d)).on('end', () => console.log(JSON.stringify({ 'process.stdin': streamed })))
`

// Every way a guest may write to stdout/stderr, each with its own marker.
const WRITE_ALL = String.raw`
  const fs = require('fs')
  console.log('M-console-log')
  console.error('M-console-error')
  process.stdout.write('M-process-stdout\n')
  process.stderr.write('M-process-stderr\n')
  fs.writeSync(1, 'M-fd1\n')
  fs.writeSync(2, 'M-fd2\n')
  fs.writeFileSync('/dev/stdout', 'M-dev-stdout\n')
  fs.writeFileSync('/dev/stderr', 'M-dev-stderr\n')
  try { fs.writeFileSync('/dev/fd/1', 'M-dev-fd-1\n') } catch (e) {}
  try { fs.writeFileSync('/dev/fd/2', 'M-dev-fd-2\n') } catch (e) {}
  try { fs.writeFileSync('/proc/self/fd/1', 'M-proc-fd-1\n') } catch (e) {}
  const fd = fs.openSync('/dev/stdout', 'w'); fs.writeSync(fd, 'M-open-dev-stdout\n'); fs.closeSync(fd)
`
const MARKERS_OUT = ["M-console-log", "M-process-stdout", "M-fd1", "M-dev-stdout", "M-dev-fd-1", "M-open-dev-stdout"]
const MARKERS_ERR = ["M-console-error", "M-process-stderr", "M-fd2", "M-dev-stderr", "M-dev-fd-2"]

// A host program: runs `code` in a sandbox (or, with `worker`, in a worker thread that does),
// twice, collecting the callbacks; prints one line "RESULT <json>" and nothing else of its own.
function writeHost(name: string, code: string, worker = false): string {
  const file = join(dir, name)
  const body = `
    const { createSandbox } = await import(${JSON.stringify(join(dist, "index.mjs"))})
    const code = ${JSON.stringify(code)}
    const out = [], err = []
    const sandbox = await createSandbox({ stdout: (t) => out.push(t), stderr: (t) => err.push(t) })
    const first = await sandbox.run(code)
    const second = await sandbox.run(code)
    sandbox.dispose()
    const result = { first: first.exitCode, firstError: first.error, second: second.exitCode, out: out.join(''), err: err.join('') }
  `
  const source = worker
    ? `import { Worker, isMainThread, parentPort } from 'node:worker_threads'
       if (isMainThread) {
         const w = new Worker(new URL(import.meta.url))
         w.on('message', (r) => { process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n'); w.terminate() })
         w.on('error', (e) => { process.stdout.write('RESULT ' + JSON.stringify({ workerError: String(e) }) + '\\n') })
       } else {
         ${body}
         parentPort.postMessage(result)
       }`
    : `${body}
       process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n')`
  writeFileSync(file, source)
  return file
}

// Runs `file` with `input` on its stdin (closed after it), or with an empty stdin kept open.
function runHost(file: string, input: string | null): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (t) => (stdout += t))
    child.stderr.setEncoding("utf8").on("data", (t) => (stderr += t))
    if (input !== null) child.stdin.end(input)
    // an old build blocks reading a pipe that stays open: that is a failure, not a hang
    const timer = setTimeout(() => child.kill("SIGKILL"), 15000)
    child.on("close", (code) => {
      clearTimeout(timer)
      child.stdin.destroy()
      resolve({ stdout, stderr, code })
    })
  })
}

function resultOf(stdout: string) {
  const lines = stdout.split("\n").filter(Boolean)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^RESULT /)
  return JSON.parse(lines[0]!.slice("RESULT ".length))
}

const EMPTY_READS = {
  readSync: "",
  "readFileSync(0)": "",
  "/dev/stdin": "",
  "/dev/fd/0": "",
  "/proc/self/fd/0": "error ENOENT",
  "open /dev/stdin": "",
}

describe("guest stdin is the sandbox's, never the host's", () => {
  for (const [label, input, worker] of [
    ["a secret piped to the host", `${SECRET}\n`, false],
    ["an empty pipe left open", null, false],
    ["a secret piped to a host whose sandbox runs in a worker thread", `${SECRET}\n`, true],
    ["an empty pipe left open, sandbox in a worker thread", null, true],
  ] as const) {
    it(`reads see end of file on every path with ${label}, run after run`, async () => {
      const host = writeHost(`read-${label.replace(/\W+/g, "-")}.mjs`, READ_STDIN, worker)
      const r = await runHost(host, input)
      expect(r.stdout + r.stderr).not.toContain(SECRET)
      const result = resultOf(r.stdout)
      expect(result).toMatchObject({ first: 0, second: 0, err: "" })
      const lines = result.out
        .split("\n")
        .filter(Boolean)
        .map((l: string) => JSON.parse(l))
      const run = [EMPTY_READS, { "process.stdin": "" }]
      expect(lines).toEqual([...run, ...run])
      expect(r.code).toBe(0)
    }, 20000)
  }
})

describe("guest output reaches only the callbacks", () => {
  it("fds 1/2, /dev/stdout|stderr, /dev/fd/N and process streams never write to the host's stdio", async () => {
    const r = await runHost(writeHost("write.mjs", WRITE_ALL), "")
    for (const m of [...MARKERS_OUT, ...MARKERS_ERR]) expect(r.stderr).not.toContain(m)
    const result = resultOf(r.stdout)
    expect(result).toMatchObject({ first: 0, second: 0 })
    const once = (markers: string[]) => markers.map((m) => `${m}\n`).join("")
    expect(result.out).toBe(once(MARKERS_OUT).repeat(2))
    expect(result.err).toBe(once(MARKERS_ERR).repeat(2))
  }, 20000)

  it("a bare module (no sandbox) neither reads the host's stdin nor writes to its stdio", async () => {
    const file = join(dir, "bare.mjs")
    writeFileSync(
      file,
      `import { newQuickJSWASMModuleWithWasmFS } from ${JSON.stringify(join(dist, "index.mjs"))}
       const m = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: false })
       const ctx = m.newContext()
       const r = ctx.evalCode(\`import * as fs from 'node:fs';
         globalThis.got = fs.readFileSync('/dev/stdin', 'utf8') + '|' + fs.readSync(0, new Uint8Array(8));
         fs.writeSync(1, 'M-bare-fd1\\\\n'); fs.writeSync(2, 'M-bare-fd2\\\\n');
         fs.writeFileSync('/dev/stdout', 'M-bare-dev-stdout\\\\n');\`, 'bare.mjs', { type: 'module' })
       const got = ctx.getProp(ctx.global, 'got').consume(ctx.dump)
       process.stdout.write('RESULT ' + JSON.stringify({ error: r.error ? ctx.dump(r.error) : null, got }) + '\\n')`,
    )
    const r = await runHost(file, `${SECRET}\n`)
    expect(r.stdout + r.stderr).not.toMatch(/SECRET|M-bare/)
    expect(resultOf(r.stdout)).toEqual({ error: null, got: "|0" })
  }, 20000)

  it("a context with Node's globals never reads the host's stdin; its output goes where nodeGlobals says", async () => {
    const file = join(dir, "node-context.mjs")
    writeFileSync(
      file,
      `import { newQuickJSWASMModuleWithWasmFS } from ${JSON.stringify(join(dist, "index.mjs"))}
       const code = \`const fs = require('fs');
         globalThis.got = fs.readFileSync('/dev/stdin', 'utf8') + '|' + fs.readSync(0, new Uint8Array(8));
         console.log('M-console'); fs.writeSync(1, 'M-fd1\\\\n'); fs.writeFileSync('/dev/stderr', 'M-dev-stderr\\\\n'); got\`
       const plain = (await newQuickJSWASMModuleWithWasmFS()).newContext()
       const a = plain.dump(plain.unwrapResult(plain.evalCode(code)))
       let out = ''
       const told = (await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { stdout: (t) => out += t, stderr: (t) => out += t } })).newContext()
       const b = told.dump(told.unwrapResult(told.evalCode(code)))
       process.stdout.write('RESULT ' + JSON.stringify({ a, b, out }) + '\\n')`,
    )
    const r = await runHost(file, `${SECRET}\n`)
    expect(r.stdout + r.stderr).not.toContain(SECRET)
    // the default: the host's own streams, as a sandbox's
    expect(r.stdout.startsWith("M-console\nM-fd1\n")).toBe(true)
    expect(r.stderr).toBe("M-dev-stderr\n")
    expect(resultOf(r.stdout.slice("M-console\nM-fd1\n".length))).toEqual({ a: "|0", b: "|0", out: "M-console\nM-fd1\nM-dev-stderr\n" })
  }, 20000)

  it("a bare module's stdio can be given in its Emscripten module options", async () => {
    const written: [number, string][] = []
    let given = false
    const qjswStdio = {
      read(into: Uint8Array) {
        if (given) return 0
        given = true
        into.set([0x68, 0x69])
        return 2
      },
      write: (fd: number, bytes: Uint8Array) => written.push([fd, Buffer.from(bytes).toString("latin1")]),
    }
    const module = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: false, emscriptenModule: { qjswStdio } as never })
    const ctx = module.newContext()
    const r = ctx.evalCode(
      `import * as fs from 'node:fs'; globalThis.got = fs.readFileSync('/dev/stdin', 'latin1');
      fs.writeSync(2, new Uint8Array([0xff])); fs.writeFileSync('/dev/stdout', 'out')`,
      "bare.mjs",
      { type: "module" },
    )
    expect(r.error).toBeUndefined()
    ctx.unwrapResult(r).dispose()
    expect(ctx.getProp(ctx.global, "got").consume(ctx.dump)).toBe("hi")
    expect(written).toEqual([
      [2, "\xff"],
      [1, "out"],
    ])
    ctx.dispose()
  })

  it("binary output arrives byte for byte through the bytes callbacks", async () => {
    const outBytes: Uint8Array[] = []
    const errBytes: Uint8Array[] = []
    let text = ""
    const sandbox = await createSandbox({
      stdoutBytes: (b) => outBytes.push(b),
      stderrBytes: (b) => errBytes.push(b),
      stdout: (t) => (text += t),
    })
    try {
      const r = await sandbox.run(`
        const fs = require('fs')
        const all = Buffer.alloc(256); for (let i = 0; i < 256; i++) all[i] = i
        process.stdout.write(all)
        fs.writeSync(1, all.subarray(128))
        fs.writeFileSync('/dev/stdout', Buffer.from([0xe2, 0x82]))
        process.stdout.write(Buffer.from([0xac]))
        fs.writeFileSync('/dev/stderr', all.subarray(0, 16))
      `)
      expect(r.exitCode).toBe(0)
      const all = Uint8Array.from({ length: 256 }, (_, i) => i)
      const expected = Buffer.concat([all, all.subarray(128), Buffer.from([0xe2, 0x82, 0xac])])
      expect(Buffer.concat(outBytes).equals(expected)).toBe(true)
      expect(Buffer.concat(errBytes).equals(Buffer.from(all.subarray(0, 16)))).toBe(true)
      // the text form decodes across writes: the euro sign split in two stays whole
      expect(text.endsWith("\u20ac")).toBe(true)
    } finally {
      sandbox.dispose()
    }
  })
})

describe("the stdin option", () => {
  const READ = `const fs = require('fs'); const b = fs.readFileSync(0); console.log(b.toString('hex'), fs.readSync(0, Buffer.alloc(4)))`
  async function reads(
    stdin: Parameters<typeof createSandbox>[0] extends infer O ? (O extends { stdin?: infer S } ? S : never) : never,
    runs = 1,
  ) {
    let out = ""
    const sandbox = await createSandbox({ stdin, stdout: (t) => (out += t) })
    try {
      for (let i = 0; i < runs; i++) expect((await sandbox.run(READ)).exitCode).toBe(0)
      return out
    } finally {
      sandbox.dispose()
    }
  }

  it("takes a string (as UTF-8), bytes exactly, or an (async) iterable of chunks", async () => {
    expect(await reads("h\u00e9")).toBe("68c3a9 0\n")
    expect(await reads(new Uint8Array([0, 0xff, 0xfe]))).toBe("00fffe 0\n")
    async function* chunks() {
      yield "a"
      await new Promise((r) => setTimeout(r, 5))
      yield new Uint8Array([0xff])
      yield "b"
    }
    expect(await reads(chunks())).toBe("61ff62 0\n")
    expect(await reads(["x", new Uint8Array([1])])).toBe("7801 0\n")
  })

  it("each run reads it from the start; a run may have its own", async () => {
    expect(await reads("abc", 2)).toBe("616263 0\n616263 0\n")
    let out = ""
    const sandbox = await createSandbox({ stdin: "default", stdout: (t) => (out += t), stderr: () => {} })
    try {
      await sandbox.run(`require('fs').closeSync(0); process.stdin.resume()`)
      await sandbox.run(READ, { stdin: "own" })
      await sandbox.run(READ)
      expect(out).toBe(`${Buffer.from("own").toString("hex")} 0\n${Buffer.from("default").toString("hex")} 0\n`)
    } finally {
      sandbox.dispose()
    }
  })

  it("process.stdin is a Readable of it that ends", async () => {
    let out = ""
    const sandbox = await createSandbox({ stdin: "line one\nline two\n", stdout: (t) => (out += t) })
    try {
      const r = await sandbox.run(`
        (async () => {
          let text = ''
          for await (const chunk of process.stdin) text += chunk
          console.log(JSON.stringify(text.split('\\n')))
        })()
      `)
      expect(r.exitCode).toBe(0)
      expect(out).toBe('["line one","line two",""]\n')
    } finally {
      sandbox.dispose()
    }
  })

  it("the module's fds reach whichever sandbox of a shared module runs", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    let a = ""
    let b = ""
    const sa = await createSandbox({ module, stdin: "for a", stdout: (t) => (a += t) })
    const sb = await createSandbox({ module, stdin: "for b", stdout: (t) => (b += t) })
    const code = `const fs = require('fs'); fs.writeSync(1, fs.readFileSync('/dev/stdin', 'utf8') + '\\n')`
    await sb.run(code)
    await sa.run(code)
    expect([a, b]).toEqual(["for a\n", "for b\n"])
    sa.dispose()
    sb.dispose()
  })
})

describe("the CLI", () => {
  it("gives the script its own stdin and writes the script's bytes as they are", () => {
    const script = join(dir, "cat.js")
    writeFileSync(
      script,
      `const fs = require('fs'); const b = fs.readFileSync(0); process.stdout.write(Buffer.concat([Buffer.from([0xff, 0]), b])); fs.writeSync(2, b.length + '\\n')`,
    )
    const input = Buffer.from([0x68, 0x69, 0x80, 0xfe, 0x0a])
    const r = spawnSync(process.execPath, [join(dist, "cli.mjs"), "run", script], { input })
    expect(r.status).toBe(0)
    expect(r.stdout.equals(Buffer.concat([Buffer.from([0xff, 0]), input]))).toBe(true)
    expect(r.stderr.toString()).toBe("5\n")
  })
})
