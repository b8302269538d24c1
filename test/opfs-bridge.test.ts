// /opfs through the synchronous bridge (runtime/opfs-bridge.ts): an engine without JSPI on a
// cross-origin-isolated page. Chromium 156 has no switch to turn JSPI off, so the sandbox's worker
// is a wrapper that deletes WebAssembly.Suspending/promising before it imports the package's
// worker; the page is served with COOP/COEP, so it is isolated and has SharedArrayBuffer.
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { guest, openPage, opfsPage, pageOpfs, startOpfsPages, type OpfsPages } from "./opfs-page"

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

  it("guest files are OPFS files that survive a reload", async () => {
    const wrote = await guest(
      page,
      `const fs = require('fs');
       fs.mkdirSync('/opfs/project/src', { recursive: true });
       fs.writeFileSync('/opfs/project/package.json', JSON.stringify({ name: 'demo' }));
       const fd = fs.openSync('/opfs/project/src/log.txt', 'w');
       fs.writeSync(fd, 'one\\n'); fs.writeSync(fd, 'two\\n'); fs.closeSync(fd);
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));`,
    )
    expect(wrote).toMatchObject({ exitCode: 0, stderr: "", warnings: [], opfs: { backend: "bridge", path: "/opfs" } })
    expect(wrote.opfs.reason).toBeUndefined()
    expect(wrote.stdout).toBe('{"name":"demo"}\n')
    expect(await pageOpfs(page, "read", "/project/src/log.txt")).toBe("one\ntwo\n")

    await page.reload()
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready)
    const read = await guest(
      page,
      `const fs = require('fs');
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));
       console.log(fs.readdirSync('/opfs/project').join(','), fs.statSync('/opfs/project/src/log.txt').size);
       console.log(require('/opfs/project/package.json').name);`,
    )
    expect(read).toMatchObject({ exitCode: 0, stderr: "", opfs: { backend: "bridge" } })
    expect(read.stdout).toBe('{"name":"demo"}\npackage.json,src 8\ndemo\n')
  }, 60_000)

  it("the page's OPFS writes reach the guest, and the guest's reach the page", async () => {
    await pageOpfs(page, "write", "/shared/from-page.txt", "written by the page")
    const r = await guest(
      page,
      `const fs = require('fs');
       console.log(fs.readFileSync('/opfs/shared/from-page.txt', 'utf8'));
       fs.writeFileSync('/opfs/shared/from-guest.txt', 'written by the guest');
       fs.appendFileSync('/opfs/shared/from-page.txt', ', then the guest');`,
    )
    expect(r).toMatchObject({ exitCode: 0, stdout: "written by the page\n", stderr: "" })
    expect(await pageOpfs(page, "read", "/shared/from-guest.txt")).toBe("written by the guest")
    expect(await pageOpfs(page, "read", "/shared/from-page.txt")).toBe("written by the page, then the guest")
    // the sandbox is disposed: its handles are closed, so the page may write the file again
    await pageOpfs(page, "write", "/shared/from-guest.txt", "page again")
    const again = await guest(page, `console.log(require('fs').readFileSync('/opfs/shared/from-guest.txt', 'utf8'))`)
    expect(again.stdout).toBe("page again\n")
  }, 60_000)

  it("a live sandbox sees page changes at its next turn, lets go of idle handles, and serves page-side fs calls", async () => {
    const r = await page.evaluate(async () => {
      const { createSandbox, opfs } = window as unknown as {
        createSandbox: Function
        opfs: { write(p: string, t: string): Promise<void> }
      }
      let out = ""
      const sb = await createSandbox({ stdout: (t: string) => (out += t) })
      await sb.run(`const fs = require('fs'); fs.mkdirSync('/opfs/live', { recursive: true }); console.log(fs.readdirSync('/opfs/live').length); fs.writeFileSync('/opfs/live/g.txt', 'guest')`)
      await opfs.write("/live/new.txt", "new")
      // the guest's handle on g.txt goes once it has been idle for opfs.releaseAfter (100 ms)
      const start = performance.now()
      for (;;) {
        try {
          await opfs.write("/live/g.txt", "page")
          break
        } catch (e) {
          if ((e as Error).name !== "NoModificationAllowedError" || performance.now() - start > 5000) throw e
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
      await sb.run(`const fs = require('fs'); console.log(fs.readdirSync('/opfs/live').sort().join(), fs.readFileSync('/opfs/live/new.txt', 'utf8'), fs.readFileSync('/opfs/live/g.txt', 'utf8'))`)
      await sb.fs.writeFile("/opfs/live/host.bin", new Uint8Array([1, 2, 3]))
      const pageSide = {
        list: await sb.fs.readdir("/opfs/live"),
        bytes: Array.from(await sb.fs.readFile("/opfs/live/host.bin")),
        missing: await sb.fs.readFile("/opfs/live/none").catch((e: { code: string; syscall: string }) => `${e.code} ${e.syscall}`),
      }
      await sb.dispose()
      return { out, pageSide, waited: performance.now() - start }
    })
    expect(r.out).toBe("0\ng.txt,new.txt new page\n")
    expect(r.waited).toBeLessThan(5000)
    expect(r.pageSide).toEqual({ list: ["g.txt", "host.bin", "new.txt"], bytes: [1, 2, 3], missing: "ENOENT open" })
  }, 60_000)

  it("a page-side watcher hears the guest's /opfs changes once (the OPFS worker drops the browser's echo)", async () => {
    const r = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      const sb = await createSandbox()
      const seen: string[] = []
      const w = sb.watch("/opfs/hmr", { recursive: true }, (c: { type: string; path: string; oldPath?: string }) =>
        seen.push(`${c.type} ${c.path}${c.oldPath ? " from " + c.oldPath : ""}`),
      )
      await sb.run(`const fs = require('fs');
        fs.mkdirSync('/opfs/hmr/src', { recursive: true });
        fs.writeFileSync('/opfs/hmr/src/app.js', 'v1');
        fs.writeFileSync('/opfs/hmr/src/app.js', 'v2');
        fs.renameSync('/opfs/hmr/src/app.js', '/opfs/hmr/app.js');`)
      // echoes, were they not dropped, would come through the OPFS worker by now
      await new Promise((resolve) => setTimeout(resolve, 300))
      await sb.fs.exists("/opfs")
      const seenLater = [...seen]
      w.close()
      await sb.dispose()
      return { seenLater, opfs: sb.opfs }
    })
    expect(r.opfs).toMatchObject({ backend: "bridge", changes: "observer" })
    expect(r.seenLater).toEqual([
      "create /opfs/hmr",
      "create /opfs/hmr/src",
      "create /opfs/hmr/src/app.js",
      "change /opfs/hmr/src/app.js",
      "rename /opfs/hmr/app.js from /opfs/hmr/src/app.js",
    ])
  }, 60_000)

  for (const changes of ["observer", "polling"] as const) {
    it(`the page's OPFS writes reach a guest fs.watch through the OPFS worker (${changes})`, async () => {
      const r = await page.evaluate(async (mode) => {
        const { createSandbox, opfs } = window as unknown as {
          createSandbox: Function
          opfs: { write(p: string, t: string): Promise<void> }
        }
        let out = ""
        const options = mode === "polling" ? { changes: "polling", pollInterval: 50 } : true
        const sb = await createSandbox({ opfs: options, stdout: (t: string) => (out += t) })
        await sb.fs.mkdir("/opfs/ext-" + mode, { recursive: true })
        const run = sb.run(`const fs = require('fs');
          const dir = '/opfs/ext-${mode}';
          fs.readdirSync(dir);
          const w = fs.watch(dir, (type, name) => {
            console.log(type, name);
            if (name === 'done.txt') w.close();
          });`)
        await new Promise((resolve) => setTimeout(resolve, 100))
        await opfs.write(`/ext-${mode}/done.txt`, "from the page")
        const result = await run
        await sb.dispose()
        return { out, exitCode: result.exitCode, opfs: sb.opfs }
      }, changes)
      expect(r).toMatchObject({ out: "rename done.txt\n", exitCode: 0, opfs: { backend: "bridge", changes } })
    }, 60_000)
  }

  it("rename (files and a directory), unlink, rmdir, readdir and symlinks behave as on a disk; errors keep Node's code, syscall and path", async () => {
    const r = await guest(
      page,
      `const fs = require('fs');
       const base = '/opfs/ops';
       fs.mkdirSync(base + '/a/b', { recursive: true });
       fs.writeFileSync(base + '/a/b/f.txt', 'f');
       fs.writeFileSync(base + '/a/g.txt', 'g');
       fs.renameSync(base + '/a/g.txt', base + '/g2.txt');
       fs.renameSync(base + '/a', base + '/moved');
       console.log(fs.readdirSync(base).sort().join(), fs.readdirSync(base + '/moved/b').join(), fs.readFileSync(base + '/moved/b/f.txt', 'utf8'));
       fs.writeFileSync(base + '/over.txt', 'old');
       fs.renameSync(base + '/g2.txt', base + '/over.txt');
       console.log(fs.readFileSync(base + '/over.txt', 'utf8'), fs.existsSync(base + '/g2.txt'));
       for (const [f, p] of [['rmdirSync', base + '/moved'], ['unlinkSync', base + '/moved'], ['readFileSync', base + '/nope'], ['mkdirSync', base + '/over.txt'], ['readdirSync', base + '/over.txt']]) {
         try { fs[f](p) } catch (e) { console.log(f, e.code, e.syscall, e.path === p, e.message) }
       }
       fs.symlinkSync('over.txt', base + '/link');
       console.log('symlink', fs.readlinkSync(base + '/link'), fs.readFileSync(base + '/link', 'utf8'), fs.lstatSync(base + '/link').isSymbolicLink());
       try { fs.symlinkSync('x', base + '/link') } catch (e) { console.log('symlinkSync', e.code, e.syscall, e.path, e.dest) }
       fs.unlinkSync(base + '/link');
       try { fs.renameSync(base + '/nope', base + '/x') } catch (e) { console.log('renameSync', e.code, e.syscall, e.path, e.dest) }
       const fd = fs.openSync(base + '/over.txt', 'r');
       fs.unlinkSync(base + '/over.txt');
       console.log(fs.readFileSync(fd, 'utf8'), fs.existsSync(base + '/over.txt'));
       fs.closeSync(fd);
       try { fs.rmdirSync(base + '/moved/b') } catch (e) { console.log('rmdirSync', e.code) }
       fs.unlinkSync(base + '/moved/b/f.txt');
       fs.rmdirSync(base + '/moved/b');
       fs.rmdirSync(base + '/moved');
       console.log(JSON.stringify(fs.readdirSync(base)));`,
    )
    expect(r.stderr).toBe("")
    expect(r.stdout.split("\n")).toEqual([
      "g2.txt,moved f.txt f",
      "g false",
      "rmdirSync ENOTEMPTY rmdir true ENOTEMPTY: directory not empty, rmdir '/opfs/ops/moved'",
      "unlinkSync EISDIR unlink true EISDIR: illegal operation on a directory, unlink '/opfs/ops/moved'",
      "readFileSync ENOENT open true ENOENT: no such file or directory, open '/opfs/ops/nope'",
      "mkdirSync EEXIST mkdir true EEXIST: file already exists, mkdir '/opfs/ops/over.txt'",
      "readdirSync ENOTDIR scandir true ENOTDIR: not a directory, scandir '/opfs/ops/over.txt'",
      "symlink over.txt g true",
      "symlinkSync EEXIST symlink x /opfs/ops/link",
      "renameSync ENOENT rename /opfs/ops/nope /opfs/ops/x",
      "g false",
      "rmdirSync ENOTEMPTY",
      "[]",
      "",
    ])
    expect(await pageOpfs(page, "list", "/ops")).toEqual([])
  }, 60_000)

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
          if (t.startsWith("kept")) removed = navigator.storage.getDirectory().then((root) => root.removeEntry("midrun", { recursive: true }))
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

  it("a file another context holds exclusively is EBUSY for the guest, not a hang", async () => {
    await page.evaluate(() => {
      const w = new Worker("/holder.js")
      ;(window as unknown as { holder: Worker }).holder = w
      return new Promise((resolve) => {
        w.onmessage = resolve
        w.postMessage("held.txt")
      })
    })
    const r = await guest(
      page,
      `const fs = require('fs');
       try { fs.writeFileSync('/opfs/held.txt', 'x') } catch (e) { console.log(e.code, e.syscall, e.path) }
       try { fs.readFileSync('/opfs/held.txt') } catch (e) { console.log(e.code, e.syscall, e.path) }`,
    )
    expect(r.stdout).toBe("EBUSY open /opfs/held.txt\nEBUSY open /opfs/held.txt\n")
    await page.evaluate(() => (window as unknown as { holder: Worker }).holder.terminate())
  }, 60_000)

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
    const r = await guest(p, `const fs = require('fs'); fs.writeFileSync('/opfs/x.txt', 'x'); console.log(fs.readFileSync('/opfs/x.txt', 'utf8'))`)
    expect(r).toMatchObject({ exitCode: 0, stdout: "x\n", opfs: { backend: "memory", path: "/opfs" } })
    expect(r.opfs.reason).toMatch(/no JSPI.*not cross-origin isolated/)
    expect(r.warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(p, "read", "/x.txt")).rejects.toThrow(/NotFoundError|could not be found/)
    await p.close()
  }, 60_000)
})
