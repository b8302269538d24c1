// Issue 13, items 8 and 12 (process.kill): a run starts as a new process would, whatever the
// runs before it left behind; process.kill answers as Node's.
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { createSandbox, type Sandbox } from "../../dist/index.mjs"

async function sandboxWithOutput(options: Parameters<typeof createSandbox>[0] = {}) {
  const out = { stdout: "", stderr: "" }
  const sandbox: Sandbox = await createSandbox({
    ...options,
    stdout: (t: string) => void (out.stdout += t),
    stderr: (t: string) => void (out.stderr += t),
  })
  const run = async (code: string, file?: string) => {
    out.stdout = out.stderr = ""
    const started = Date.now()
    const result = file ? await sandbox.runFile(file) : await sandbox.run(code)
    return { ...result, ...out, ms: Date.now() - started }
  }
  return { sandbox, run }
}

describe("runs do not leak into later runs", () => {
  it("process.exit(7) and process.exitCode = 7 do not set the next run's exit code", async () => {
    const { sandbox, run } = await sandboxWithOutput()
    expect((await run("process.exit(7)")).exitCode).toBe(7)
    expect(await run("console.log('clean')")).toMatchObject({ exitCode: 0, stdout: "clean\n" })
    expect((await run("process.exitCode = 7")).exitCode).toBe(7)
    expect(await run("console.log(process.exitCode)")).toMatchObject({ exitCode: 0, stdout: "undefined\n" })
    sandbox.dispose()
  })

  it("a server a run left listening is gone in the next run: its port refuses and is free", async () => {
    const { sandbox, run } = await sandboxWithOutput()
    const first = await run(
      "const s = require('net').createServer((c) => c.end('from run 1')).listen(4321, () => { console.log(s.address().port); process.exit(0) })",
    )
    expect(first).toMatchObject({ exitCode: 0, stdout: "4321\n" })
    const second = await run(`
      const net = require('net');
      net.connect(4321).on('error', (e) => {
        console.log(e.code);
        const s = net.createServer().listen(4321, () => { console.log('listening', s.address().port); s.close() });
      });`)
    expect(second).toMatchObject({ exitCode: 0, stdout: "ECONNREFUSED\nlistening 4321\n", stderr: "" })
    sandbox.dispose()
  })

  it("no socket of an earlier run answers in the next: a kept-alive agent socket is closed with its run", async () => {
    const { sandbox, run } = await sandboxWithOutput({ timeout: 10_000 })
    // run 1 leaves a server and, in http's global agent, a free keep-alive socket to it
    await run(`const http = require('http');
      globalThis.first = http.createServer((req, res) => res.end('from run 1')).listen(4444, () => {
        http.get('http://127.0.0.1:4444/', (res) => { res.resume(); res.on('end', () => setImmediate(() => process.exit(0))); });
      });`)
    const second = await run(`const http = require('http');
      console.log('listening', globalThis.first.listening);
      const s = http.createServer((req, res) => res.end('from run 2')).listen(4444, () => {
        http.get('http://127.0.0.1:4444/', (res) => {
          let body = '';
          res.on('data', (d) => { body += d; });
          res.on('end', () => { console.log(body); s.close(); });
        });
      });`)
    expect(second).toMatchObject({ exitCode: 0, stdout: "listening false\nfrom run 2\n", stderr: "" })
    sandbox.dispose()
  })

  it("a server left listening keeps its run waiting, as it keeps Node's process alive; dispose() ends it", async () => {
    const sandbox = await createSandbox({ timeout: 1000, stdout: () => {}, stderr: () => {} })
    let settled: unknown = "pending"
    sandbox.run("require('http').createServer().listen(0)").then(
      (r) => (settled = r),
      (e: Error) => (settled = e.message),
    )
    await new Promise((r) => setTimeout(r, 1300))
    expect(settled).toBe("pending")
    sandbox.dispose()
    await new Promise((r) => setTimeout(r, 50))
    expect(settled).toMatch(/disposed/)
    const next = await sandboxWithOutput()
    expect(await next.run("console.log('fine')")).toMatchObject({ exitCode: 0, stdout: "fine\n" })
    next.sandbox.dispose()
  })

  it("an exit after process.exit still emits 'exit' in the next run", async () => {
    const { sandbox, run } = await sandboxWithOutput()
    await run("process.exit(3)")
    expect(await run("process.on('exit', (c) => console.log('exit', c))")).toMatchObject({ exitCode: 0, stdout: "exit 0\n" })
    sandbox.dispose()
  })

  it("a setInterval left by a timed-out run neither runs nor interrupts later runs", async () => {
    const { sandbox, run } = await sandboxWithOutput({ timeout: 300 })
    const first = await run("setInterval(() => console.log('tick'), 5); for (;;) {}")
    expect(first.exitCode).toBe(1)
    expect(first.error?.message).toMatch(/interrupted/)
    for (let i = 0; i < 2; i++) {
      const next = await run("console.log('fine')")
      expect(next).toMatchObject({ exitCode: 0, stdout: "fine\n", stderr: "" })
      expect(next.ms).toBeLessThan(250)
    }
    sandbox.dispose()
  })

  it("each run gets its own CPU budget, and sandbox.fs after a timed-out run is not interrupted", async () => {
    const { sandbox, run } = await sandboxWithOutput({ timeout: 300 })
    expect((await run("for (;;) {}")).exitCode).toBe(1)
    await new Promise((r) => setTimeout(r, 350))
    sandbox.fs.writeFileSync("/after.txt", "x".repeat(1 << 16))
    expect(sandbox.fs.readFileSync("/after.txt", "utf8")).toHaveLength(1 << 16)
    // busy for 200 ms: within its own budget, whatever time passed since the first run's
    expect(await run("const end = Date.now() + 200; while (Date.now() < end) {} console.log('done')")).toMatchObject({
      exitCode: 0,
      stdout: "done\n",
    })
    sandbox.dispose()
  })

  it("timers, immediates, ticks and promise jobs of an ended run do not run in the next", async () => {
    const { sandbox, run } = await sandboxWithOutput({ timeout: 300 })
    await run(`
      setTimeout(() => console.log('LEAK timeout'), 1);
      setImmediate(() => console.log('LEAK immediate'));
      process.nextTick(() => console.log('LEAK tick'));
      Promise.resolve().then(() => console.log('LEAK job'));
      require('fs').stat('/', () => console.log('LEAK fs callback'));
      process.exit(0);`)
    // a promise loop that never yields to the host: the timeout ends it with jobs queued
    expect((await run("(async () => { for (;;) await null })()")).exitCode).toBe(1)
    expect(await run("console.log('next')")).toMatchObject({ exitCode: 0, stdout: "next\n" })
    sandbox.dispose()
  })

  // The guest drains its ticks and promise jobs inside one entry (turn()): loops that never
  // leave that drain are stopped by the timeout like any busy guest, leave nothing queued, and
  // the job runner's frame mark (QuickJS patch 096) does not outlive them.
  it("endless tick, tick-and-job and throw-and-catch loops inside a turn end at the timeout; the next run is clean", async () => {
    const { sandbox, run } = await sandboxWithOutput({ timeout: 300 })
    const loops = [
      "(function tick() { process.nextTick(tick) })()",
      "(function pingPong() { process.nextTick(() => Promise.resolve().then(pingPong)) })()",
      "process.on('uncaughtException', () => {}); setInterval(() => { throw new Error('again') }, 0)",
      "process.on('uncaughtException', () => {}); (function tick() { process.nextTick(() => { tick(); throw new Error('again') }) })()",
    ]
    for (const loop of loops) {
      const ended = await run(loop)
      expect({ loop, exitCode: ended.exitCode, error: ended.error?.message }).toEqual({ loop, exitCode: 1, error: "interrupted" })
      const next = await run(`
        Promise.resolve().then(function job() { console.log(new Error('x').stack.split('\\n').slice(1).join('|')) });
        (async function outer() { await null; await (async function inner() { await null; throw new Error('y') })() })()
          .catch((e) => console.log(e.stack.split('\\n').slice(1).join('|')));`)
      expect({ loop, ...next, ms: 0 }).toEqual({
        loop,
        exitCode: 0,
        stdout: "    at job (/main.js:2:61)\n    at inner (/main.js:3:97)|    at async outer (/main.js:3:47)\n",
        stderr: "",
        ms: 0,
      })
    }
    sandbox.dispose()
  })

  it("a link retargeted between runs resolves anew, and so does a rewritten file's format", async () => {
    const { sandbox, run } = await sandboxWithOutput({
      files: { "/a/x.js": "module.exports = 'a';", "/b/x.js": "module.exports = 'b';", "/t/m.js": "module.exports = 'cjs';" },
    })
    expect(await run("require('fs').symlinkSync('/a', '/lib'); console.log(require('/lib/x.js'), require('/t/m.js'))")).toMatchObject({
      exitCode: 0,
      stdout: "a cjs\n",
    })
    // a new process would see the new target, and /t/n.js's module syntax
    const second = await run(`const fs = require('fs'); fs.unlinkSync('/lib'); fs.symlinkSync('/b', '/lib');
      fs.writeFileSync('/t/n.js', 'export default 1;');
      console.log(require('/lib/x.js'), require('/t/n.js').default)`)
    expect(second).toMatchObject({ exitCode: 0, stdout: "b 1\n" })
    sandbox.dispose()
  })

  it("umask, user ids, the process title and warning state are per run", async () => {
    const { sandbox, run } = await sandboxWithOutput()
    const probe = `
      const fs = require('fs');
      fs.mkdirSync('/m' + Date.now() + Math.random(), { recursive: true });
      console.log(process.umask().toString(8), process.getuid(), process.geteuid(), process.title);
      process.emitWarning('once', { code: 'X1' });
      Buffer(1);
      process.on('multipleResolves', () => {});
      new Promise((resolve) => { resolve(); resolve(); });
      require('zlib').createGzip().bytesRead;
      (globalThis.deprecatedOnce ??= require('util').deprecate(() => {}, 'made in the first run', 'DEP_QJSW_TEST'))();`
    const first = await run(probe)
    await run(`
      process.umask(0o777);
      process.setgid('nogroup');
      process.setuid('nobody');
      process.title = 'changed';
      process.noDeprecation = true;`)
    const again = await run(probe)
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toBe(first.stdout)
    expect(again.stdout).toMatch(/^22 0 0 /)
    // the warning is printed again: "once per process" is once per run
    expect(again.stderr).toBe(first.stderr)
    expect(again.stderr).toContain("[X1] Warning: once")
    // Node's once-per-process deprecations too (Buffer(), 'multipleResolves')
    expect(again.stderr).toContain("[DEP0005]")
    expect(again.stderr).toContain("[DEP0160]")
    // and those of util.deprecate, also of a function deprecated in an earlier run
    expect(again.stderr).toContain("[DEP0108]")
    expect(again.stderr).toContain("[DEP_QJSW_TEST] DeprecationWarning: made in the first run")
    sandbox.dispose()
  })

  // process.env.TZ changes the zone of the runtime whose env it is (native/bindings/intl.c keeps it per
  // runtime): another sandbox of the same Wasm module, a child process's own setting and a
  // disposed sandbox's leave the host's zone everywhere else.
  it("a time zone set through process.env.TZ stays with the sandbox (or child) that set it", async () => {
    const { newQuickJSWASMModuleWithWasmFS } = await import("../../dist/index.mjs")
    const module = await newQuickJSWASMModuleWithWasmFS()
    const hostHours = new Date(0).getHours()
    const probe = "console.log(new Date(0).getHours(), new Intl.DateTimeFormat().resolvedOptions().timeZone)"
    const outs: string[] = []
    const make = () => createSandbox({ module, stdout: (t: string) => void outs.push(t.trim()) })
    const a = await make()
    const b = await make()
    const host = `${hostHours} ${new Intl.DateTimeFormat().resolvedOptions().timeZone}`
    await a.run(`process.env.TZ = 'Asia/Tokyo'; ${probe}`)
    await b.run(probe)
    // a child process's own TZ is its own; its parent's zone is as before
    await b.run(`
      require('child_process').execFileSync(process.execPath, ['-e', "process.env.TZ = 'America/Lima'; console.log(new Date(0).getHours())"], { stdio: 'inherit' });
      ${probe}`)
    a.dispose()
    const c = await make()
    await c.run(probe)
    c.dispose()
    b.dispose()
    expect(outs).toEqual(["9 Asia/Tokyo", host, "19", host, host])
  })

  it("process listeners, fs.watch watchers and argv are per run", async () => {
    const { sandbox, run } = await sandboxWithOutput({ argv: ["x"], files: { "/argv.js": "console.log(JSON.stringify(process.argv))" } })
    const argv = JSON.stringify(["/usr/local/bin/node", "/argv.js", "x"])
    expect(await run("", "/argv.js")).toMatchObject({ exitCode: 0, stdout: `${argv}\n` })
    expect(await run("", "/argv.js")).toMatchObject({ exitCode: 0, stdout: `${argv}\n` })
    await run(`
      process.on('exit', () => { console.log('LEAK exit'); process.exitCode = 9; });
      process.on('beforeExit', () => console.log('LEAK beforeExit'));
      process.on('uncaughtException', () => console.log('LEAK swallowed'));
      require('fs').watch('/', () => {});
      process.exit(0);`)
    const next = await run("console.log(process.listenerCount('exit')); throw new Error('boom')")
    expect(next.exitCode).toBe(1)
    expect(next.stdout).toBe("0\n")
    expect(next.stderr).toContain("Error: boom")
    // the watcher is gone: the loop does not wait for changes
    expect(await run("require('fs').writeFileSync('/w.txt', '1')")).toMatchObject({ exitCode: 0, stdout: "" })
    sandbox.dispose()
  })

  it("node:process's named exports are read anew for each run (the module cache carries over)", async () => {
    // (two files: an ES module is evaluated once per sandbox, as its cache carries over)
    const code =
      "import { argv, exitCode } from 'node:process'; console.log(JSON.stringify(argv), exitCode); argv.push('LEAK'); process.exitCode = 3;"
    const { sandbox, run } = await sandboxWithOutput({ argv: ["x"], files: { "/a.mjs": code, "/b.mjs": code } })
    for (const file of ["/a.mjs", "/b.mjs"]) {
      const argv = JSON.stringify(["/usr/local/bin/node", file, "x"])
      expect(await run("", file)).toMatchObject({ exitCode: 3, stdout: `${argv} undefined\n` })
    }
    sandbox.dispose()
  })
})

describe("process.kill", () => {
  // Never a real signal to a real process: every case here fails its checks before kill(2) or
  // only probes (signal 0), so it is safe to run in the host's Node too.
  const cases = [
    "[0, 987]",
    "[0, -1]",
    "[0, 65]",
    "[0, -15]",
    "[0, 64.5]",
    "[0, 1.5]",
    "[0, '15']",
    "[0, true]",
    "[0, {}]",
    "[0, 'SIGFOO']",
    "[0, 'sigterm']",
    "[0, 2 ** 31]",
    "[0, 2 ** 32 + 28]",
    "['abc']",
    "[NaN]",
    "[1.5]",
    "[2 ** 31]",
    "[-(2 ** 31) - 1]",
    "[99999999, 0]",
    "[99999999, 'SIGTERM']",
    "[99999999]",
    "[process.pid, 0]",
    "[0, 0]",
    "[String(process.pid), 0]",
  ]
  const script = `
    for (const args of [${cases.join(", ")}]) {
      const shown = JSON.stringify(args.map((a) => (a === process.pid ? 'PID' : a === String(process.pid) ? 'STRING PID' : a)));
      try { console.log(shown, 'returned', process.kill(...args)); }
      catch (e) { console.log(shown, e.name, e.code, e.errno, e.syscall, JSON.stringify(e.message)); }
    }`

  it("throws Node's errors for bad pids and signals (differential)", async () => {
    const node = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" })
    expect(node.status).toBe(0)
    const { sandbox, run } = await sandboxWithOutput()
    const result = await run(script)
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toBe(node.stdout)
    expect(result.stdout).toContain('[0,987] Error EINVAL -22 kill "kill EINVAL"')
  })

  it("a signal to its own pid: listeners get it; otherwise the run ends with 128 + n, without 'exit'", async () => {
    const { sandbox, run } = await sandboxWithOutput()
    expect(await run("process.on('exit', () => console.log('exit')); process.kill(process.pid); console.log('after')")).toMatchObject({
      exitCode: 143,
      stdout: "",
    })
    expect(await run("process.kill(process.pid, 'SIGWINCH'); console.log('ignored')")).toMatchObject({ exitCode: 0, stdout: "ignored\n" })
    // as in Node, a signal does not keep the loop alive: the timer does
    expect(
      await run(
        "process.on('SIGUSR2', (s) => console.log('got', s)); process.kill(process.pid, 'SIGUSR2'); setTimeout(() => {}, 50); console.log('first')",
      ),
    ).toMatchObject({ exitCode: 0, stdout: "first\ngot SIGUSR2\n" })
    expect((await run("process.on('SIGKILL', () => {}); process.kill(0, 9)")).exitCode).toBe(137)
    sandbox.dispose()
  })
})
