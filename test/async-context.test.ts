// node:async_hooks and node:domain keep per-run state (the async context slot of QuickJS patch
// 034, the hooks, the ids, the domain stack): a run must start as a new process would, whatever
// the run before left entered, enabled or queued.
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

describe("async context across runs", () => {
  it("a run sees no store, hook or domain an earlier run left", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t), stderr: () => {} })
    try {
      const first = await sandbox.run(
        `
        const { AsyncLocalStorage, createHook } = require('async_hooks');
        globalThis.als = new AsyncLocalStorage();
        als.enterWith('leaked');
        createHook({ init() { console.log('stale hook'); } }).enable();
        const d = require('domain').create();
        d.on('error', () => console.log('stale domain'));
        d.enter();
        // queued work the exit drops, each captured in the store and the domain
        Promise.resolve().then(() => console.log('stale job', als.getStore()));
        setTimeout(() => console.log('stale timer'), 1);
        process.exit(0);`,
        { filename: "/app/first.js" },
      )
      expect(first.exitCode).toBe(0)
      // (the hook saw run 1's own promise, the one its then() made, and its timer)
      expect(stdout).toBe("stale hook\n".repeat(3))
      stdout = ""
      const second = await sandbox.run(
        `
        const { executionAsyncId, triggerAsyncId } = require('async_hooks');
        const EventEmitter = require('events');
        console.log('store', als.getStore(), 'domain', process.domain, 'usingDomains', !!EventEmitter.usingDomains);
        console.log('ids', executionAsyncId(), triggerAsyncId());
        setTimeout(() => console.log('timer store', als.getStore()), 1);
        Promise.resolve().then(() => console.log('job store', als.getStore()));`,
        { filename: "/app/second.js" },
      )
      expect(second.exitCode).toBe(0)
      expect(stdout).toBe("store undefined domain null usingDomains false\nids 1 0\njob store undefined\ntimer store undefined\n")
    } finally {
      sandbox.dispose()
    }
  })

  it("stores follow promise jobs without leaking into the host's next callback", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t), stderr: () => {} })
    try {
      const r = await sandbox.run(
        `
        const { AsyncLocalStorage } = require('async_hooks');
        const als = new AsyncLocalStorage();
        als.run('a', async () => {
          await null;
          als.enterWith('changed in a job');
          console.log('job', als.getStore());
        });
        setTimeout(() => console.log('timer made outside', als.getStore()), 1);`,
        { filename: "/app/main.js" },
      )
      expect(r.exitCode).toBe(0)
      expect(stdout).toBe("job changed in a job\ntimer made outside undefined\n")
    } finally {
      sandbox.dispose()
    }
  })
})
