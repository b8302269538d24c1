// The browser's /opfs (createSandbox({ opfs: true }) of quickjs-wasmfs/browser) in real
// Chromium: guest files are ordinary OPFS files, they persist across reloads, page and guest
// see each other's writes, and where JSPI or OPFS is missing the sandbox says so and runs on
// an in-memory /opfs.
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { guest, openPage, opfsPage, pageOpfs, startOpfsPages, type OpfsPages } from "./opfs-page"

// createInPage: the sandbox in the page's main thread, where OPFS has no sync handles.
const PAGE = opfsPage(`
  import { createSandbox } from "/dist/browser.mjs"
  import { createSandbox as createInPage } from "/dist/index.mjs"
  window.createSandbox = createSandbox
  window.createInPage = createInPage`)

describe("/opfs in Chromium", () => {
  let pages: OpfsPages
  let page: Page

  beforeAll(async () => {
    pages = await startOpfsPages(PAGE)
    page = await openPage(pages.context, pages.plain)
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
       fs.symlinkSync('package.json', '/opfs/project/link.json');
       fs.symlinkSync('/opfs/project/src', '/opfs/project/src-link');
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));`,
    )
    expect(wrote).toMatchObject({ exitCode: 0, stderr: "", opfs: { backend: "jspi" } })
    expect(wrote.stdout).toBe('{"name":"demo"}\n')
    expect(await pageOpfs(page, "read", "/project/src/log.txt")).toBe("one\ntwo\n")
    // symlinks, which OPFS has not, live in a small JSON file of their directory
    expect(await pageOpfs(page, "list", "/project")).toEqual([".quickjs-wasmfs-links.json", "package.json", "src/"])

    await page.reload()
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready)
    const read = await guest(
      page,
      `const fs = require('fs');
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));
       console.log(fs.readdirSync('/opfs/project').sort().join(','), fs.statSync('/opfs/project/src/log.txt').size);
       console.log(require('/opfs/project/package.json').name);
       console.log(fs.readlinkSync('/opfs/project/link.json'), fs.lstatSync('/opfs/project/link.json').isSymbolicLink(),
         fs.readFileSync('/opfs/project/link.json', 'utf8'), fs.readdirSync('/opfs/project/src-link').join());`,
    )
    expect(read).toMatchObject({ exitCode: 0, stderr: "" })
    expect(read.stdout).toBe('{"name":"demo"}\nlink.json,package.json,src,src-link 8\ndemo\npackage.json true {"name":"demo"} log.txt\n')
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
    // the run ended: the guest lets go of its handles (once idle for opfs.releaseAfter ms, here
    // inside the sandbox's dispose), so the page may write the file again
    await pageOpfs(page, "write", "/shared/from-guest.txt", "page again")
    expect(await pageOpfs(page, "read", "/shared/from-page.txt")).toBe("written by the page, then the guest")
    const again = await guest(page, `console.log(require('fs').readFileSync('/opfs/shared/from-guest.txt', 'utf8'))`)
    expect(again.stdout).toBe("page again\n")
  }, 60_000)

  it("a page change made while a sandbox lives shows at the guest's next turn", async () => {
    const r = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      let out = ""
      const sb = await createSandbox({ opfs: true, stdout: (t: string) => (out += t) })
      const { opfs } = window as unknown as { opfs: { write(p: string, t: string): Promise<void> } }
      await sb.run(`const fs = require('fs'); fs.mkdirSync('/opfs/live', { recursive: true }); console.log(fs.readdirSync('/opfs/live').length); fs.writeFileSync('/opfs/live/g.txt', 'guest')`)
      await opfs.write("/live/new.txt", "new")
      // the guest's handle on g.txt goes once it has been idle for opfs.releaseAfter (100 ms)
      const start = performance.now()
      let busy = 0
      for (;;) {
        try {
          await opfs.write("/live/g.txt", "page")
          break
        } catch (e) {
          if ((e as Error).name !== "NoModificationAllowedError" || performance.now() - start > 5000) throw e
          busy++
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
      await sb.run(`const fs = require('fs'); console.log(fs.readdirSync('/opfs/live').sort().join(), fs.readFileSync('/opfs/live/new.txt', 'utf8'), fs.readFileSync('/opfs/live/g.txt', 'utf8'))`)
      await sb.dispose()
      return { out, busy, waited: performance.now() - start }
    })
    expect(r.out).toBe("0\ng.txt,new.txt new page\n")
    // held right after the run, released within a second
    expect(r.busy).toBeGreaterThan(0)
    expect(r.waited).toBeLessThan(1000)
  }, 60_000)

  it("rename, unlink, rmdir and readdir behave as on a disk", async () => {
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
       for (const [f, p] of [['rmdirSync', base + '/moved'], ['unlinkSync', base + '/moved'], ['readFileSync', base + '/nope'], ['mkdirSync', base + '/over.txt']]) {
         try { fs[f](p) } catch (e) { console.log(f, e.code, e.syscall, e.path === p) }
       }
       const fd = fs.openSync(base + '/over.txt', 'r');
       fs.unlinkSync(base + '/over.txt');
       console.log(fs.readFileSync(fd, 'utf8'), fs.existsSync(base + '/over.txt'));
       fs.closeSync(fd);
       fs.rmSync(base + '/moved', { recursive: true });
       console.log(JSON.stringify(fs.readdirSync(base)));`,
    )
    expect(r.stderr).toBe("")
    expect(r.stdout.split("\n")).toEqual(
      [
        "g2.txt,moved f.txt f",
        "g false",
        "rmdirSync ENOTEMPTY rmdir true",
        "unlinkSync EISDIR unlink true",
        "readFileSync ENOENT open true",
        "mkdirSync EEXIST mkdir true",
        "g false",
        "[]",
        "",
      ],
    )
    expect(await pageOpfs(page, "list", "/ops")).toEqual([])
  }, 60_000)

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

  it("two sandboxes in two workers share the origin's files", async () => {
    const [a, b] = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      const outs = ["", ""]
      const [one, two] = await Promise.all(
        [0, 1].map((i) => createSandbox({ opfs: true, stdout: (t: string) => (outs[i] += t) })),
      )
      await Promise.all([
        one.run(`require('fs').mkdirSync('/opfs/two', { recursive: true }); require('fs').writeFileSync('/opfs/two/one.txt', 'from one')`),
        two.run(`require('fs').mkdirSync('/opfs/two', { recursive: true }); require('fs').writeFileSync('/opfs/two/two.txt', 'from two')`),
      ])
      await Promise.all([
        one.run(`console.log(require('fs').readFileSync('/opfs/two/two.txt', 'utf8'))`),
        two.run(`console.log(require('fs').readFileSync('/opfs/two/one.txt', 'utf8'))`),
      ])
      await Promise.all([one.dispose(), two.dispose()])
      return outs
    })
    expect([a, b]).toEqual(["from two\n", "from one\n"])
  }, 60_000)

  it("page-side fs calls reach /opfs through the worker", async () => {
    const r = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      const sb = await createSandbox({ opfs: true })
      await sb.fs.mkdir("/opfs/host-side", { recursive: true })
      await sb.fs.writeFile("/opfs/host-side/a.txt", "text")
      await sb.fs.writeFile("/opfs/host-side/b.bin", new Uint8Array([1, 2, 3]))
      const out = {
        list: await sb.fs.readdir("/opfs/host-side"),
        text: await sb.fs.readFile("/opfs/host-side/a.txt", "utf8"),
        bytes: Array.from(await sb.fs.readFile("/opfs/host-side/b.bin")),
        size: (await sb.fs.stat("/opfs/host-side/b.bin")).size,
        missing: await sb.fs.readFile("/opfs/host-side/none").catch((e: { code: string; syscall: string }) => `${e.code} ${e.syscall}`),
      }
      await sb.dispose()
      return out
    })
    expect(r).toEqual({ list: ["a.txt", "b.bin"], text: "text", bytes: [1, 2, 3], size: 3, missing: "ENOENT open" })
  }, 60_000)

  it("a page-side watcher hears the guest's /opfs changes", async () => {
    const r = await page.evaluate(async () => {
      const { createSandbox } = window as unknown as { createSandbox: Function }
      const sb = await createSandbox({ opfs: true })
      const seen: string[] = []
      const w = sb.watch("/opfs/hmr", { recursive: true }, (c: { type: string; path: string; oldPath?: string }) =>
        seen.push(`${c.type} ${c.path}${c.oldPath ? " from " + c.oldPath : ""}`),
      )
      await sb.run(`const fs = require('fs');
        fs.mkdirSync('/opfs/hmr/src', { recursive: true });
        fs.writeFileSync('/opfs/hmr/src/app.js', 'v1');
        fs.writeFileSync('/opfs/hmr/src/app.js', 'v2');
        fs.renameSync('/opfs/hmr/src/app.js', '/opfs/hmr/app.js');`)
      const afterRun = [...seen]
      w.close()
      await sb.dispose()
      return { afterRun, changes: sb.opfs.changes }
    })
    expect(r.changes).toBe("observer")
    // the guest's own changes are reported once (the browser's echo of them is not)
    expect(r.afterRun).toEqual([
      "create /opfs/hmr",
      "create /opfs/hmr/src",
      "create /opfs/hmr/src/app.js",
      "change /opfs/hmr/src/app.js",
      "rename /opfs/hmr/app.js from /opfs/hmr/src/app.js",
    ])
  }, 60_000)

  for (const changes of ["observer", "polling"] as const) {
    it(`the page's OPFS writes reach a guest fs.watch (${changes})`, async () => {
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
        return { out, exitCode: result.exitCode, changes: sb.opfs.changes }
      }, changes)
      expect(r).toEqual({ out: "rename done.txt\n", exitCode: 0, changes })
    }, 60_000)
  }

  it("works the same on a cross-origin-isolated page", async () => {
    const p = await openPage(pages.context, pages.isolated)
    expect(await p.evaluate(() => crossOriginIsolated)).toBe(true)
    const r = await guest(p, `const fs = require('fs'); fs.writeFileSync('/opfs/iso.txt', 'iso'); console.log(fs.readFileSync('/opfs/iso.txt', 'utf8'))`)
    expect(r).toMatchObject({ exitCode: 0, stdout: "iso\n", opfs: { backend: "jspi" } })
    await p.close()
  }, 60_000)

  it("without OPFS sync handles (a page's main thread) /opfs is memory, and the sandbox says why", async () => {
    const r = await page.evaluate(async () => {
      const { createInPage: createSandbox } = window as unknown as { createInPage: Function }
      const warnings: string[] = []
      let out = ""
      const sb = await createSandbox({ opfs: true, stdout: (t: string) => (out += t), onWarning: (m: string) => warnings.push(m) })
      await sb.run(`const fs = require('fs'); fs.writeFileSync('/opfs/mem.txt', 'm'); console.log(fs.readdirSync('/opfs').join())`)
      sb.dispose()
      return { out, warnings, opfs: sb.opfs }
    }).catch((e) => ({ failure: String(e) }))
    expect(r).toMatchObject({ out: "mem.txt\n", opfs: { backend: "memory", path: "/opfs" } })
    const { warnings, opfs } = r as { warnings: string[]; opfs: { reason: string } }
    expect(opfs.reason).toMatch(/dedicated Workers/)
    expect(warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(page, "read", "/mem.txt")).rejects.toThrow(/NotFoundError|could not be found/)
  }, 60_000)

  it("without JSPI /opfs is memory, and the sandbox says why", async () => {
    const r = await guest(page, `const fs = require('fs'); fs.writeFileSync('/opfs/x.txt', 'x'); console.log(fs.readFileSync('/opfs/x.txt', 'utf8'))`, {
      workerUrl: "/no-jspi-worker.mjs",
    })
    expect(r).toMatchObject({ exitCode: 0, stdout: "x\n", opfs: { backend: "memory" } })
    expect(r.opfs.reason).toMatch(/JSPI/)
    expect(r.warnings).toEqual([expect.stringContaining("/opfs is an in-memory directory, not OPFS")])
    await expect(pageOpfs(page, "read", "/x.txt")).rejects.toThrow(/NotFoundError|could not be found/)
  }, 60_000)
})
