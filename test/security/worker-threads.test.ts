// Issue 15 item 3: worker_threads Workers are child sandboxes of the same module. A worker
// gets no more than its parent (memory, deadline, nesting and live-children limits); it reaches
// the host only through the capability its boot got; a guest cannot post to another sandbox's
// workers (ids name only its own); a busy worker is stopped by its parent's deadline and
// terminate() stops one that yields; disposing the parent disposes its workers.
import { describe, expect, it } from "vitest"
import { createSandbox } from "../../runtime/index"
import { MAX_CHILD_DEPTH, MAX_LIVE_CHILDREN, MAX_QUEUED_BYTES, MAX_STDIN_BYTES } from "../../runtime/sandbox/child-processes"

async function run(code: string, options: { timeout?: number; memoryLimit?: number } = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ cwd: "/app", stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...options })
  const result = await sandbox.run(code, { filename: "/app/main.js" })
  // the module is still sound: another sandbox on it runs
  let after = ""
  const check = await createSandbox({ module: sandbox.module, stdout: (t) => (after += t) })
  await check.run("console.log(1 + 1)")
  check.dispose()
  sandbox.dispose()
  return { ...result, stdout, stderr, after }
}

describe("worker_threads", () => {
  it("stops an infinite loop in a worker at the parent's deadline", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const w = new Worker('for (;;) {}', { eval: true });
       w.on('exit', (c) => console.log('exit', c));`,
      { timeout: 1500 },
    )
    expect(r.exitCode).not.toBe(0)
    expect(r.after).toBe("2\n")
  }, 30_000)

  it("terminate() stops a worker that keeps yielding", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const w = new Worker(\`
         const { parentPort } = require('worker_threads');
         let n = 0;
         (function spin() { n++; if (n === 3) parentPort.postMessage('busy'); setImmediate(spin); })();
       \`, { eval: true });
       w.once('message', async () => console.log('terminated with', await w.terminate()));`,
      { timeout: 20_000 },
    )
    expect(r.stdout).toBe("terminated with 1\n")
    expect(r.exitCode).toBe(0)
  }, 30_000)

  it("gives a worker no more memory than its parent, whatever resourceLimits asks", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const w = new Worker(\`
         const keep = [];
         try { for (;;) keep.push(new Array(1e5).fill(keep.length)); }
         catch (e) { require('worker_threads').parentPort.postMessage(String(e)); }
       \`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
       w.on('message', (m) => console.log('worker:', m));
       w.on('error', (e) => console.log('error:', e === null ? null : e.message));
       w.on('exit', (c) => console.log('exit', c));`,
      { timeout: 30_000, memoryLimit: 32 * 1024 * 1024 },
    )
    // Known difference: when the heap is so full that QuickJS cannot make the out-of-memory
    // error, it throws null and the parent's 'error' gets null, where Node's gets
    // ERR_WORKER_OUT_OF_MEMORY; which of the two happens depends on where the limit falls.
    expect(r.stdout).toMatch(/out of memory|^error: null$/m)
    expect(r.stdout).toMatch(/exit \d\n$/)
    expect(r.after).toBe("2\n")
  }, 60_000)

  it("stops a worker bomb at the nesting and live-children limits", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const code = \`
         const { Worker, parentPort, workerData } = require('worker_threads');
         for (let i = 0; i < 3; i++) {
           try {
             const w = new Worker(workerData.code, { eval: true, workerData: { code: workerData.code, depth: workerData.depth + 1 } });
             w.on('message', (m) => parentPort.postMessage(m));
           } catch (e) { parentPort.postMessage(e.code); }
         }
       \`;
       const seen = new Set();
       const w = new Worker(code, { eval: true, workerData: { code, depth: 1 } });
       w.on('message', (m) => seen.add(m));
       w.on('exit', (c) => console.log([...seen].join(), c));`,
      { timeout: 60_000 },
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe("ERR_WORKER_INIT_FAILED 0\n")
    expect(r.after).toBe("2\n")
    expect(MAX_LIVE_CHILDREN).toBeLessThan(3 ** MAX_CHILD_DEPTH)
  }, 120_000)

  it("disposing the parent mid-run disposes its workers, without a leak or abort", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t) })
    const running = sandbox.run(`
      const { Worker } = require('worker_threads');
      for (let i = 0; i < 4; i++) {
        const w = new Worker('setInterval(() => require("worker_threads").parentPort.postMessage(1), 1)', { eval: true });
        w.once('message', () => console.log('worker up'));
      }`)
    while (!stdout.includes("worker up")) await new Promise((r) => setTimeout(r, 10))
    sandbox.dispose()
    await expect(running).rejects.toThrow(/disposed/)
    // the module's live-children count went back: a new sandbox on it can start as many
    let after = ""
    const next = await createSandbox({ module: sandbox.module, stdout: (t) => (after += t) })
    const r = await next.run(`
      const { Worker } = require('worker_threads');
      let done = 0;
      for (let i = 0; i < ${MAX_LIVE_CHILDREN}; i++) {
        new Worker('0', { eval: true }).on('exit', (c) => { if (++done === ${MAX_LIVE_CHILDREN}) console.log('all', c); });
      }`)
    next.dispose()
    expect(r.exitCode).toBe(0)
    expect(after).toBe("all 0\n")
  }, 60_000)

  it("reaches no host function by name, in the worker or its parent", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const probe = \`
         const seen = [];
         for (const name of ['qjsw:internal/child_host', 'qjsw:internal/worker/message_codec', 'qjsw:binding/util']) {
           try { require(name); seen.push(name); } catch (e) { seen.push(e.code); }
         }
         seen.push(typeof globalThis.__qjswHost);
         require('worker_threads').parentPort.postMessage(seen);
       \`;
       eval(probe.replace('require(\\'worker_threads\\').parentPort.postMessage(seen)', 'console.log("main", JSON.stringify(seen))'));
       new Worker(probe, { eval: true }).on('message', (m) => console.log('worker', JSON.stringify(m)));`,
      { timeout: 20_000 },
    )
    expect(r.stdout).toBe(
      'main ["MODULE_NOT_FOUND","MODULE_NOT_FOUND","MODULE_NOT_FOUND","undefined"]\n' +
        'worker ["MODULE_NOT_FOUND","MODULE_NOT_FOUND","MODULE_NOT_FOUND","undefined"]\n',
    )
  }, 30_000)

  it("keeps workers and broadcasts to their own sandbox: another sandbox on the module reaches none", async () => {
    let outA = ""
    const a = await createSandbox({ stdout: (t) => (outA += t) })
    const b = await createSandbox({ module: a.module })
    // a's worker listens on a BroadcastChannel and on its parentPort; b posts to the same
    // channel name and to worker ids 1..4 through its own Worker objects' ids
    const runA = a.run(`
      const { Worker } = require('worker_threads');
      const w = new Worker(\`
        const { parentPort, BroadcastChannel } = require('worker_threads');
        const bc = new BroadcastChannel('secret');
        bc.onmessage = (e) => parentPort.postMessage('bc ' + e.data);
        parentPort.on('message', (m) => { parentPort.postMessage('port ' + m); if (m === 'stop') { bc.close(); parentPort.close(); } });
        parentPort.postMessage('ready');
      \`, { eval: true });
      w.on('message', (m) => {
        console.log(m);
        if (m === 'ready') setTimeout(() => w.postMessage('stop'), 200);
      });`)
    while (!outA.includes("ready")) await new Promise((r) => setTimeout(r, 10))
    const rb = await b.run(`
      const { Worker, BroadcastChannel } = require('worker_threads');
      const bc = new BroadcastChannel('secret');
      bc.postMessage('from b');
      bc.close();
      const own = new Worker('0', { eval: true });
      own.postMessage('to own');`)
    expect(rb.exitCode).toBe(0)
    await runA
    expect(outA).toBe("ready\nport stop\n")
    a.dispose()
    b.dispose()
  }, 30_000)

  it("postMessageToThread reaches only the threads of the caller's own process", async () => {
    let outA = ""
    const a = await createSandbox({ stdout: (t) => (outA += t) })
    let outB = ""
    const b = await createSandbox({ module: a.module, stdout: (t) => (outB += t) })
    // a's worker (thread 1 of a) listens for 'workerMessage'; b's main thread and b's own
    // worker try every thread id a could have, and b's worker reaches b's main thread only
    const runA = a.run(`
      const { Worker } = require('worker_threads');
      const w = new Worker(\`
        const { parentPort } = require('worker_threads');
        process.on('workerMessage', (m) => parentPort.postMessage('got ' + m));
        parentPort.on('message', () => parentPort.close());
        parentPort.postMessage('ready');
      \`, { eval: true });
      w.on('message', (m) => {
        console.log(m);
        if (m === 'ready') setTimeout(() => w.postMessage('stop'), 300);
      });`)
    while (!outA.includes("ready")) await new Promise((r) => setTimeout(r, 10))
    const rb = await b.run(`
      const { Worker, postMessageToThread } = require('worker_threads');
      process.on('workerMessage', (m, from) => console.log('b main got', m, from));
      (async () => {
        for (let id = 1; id <= 4; id++) {
          await postMessageToThread(id, 'from b').then(() => console.log('reached', id), (e) => console.log(id, e.code));
        }
        const own = new Worker(\`
          const { postMessageToThread, threadId } = require('worker_threads');
          postMessageToThread(0, 'hi').then(() => {}, (e) => console.log(e.code));
        \`, { eval: true });
      })();`)
    expect(rb.exitCode).toBe(0)
    await runA
    expect(outA).toBe("ready\n")
    expect(outB).toMatch(/^(\d ERR_WORKER_MESSAGING_FAILED\n){4}b main got hi \d\n$/)
    a.dispose()
    b.dispose()
  }, 30_000)

  it("bounds what waits unread in host queues: messages to a worker that never reads, a child's stdin", async () => {
    const r = await run(
      `const { Worker } = require('worker_threads');
       const { spawn } = require('child_process');
       const w = new Worker('const t = Date.now(); while (Date.now() - t < 50);', { eval: true });
       const chunk = new Uint8Array(1 << 20);
       let sent = 0;
       try { for (;;) { w.postMessage(chunk); sent++; } } catch (e) { console.log(e.name, sent <= ${MAX_QUEUED_BYTES / (1 << 20)}); }
       const kid = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 100)']);
       let written = 0;
       try { for (;;) { kid.stdin.write(chunk); written++; } } catch (e) { console.log(e.name, written <= ${MAX_STDIN_BYTES / (1 << 20)}); }
       w.terminate(); kid.kill();`,
      { timeout: 20_000 },
    )
    expect(r.stdout).toBe("RangeError true\nRangeError true\n")
    expect(r.after).toBe("2\n")
  }, 60_000)
})
