// The change journal (native/journal/journal.c) and what reads it: the host's sandbox.watch and the
// guest's fs.watch / fs.promises.watch. (Event shapes against real Node: the corpus script
// test/compat/corpus/fs-watch-events.js.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox, newQuickJSWASMModuleWithWasmFS, type SandboxChange } from "../runtime/index"

const quiet = () => {
  let out = ""
  return { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), text: () => out }
}

describe("sandbox.watch", () => {
  it("hears each guest change once, merged, before run() resolves, without timers", async () => {
    const io = quiet()
    const sb = await createSandbox(io)
    const seen: SandboxChange[] = []
    sb.watch("/app", { recursive: true }, (c) => seen.push(c))
    const r = await sb.run(`
      const fs = require('fs');
      fs.mkdirSync('/app/src', { recursive: true });
      for (let i = 0; i < 50; i++) fs.writeFileSync('/app/src/a.txt', 'v' + i);
      fs.renameSync('/app/src/a.txt', '/app/b.txt');
      const fd = fs.openSync('/app/b.txt', 'r+'); fs.writeSync(fd, 'x'); fs.writeSync(fd, 'y'); fs.closeSync(fd);
      fs.unlinkSync('/app/b.txt');
      fs.writeFileSync('/elsewhere.txt', 'not watched');`)
    expect(r.exitCode).toBe(0)
    expect(seen).toEqual([
      { type: "create", path: "/app" },
      { type: "create", path: "/app/src" },
      { type: "create", path: "/app/src/a.txt" },
      { type: "change", path: "/app/src/a.txt" },
      { type: "rename", path: "/app/b.txt", oldPath: "/app/src/a.txt" },
      { type: "change", path: "/app/b.txt" },
      { type: "delete", path: "/app/b.txt" },
    ])
    sb.dispose()
  })

  it("watches a directory's own entries unless recursive, and stops when closed", async () => {
    const sb = await createSandbox(quiet())
    const flat: string[] = []
    const deep: string[] = []
    const w = sb.watch("/d", (c) => flat.push(`${c.type} ${c.path}`))
    sb.watch("/d", { recursive: true }, (c) => deep.push(`${c.type} ${c.path}`))
    await sb.run(
      `const fs = require('fs'); fs.mkdirSync('/d/e/f', { recursive: true }); fs.writeFileSync('/d/e/f/x', '1'); fs.writeFileSync('/d/y', '2');`,
    )
    expect(flat).toEqual(["create /d", "create /d/e", "create /d/y", "change /d/y"])
    expect(deep).toEqual(["create /d", "create /d/e", "create /d/e/f", "create /d/e/f/x", "change /d/e/f/x", "create /d/y", "change /d/y"])
    w.close()
    await sb.run(`require('fs').writeFileSync('/d/z', '3')`)
    expect(flat).toHaveLength(4)
    expect(deep.at(-1)).toBe("change /d/z")
    sb.dispose()
  })

  it("gives names as they are: tabs, newlines, '%', non-ASCII, and a rename's old path", async () => {
    const sb = await createSandbox(quiet())
    const seen: SandboxChange[] = []
    sb.watch("/", { recursive: true }, (c) => seen.push(c))
    const names = ["a\tb", "c\nd", "100%25", "é ü 中", "%0A"]
    await sb.run(
      `const fs = require('fs'); for (const n of ${JSON.stringify(names)}) fs.writeFileSync('/' + n, n); fs.renameSync('/a\\tb', '/x\\ny');`,
    )
    expect(seen.filter((c) => c.type === "create").map((c) => c.path)).toEqual(names.map((n) => `/${n}`))
    expect(seen.at(-1)).toEqual({ type: "rename", path: "/x\ny", oldPath: "/a\tb" })
    sb.dispose()
  })

  it("hears changes made through sandbox.fs too", async () => {
    const sb = await createSandbox(quiet())
    const seen: string[] = []
    sb.watch("/", { recursive: true }, (c) => seen.push(`${c.type} ${c.path}`))
    sb.fs.mkdirSync("/host/dir", { recursive: true })
    sb.fs.writeFileSync("/host/dir/f.txt", "from the host")
    sb.fs.renameSync("/host/dir/f.txt", "/host/g.txt")
    expect(seen).toEqual(["create /host", "create /host/dir", "create /host/dir/f.txt", "change /host/dir/f.txt", "rename /host/g.txt"])
    sb.dispose()
  })

  it("10,000 changes in one turn: one overflow, in bounded memory", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const sb = await createSandbox({ module, ...quiet() })
    const seen: SandboxChange[] = []
    sb.watch("/many", (c) => seen.push(c))
    // files removed again as they go: only the journal could grow with the count
    const churn = (n: number) =>
      sb.run(`const fs = require('fs'); fs.mkdirSync('/many', { recursive: true });
        for (let i = 0; i < ${n}; i++) { fs.writeFileSync('/many/f' + i, 'x'); fs.unlinkSync('/many/f' + i); }`)
    await churn(10_000)
    expect(seen).toEqual([{ type: "overflow", path: "/many" }])
    const before = module.getWasmMemory().buffer.byteLength
    await churn(100_000)
    expect(module.getWasmMemory().buffer.byteLength - before).toBeLessThanOrEqual(1 << 20)
    expect(seen.at(-1)).toEqual({ type: "overflow", path: "/many" })
    // the same file written 10,000 times is one change
    seen.length = 0
    await sb.run(`const fs = require('fs'); for (let i = 0; i < 10000; i++) fs.writeFileSync('/many/same', 'v' + i);`)
    expect(seen).toEqual([
      { type: "create", path: "/many/same" },
      { type: "change", path: "/many/same" },
    ])
    sb.dispose()
  }, 120_000)
})

describe("guest fs.watch", () => {
  it("sees sandbox.fs writes while the guest waits, and closing the watcher ends the run", async () => {
    const io = quiet()
    const sb = await createSandbox(io)
    sb.fs.mkdirSync("/w")
    const run = sb.run(`
      const fs = require('fs');
      const w = fs.watch('/w', (type, name) => {
        console.log(type, name);
        if (name === 'last') w.close();
      });
      w.on('close', () => console.log('closed'));`)
    // the guest's loop is alive (a watcher) and waits: no timer runs it
    await new Promise((r) => setTimeout(r, 30))
    expect(io.text()).toBe("")
    sb.fs.writeFileSync("/w/first", "1")
    await new Promise((r) => setTimeout(r, 10))
    expect(io.text()).toBe("rename first\nchange first\n")
    sb.fs.writeFileSync("/w/last", "2")
    expect(await run).toEqual({ exitCode: 0 })
    // closed inside the first event of the batch: the rest of it is not delivered
    expect(io.text()).toBe("rename first\nchange first\nrename last\nclosed\n")
    sb.dispose()
  })

  it("recursive watching names nested changes relative to the watched directory; a rename is a pair", async () => {
    const io = quiet()
    const sb = await createSandbox(io)
    const r = await sb.run(`
      const fs = require('fs');
      fs.mkdirSync('/r/a/b', { recursive: true });
      const events = [];
      const w = fs.watch('/r', { recursive: true, encoding: 'buffer' }, (t, f) => events.push(t + ' ' + f.toString() + ' ' + Buffer.isBuffer(f)));
      fs.writeFileSync('/r/a/b/deep.txt', 'x');
      fs.renameSync('/r/a/b/deep.txt', '/r/top.txt');
      setImmediate(() => {
        console.log(events.join('\\n'));
        w.close();
      });`)
    expect(r.exitCode).toBe(0)
    expect(io.text()).toBe(
      ["rename a/b/deep.txt true", "change a/b/deep.txt true", "rename a/b/deep.txt true", "rename top.txt true", ""].join("\n"),
    )
    sb.dispose()
  })

  it("delivers on the event loop, never inside the call that made the change; unref'd watchers do not hold the loop", async () => {
    const io = quiet()
    const sb = await createSandbox(io)
    const r = await sb.run(`
      const fs = require('fs');
      fs.mkdirSync('/u');
      let inside = true;
      const w = fs.watch('/u', (type) => {
        console.log(type, 'inside the write call:', inside);
        w.close();
      });
      fs.writeFileSync('/u/f', 'x');
      inside = false;
      // as in Node, an unref'd watcher alone does not keep the process for its events
      fs.watch('/u', () => console.log('never')).unref();`)
    expect(r.exitCode).toBe(0)
    expect(io.text()).toBe("rename inside the write call: false\n")
    sb.dispose()
  })

  it("fs.promises.watch iterates events and ends with an AbortError", async () => {
    const io = quiet()
    const sb = await createSandbox(io)
    const r = await sb.run(`
      const fs = require('fs');
      fs.mkdirSync('/p');
      const ac = new AbortController();
      (async () => {
        try {
          for await (const { eventType, filename } of fs.promises.watch('/p', { signal: ac.signal })) {
            console.log(eventType, filename);
            if (filename === 'b') ac.abort();
          }
        } catch (err) {
          console.log(err.name, err.code);
        }
      })();
      setTimeout(() => fs.writeFileSync('/p/a', '1'), 5);
      setTimeout(() => fs.writeFileSync('/p/b', '2'), 10);`)
    expect(r.exitCode).toBe(0)
    expect(io.text()).toBe("rename a\nchange a\nrename b\nAbortError ABORT_ERR\n")
    sb.dispose()
  })
})

describe("changes made outside the sandbox", () => {
  it("a host directory mount: another process's writes reach fs.watch and sandbox.watch, the guest's own are not echoed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qjsw-watch-"))
    try {
      const io = quiet()
      const sb = await createSandbox({ mounts: { "/app": dir }, ...io })
      expect(sb.externalChanges).toEqual({ "/app": "fs.watch" })
      const host: string[] = []
      sb.watch("/app", (c) => host.push(`${c.type} ${c.path}`))
      const run = sb.run(`
        const fs = require('fs');
        fs.writeFileSync('/app/own.txt', 'mine');
        const w = fs.watch('/app', (type, name) => {
          console.log(type, name);
          if (name === 'stop.txt') w.close();
        });`)
      // Node's recursive watcher needs a moment to start on the host directory
      await new Promise((r) => setTimeout(r, 300))
      writeFileSync(join(dir, "outside.txt"), "another process")
      await new Promise((r) => setTimeout(r, 300))
      writeFileSync(join(dir, "stop.txt"), "")
      expect(await run).toEqual({ exitCode: 0 })
      const lines = io.text().split("\n").filter(Boolean)
      expect(lines[0]).toBe("rename outside.txt")
      expect(lines.at(-1)).toBe("rename stop.txt")
      expect(lines.some((l) => l.includes("own.txt"))).toBe(false)
      expect(host.filter((l) => l.includes("own.txt"))).toEqual(["create /app/own.txt", "change /app/own.txt"])
      expect(host).toContain("create /app/outside.txt")
      sb.dispose()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
