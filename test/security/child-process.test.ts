// Issue 15 item 2: child processes are child sandboxes of the same module. A guest that spawns
// without end (a fork bomb, synchronous or not) is stopped by the depth and count limits with
// EAGAIN, as Node's spawn fails when the system has no room for another process, and the host
// stays usable; a child's output reaches only its parent (pipes, or the parent's own callbacks
// for 'inherit'), never the host's streams; the host functions behind it are not reachable
// by name; a child inherits its parent's limits.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { createSandbox } from "../../runtime/index"
import { MAX_CHILD_DEPTH, MAX_LIVE_CHILDREN } from "../../runtime/sandbox/child-processes"

async function run(files: Record<string, string>, main: string, options: { timeout?: number; memoryLimit?: number } = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ files, cwd: "/app", stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...options })
  const started = Date.now()
  const result = await sandbox.runFile(main)
  const elapsed = Date.now() - started
  // the module is still sound: another run works
  let after = ""
  const check = await createSandbox({ module: sandbox.module, stdout: (t) => (after += t) })
  await check.run("console.log(require('fs').readdirSync('/app').length > 0)")
  check.dispose()
  sandbox.dispose()
  return { ...result, stdout, stderr, elapsed, after }
}

describe("child processes", () => {
  let hostWrites: unknown[][]
  beforeEach(() => {
    hostWrites = []
    vi.spyOn(process.stdout, "write").mockImplementation((...a: unknown[]) => (hostWrites.push(a), true))
    vi.spyOn(process.stderr, "write").mockImplementation((...a: unknown[]) => (hostWrites.push(a), true))
  })
  afterEach(() => vi.restoreAllMocks())

  it("stops a synchronous fork bomb at the nesting limit with EAGAIN", async () => {
    const r = await run(
      {
        "/app/bomb.js": `const { spawnSync } = require('child_process');
        const depth = Number(process.argv[2] || 0);
        const r = spawnSync(process.execPath, [__filename, String(depth + 1)], { encoding: 'utf8' });
        if (r.error) console.log('depth ' + depth + ': ' + r.error.code + ' ' + r.error.message);
        else process.stdout.write(r.stdout);`,
      },
      "/app/bomb.js",
      { timeout: 20_000 },
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe(`depth ${MAX_CHILD_DEPTH}: EAGAIN spawnSync /usr/local/bin/node EAGAIN\n`)
    expect(r.after).toBe("true\n")
    expect(hostWrites).toEqual([])
  }, 60_000)

  it("stops an asynchronous fork bomb at the live-children limit; every spawn ends", async () => {
    const r = await run(
      {
        "/app/bomb.js": `const { spawn } = require('child_process');
        const depth = Number(process.argv[2] || 0);
        for (let i = 0; i < 3; i++) {
          const c = spawn(process.execPath, [__filename, String(depth + 1)], { stdio: ['ignore', 'inherit', 'inherit'] });
          c.on('error', (e) => console.log(e.code));
        }
        if (depth === 0) process.on('exit', () => console.log('root done'));
        setTimeout(() => {}, 20);`,
      },
      "/app/bomb.js",
      { timeout: 60_000 },
    )
    expect(r.exitCode).toBe(0)
    const lines = r.stdout.trim().split("\n")
    expect(lines.at(-1)).toBe("root done")
    expect(new Set(lines.slice(0, -1))).toEqual(new Set(["EAGAIN"]))
    expect(r.after).toBe("true\n")
  }, 120_000)

  it("gives a child only the stack its parent has left, and the child's overflow is catchable", async () => {
    const r = await run(
      {
        "/app/deep.js": `const { spawnSync } = require('child_process');
        if (process.argv[2] === 'child') {
          let n = 0;
          const down = () => { n++; down(); };
          try { down(); } catch (e) { console.log(e.name, e.message, n > 10); }
          return;
        }
        function nest(k) {
          if (k === 0) {
            const r = spawnSync(process.execPath, [__filename, 'child'], { encoding: 'utf8' });
            return r.error ? r.error.code : r.stdout.trim();
          }
          return nest(k - 1);
        }
        console.log(nest(10));
        let deepest;
        const probe = (k) => { try { return probe(k + 1); } catch { deepest = k; return 0; } };
        probe(0);
        const near = (k) => (k === 0 ? spawnSync(process.execPath, ['-e', '0']).error?.code : near(k - 1));
        console.log(near(deepest - 20));`,
      },
      "/app/deep.js",
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe("RangeError Maximum call stack size exceeded true\nEAGAIN\n")
    expect(r.after).toBe("true\n")
  }, 60_000)

  it(`allows at most ${MAX_LIVE_CHILDREN} live children at once`, async () => {
    const r = await run(
      {
        "/app/many.js": `const { spawn } = require('child_process');
        const codes = [];
        for (let i = 0; i < ${MAX_LIVE_CHILDREN + 3}; i++) {
          const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30)']);
          c.on('error', (e) => codes.push(e.code));
        }
        process.on('exit', () => console.log(codes.join()));`,
      },
      "/app/many.js",
    )
    expect(r.stdout).toBe("EAGAIN,EAGAIN,EAGAIN\n")
  }, 60_000)

  it("sends a child's output only to its parent: pipes to the guest, 'inherit' to the parent's callbacks", async () => {
    const r = await run(
      {
        "/app/out.js": `const { spawn, spawnSync } = require('child_process');
        const fs = require('fs');
        const child = \`
          console.log('piped out'); console.error('piped err');
          fs.writeSync(1, 'fd 1\\\\n'); fs.writeFileSync('/dev/stdout', 'dev stdout\\\\n');\`;
        const p = spawn(process.execPath, ['-e', child]);
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', () => {
          console.log('parent read: ' + JSON.stringify(out) + ' ' + JSON.stringify(err));
          spawnSync(process.execPath, ['-e', child], { stdio: 'inherit' });
          spawnSync(process.execPath, ['-e', child], { stdio: 'ignore' });
          console.log('parent again');
        });`,
      },
      "/app/out.js",
    )
    expect(r.stdout).toBe('parent read: "piped out\\nfd 1\\ndev stdout\\n" "piped err\\n"\npiped out\nfd 1\ndev stdout\nparent again\n')
    expect(r.stderr).toBe("piped err\n")
    expect(hostWrites).toEqual([])
  }, 60_000)

  it("keeps the host functions out of the guest's reach, in parent and child", async () => {
    const probe = `const names = [];
      try { require('qjsw:internal/child_host'); names.push('require'); } catch {}
      names.push(typeof globalThis.__qjswHost);
      import('qjsw:internal/child_host').then(() => names.push('import'), () => {}).then(() => console.log(names.join()));`
    const r = await run(
      {
        "/app/probe.js": `${probe}
        const { execFileSync } = require('child_process');
        process.stdout.write(execFileSync(process.execPath, ['-e', ${JSON.stringify(probe)}]));`,
      },
      "/app/probe.js",
    )
    expect(r.stdout).toBe("undefined\nundefined\n")
  }, 60_000)

  it("gives a child its parent's memory limit and run deadline", async () => {
    const r = await run(
      {
        "/app/limits.js": `const { spawnSync } = require('child_process');
        const mem = spawnSync(process.execPath, ['-e', 'const a = []; try { for (;;) a.push(new Array(1e5).fill(1)); } catch (e) { console.log(e.message); }'], { encoding: 'utf8' });
        console.log(mem.stdout.trim());
        const spin = spawnSync(process.execPath, ['-e', 'for (;;) {}'], { encoding: 'utf8' });
        console.log('child status', spin.status, /interrupted/.test(spin.stderr));
        for (;;) {}`,
      },
      "/app/limits.js",
      { memoryLimit: 32 << 20, timeout: 1500 },
    )
    expect(r.stdout).toBe("out of memory\nchild status 1 true\n")
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/interrupted/)
    expect(r.elapsed).toBeLessThan(10_000)
  }, 60_000)

  it("kills the children a run leaves; the next run starts without them", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t) })
    const first = await sandbox.run(`const { spawn } = require('child_process');
      const c = spawn(process.execPath, ['-e', 'setTimeout(() => console.log("never"), 300)'], { stdio: 'inherit' });
      c.on('spawn', () => process.exit(3));`)
    const second = await sandbox.run(`const { spawn } = require('child_process');
      spawn(process.execPath, ['-e', 'console.log("second run child")'], { stdio: 'inherit' }).on('close', (code) => console.log('closed', code));
      setTimeout(() => console.log('timer'), 400);`)
    sandbox.dispose()
    expect([first.exitCode, second.exitCode]).toEqual([3, 0])
    expect(stdout).toBe("second run child\nclosed 0\ntimer\n")
  }, 60_000)

  it("ends a child that waits for what cannot come during spawnSync", async () => {
    const r = await run(
      {
        "/app/wait.js": `const { spawnSync } = require('child_process');
        const r = spawnSync(process.execPath, ['-e', 'require("fs").watch("/app", () => {})']);
        console.log(r.status, r.signal);`,
      },
      "/app/wait.js",
    )
    expect(r.stdout).toBe("null SIGKILL\n")
  }, 60_000)
})
