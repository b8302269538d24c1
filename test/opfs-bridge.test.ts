// /opfs through the synchronous bridge (runtime/opfs/opfs-bridge.ts): an engine without JSPI on a
// cross-origin-isolated page. Chromium 156 has no switch to turn JSPI off, so the sandbox's worker
// is a wrapper that deletes WebAssembly.Suspending/promising before it imports the package's
// worker; the page is served with COOP/COEP, so it is isolated and has SharedArrayBuffer. Besides
// the scenarios every backend must pass (test/opfs-scenarios.ts): what is the bridge's own (stats
// kept between calls, data in pieces, a dying OPFS worker).
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { guest, openPage, opfsPage, pageOpfs, startOpfsPages, type OpfsPages } from "./opfs-page"
import { opfsScenarios } from "./opfs-scenarios"

const PAGE = opfsPage(`
  import { createSandbox } from "/dist/browser.mjs"
  window.createSandbox = (options = {}) => createSandbox({ workerUrl: "/no-jspi-worker.mjs", opfs: true, ...options })`)

// The package's OPFS worker, made to end itself (as a crash would) in the middle of a call: the
// lookup of a file named die.txt.
const DYING_OPFS_WORKER = `
  const getFileHandle = FileSystemDirectoryHandle.prototype.getFileHandle
  FileSystemDirectoryHandle.prototype.getFileHandle = function (name, options) {
    if (name === "die.txt") {
      self.close()
      return new Promise(() => {})
    }
    return getFileHandle.call(this, name, options)
  }
  await import("/dist/opfs-worker.mjs")`

describe("/opfs through the bridge to an OPFS worker (no JSPI, cross-origin isolated)", () => {
  let pages: OpfsPages
  let page: Page

  beforeAll(async () => {
    pages = await startOpfsPages(PAGE, { "/dying-opfs-worker.mjs": DYING_OPFS_WORKER })
    page = await openPage(pages.context, pages.isolated)
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
    await pageOpfs(page, "clear")
  }, 60_000)

  afterAll(() => pages?.close())

  opfsScenarios(() => page, "bridge")

  it("directory stats follow the guest's own changes within a run (they are kept between calls)", async () => {
    const r = await guest(
      page,
      `const fs = require('fs');
       const d = '/opfs/stats/d';
       fs.mkdirSync(d, { recursive: true });
       const first = fs.statSync(d);
       fs.chmodSync(d, 0o700);
       const chmodded = fs.statSync(d);
       fs.utimesSync(d, 1000, 2000);
       const timed = fs.statSync(d);
       fs.rmdirSync(d);
       const gone = fs.existsSync(d);
       fs.mkdirSync(d);
       const again = fs.statSync(d);
       fs.writeFileSync(d + '/f.txt', 'f');
       fs.renameSync(d, '/opfs/stats/e');
       console.log((first.mode & 0o777).toString(8), (chmodded.mode & 0o777).toString(8), timed.mtimeMs, gone,
         (again.mode & 0o777).toString(8), again.mtimeMs > 2000000, fs.existsSync(d), fs.statSync('/opfs/stats/e').isDirectory());`,
    )
    expect(r).toMatchObject({ exitCode: 0, stderr: "", stdout: "755 700 2000000 false 755 true false true\n" })
  }, 60_000)

  // (With JSPI the guest learns of it at its next turn: its worker's event loop, where the
  // observer reports, does not run while guest code does. The OPFS worker's does.)
  it("kept directory stats follow what the OPFS worker learns of others' changes, also in the middle of a run", async () => {
    await pageOpfs(page, "write", "/midrun/d/f.txt", "f")
    const r = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      let out = ""
      let removed: Promise<void> | undefined
      const sb = await createSandbox({
        stdout: (t: string) => {
          out += t
          // the guest has the directory's stat: now the page removes it, while the run goes on
          if (t.startsWith("kept"))
            removed = navigator.storage.getDirectory().then((root) => root.removeEntry("midrun", { recursive: true }))
        },
      })
      await sb.run(`const fs = require('fs');
        const d = '/opfs/midrun/d';
        fs.statSync(d); fs.statSync(d + '/f.txt');
        console.log('kept', fs.statSync(d).isDirectory());
        const t0 = Date.now();
        while (fs.existsSync(d) && Date.now() - t0 < 10000);
        console.log(fs.existsSync(d) ? 'still there' : 'gone', fs.existsSync('/opfs/midrun'));`)
      await removed
      await sb.dispose()
      return out
    })
    expect(r).toBe("kept true\ngone false\n")
  }, 60_000)

  it("a 5 MiB file crosses the 1 MiB data area byte-exact, both ways and at odd offsets", async () => {
    const r = await guest(
      page,
      `const fs = require('fs');
       const size = 5 * 1024 * 1024 + 123;
       const data = Buffer.alloc(size);
       for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 255;
       fs.mkdirSync('/opfs/big', { recursive: true });
       fs.writeFileSync('/opfs/big/five.bin', data);
       const back = fs.readFileSync('/opfs/big/five.bin');
       console.log(back.length, back.equals(data));
       // a 3 MiB read from just below the first chunk boundary, into the middle of a buffer
       const fd = fs.openSync('/opfs/big/five.bin', 'r+');
       const part = Buffer.alloc(3 * 1024 * 1024 + 10);
       const got = fs.readSync(fd, part, 5, 3 * 1024 * 1024, 1024 * 1024 - 7);
       console.log(got, part.subarray(5, 5 + got).equals(data.subarray(1024 * 1024 - 7, 1024 * 1024 - 7 + got)));
       // the tail: a read past the end is short
       console.log(fs.readSync(fd, part, 0, part.length, size - 100));
       // a 2 MiB write at an odd position, read back
       const patch = Buffer.alloc(2 * 1024 * 1024 + 1, 0xab);
       fs.writeSync(fd, patch, 0, patch.length, 999_999);
       patch.copy(data, 999_999);
       fs.closeSync(fd);
       console.log(fs.readFileSync('/opfs/big/five.bin').equals(data), fs.statSync('/opfs/big/five.bin').size);
       fs.writeFileSync('/opfs/big/pattern.bin', data.subarray(0, 999_999));`,
    )
    expect(r).toMatchObject({ exitCode: 0, stderr: "" })
    expect(r.stdout).toBe(`5243003 true\n3145728 true\n100\ntrue 5243003\n`)
    expect(await pageOpfs(page, "checkPattern", "/big/pattern.bin")).toEqual([999_999, -1])
    const [size, firstDiff] = await pageOpfs<[number, number]>(page, "checkPattern", "/big/five.bin")
    expect([size, firstDiff]).toEqual([5243003, 999_999])
  }, 60_000)

  it("a listing larger than the data area comes in pieces", async () => {
    // 5,000 names of 240 bytes: over 1.2 MB of JSON, past the 1 MiB data area
    await pageOpfs(page, "makeDirs", "/many", 5000, 240)
    const r = await guest(
      page,
      `const names = require('fs').readdirSync('/opfs/many');
       console.log(names.length, names.every((n) => n.length === 240), new Set(names).size, names.sort()[4999].slice(-6));`,
    )
    expect(r).toMatchObject({ exitCode: 0, stderr: "", stdout: "5000 true 5000 004999\n" })
  }, 120_000)

  it("when the OPFS worker dies in the middle of a call, that call and the later ones fail with EIO", async () => {
    const r = await guest(
      page,
      `const fs = require('fs');
       fs.writeFileSync('/opfs/before.txt', 'before');
       const t0 = Date.now();
       try { fs.readFileSync('/opfs/die.txt') } catch (e) { console.log(e.code, e.syscall, e.path) }
       try { fs.readFileSync('/opfs/before.txt') } catch (e) { console.log(e.code, e.syscall, e.path) }
       try { fs.readdirSync('/opfs') } catch (e) { console.log(e.code, e.syscall) }
       fs.writeFileSync('/mem.txt', 'memory still works');
       console.log(fs.readFileSync('/mem.txt', 'utf8'), Date.now() - t0 < 10000);`,
      { opfs: { workerUrl: "/dying-opfs-worker.mjs" } },
    )
    expect(r).toMatchObject({ exitCode: 0, stderr: "", opfs: { backend: "bridge" } })
    expect(r.stdout).toBe("EIO open /opfs/die.txt\nEIO open /opfs/before.txt\nEIO scandir\nmemory still works true\n")
    expect(await pageOpfs(page, "read", "/before.txt")).toBe("before")
  }, 60_000)

  it("on a page that is not cross-origin isolated /opfs is memory, and the sandbox says why", async () => {
    const p = await openPage(pages.context, pages.plain)
    expect(await p.evaluate(() => crossOriginIsolated)).toBe(false)
    const r = await guest(
      p,
      `const fs = require('fs'); fs.writeFileSync('/opfs/x.txt', 'x'); console.log(fs.readFileSync('/opfs/x.txt', 'utf8'))`,
    )
    expect(r).toMatchObject({ exitCode: 0, stdout: "x\n", opfs: { backend: "memory", path: "/opfs" } })
    expect(r.opfs.reason).toMatch(/no JSPI.*not cross-origin isolated/)
    expect(r.warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(p, "read", "/x.txt")).rejects.toThrow(/NotFoundError|could not be found/)
    await p.close()
  }, 60_000)
})
