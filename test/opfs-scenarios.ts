// What /opfs must do whichever way it reaches OPFS: through JSPI (test/opfs.test.ts) or through
// the bridge to an OPFS worker (test/opfs-bridge.test.ts). Each file registers these on its own
// page (`page()`), whose window.createSandbox makes a sandbox of that backend.
import type { Page } from "playwright-core"
import { expect, it } from "vitest"
import { guest, pageOpfs } from "./opfs-page"

export function opfsScenarios(page: () => Page, backend: "jspi" | "bridge"): void {
  it("guest files are OPFS files that survive a reload", async () => {
    const wrote = await guest(
      page(),
      `const fs = require('fs');
       fs.mkdirSync('/opfs/project/src', { recursive: true });
       fs.writeFileSync('/opfs/project/package.json', JSON.stringify({ name: 'demo' }));
       const fd = fs.openSync('/opfs/project/src/log.txt', 'w');
       fs.writeSync(fd, 'one\\n'); fs.writeSync(fd, 'two\\n'); fs.closeSync(fd);
       fs.symlinkSync('package.json', '/opfs/project/link.json');
       fs.symlinkSync('/opfs/project/src', '/opfs/project/src-link');
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));`,
    )
    expect(wrote).toMatchObject({ exitCode: 0, stderr: "", warnings: [], opfs: { backend, path: "/opfs" } })
    expect(wrote.opfs.reason).toBeUndefined()
    expect(wrote.stdout).toBe('{"name":"demo"}\n')
    expect(await pageOpfs(page(), "read", "/project/src/log.txt")).toBe("one\ntwo\n")
    // symlinks, which OPFS has not, live in a small JSON file of their directory
    expect(await pageOpfs(page(), "list", "/project")).toEqual([".quickjs-wasmfs-links.json", "package.json", "src/"])

    await page().reload()
    await page().waitForFunction(() => (window as unknown as { ready?: boolean }).ready)
    const read = await guest(
      page(),
      `const fs = require('fs');
       console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'));
       console.log(fs.readdirSync('/opfs/project').sort().join(','), fs.statSync('/opfs/project/src/log.txt').size);
       console.log(require('/opfs/project/package.json').name);
       console.log(fs.readlinkSync('/opfs/project/link.json'), fs.lstatSync('/opfs/project/link.json').isSymbolicLink(),
         fs.readFileSync('/opfs/project/link.json', 'utf8'), fs.readdirSync('/opfs/project/src-link').join());`,
    )
    expect(read).toMatchObject({ exitCode: 0, stderr: "", opfs: { backend } })
    expect(read.stdout).toBe('{"name":"demo"}\nlink.json,package.json,src,src-link 8\ndemo\npackage.json true {"name":"demo"} log.txt\n')
  }, 60_000)

  it("the page's OPFS writes reach the guest, and the guest's reach the page", async () => {
    await pageOpfs(page(), "write", "/shared/from-page.txt", "written by the page")
    const r = await guest(
      page(),
      `const fs = require('fs');
       console.log(fs.readFileSync('/opfs/shared/from-page.txt', 'utf8'));
       fs.writeFileSync('/opfs/shared/from-guest.txt', 'written by the guest');
       fs.appendFileSync('/opfs/shared/from-page.txt', ', then the guest');`,
    )
    expect(r).toMatchObject({ exitCode: 0, stdout: "written by the page\n", stderr: "" })
    expect(await pageOpfs(page(), "read", "/shared/from-guest.txt")).toBe("written by the guest")
    expect(await pageOpfs(page(), "read", "/shared/from-page.txt")).toBe("written by the page, then the guest")
    // the sandbox is disposed: its handles are closed, so the page may write the file again
    await pageOpfs(page(), "write", "/shared/from-guest.txt", "page again")
    const again = await guest(page(), `console.log(require('fs').readFileSync('/opfs/shared/from-guest.txt', 'utf8'))`)
    expect(again.stdout).toBe("page again\n")
  }, 60_000)

  it("a live sandbox sees page changes at its next turn, lets go of idle handles, and serves page-side fs calls", async () => {
    const r = await page().evaluate(async () => {
      const { createSandbox, opfs } = window as unknown as {
        createSandbox: Function
        opfs: { write(p: string, t: string): Promise<void> }
      }
      let out = ""
      const sb = await createSandbox({ opfs: true, stdout: (t: string) => (out += t) })
      await sb.run(
        `const fs = require('fs'); fs.mkdirSync('/opfs/live', { recursive: true }); console.log(fs.readdirSync('/opfs/live').length); fs.writeFileSync('/opfs/live/g.txt', 'guest')`,
      )
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
      await sb.run(
        `const fs = require('fs'); console.log(fs.readdirSync('/opfs/live').sort().join(), fs.readFileSync('/opfs/live/new.txt', 'utf8'), fs.readFileSync('/opfs/live/g.txt', 'utf8'))`,
      )
      await sb.fs.writeFile("/opfs/live/host.txt", "text")
      await sb.fs.writeFile("/opfs/live/host.bin", new Uint8Array([1, 2, 3]))
      const pageSide = {
        list: await sb.fs.readdir("/opfs/live"),
        text: await sb.fs.readFile("/opfs/live/host.txt", "utf8"),
        bytes: Array.from(await sb.fs.readFile("/opfs/live/host.bin")),
        size: (await sb.fs.stat("/opfs/live/host.bin")).size,
        missing: await sb.fs.readFile("/opfs/live/none").catch((e: { code: string; syscall: string }) => `${e.code} ${e.syscall}`),
      }
      await sb.dispose()
      return { out, pageSide, waited: performance.now() - start }
    })
    expect(r.out).toBe("0\ng.txt,new.txt new page\n")
    expect(r.waited).toBeLessThan(5000)
    expect(r.pageSide).toEqual({
      list: ["g.txt", "host.bin", "host.txt", "new.txt"],
      text: "text",
      bytes: [1, 2, 3],
      size: 3,
      missing: "ENOENT open",
    })
  }, 60_000)

  it("a page-side watcher hears the guest's /opfs changes once (the browser's echo of them is dropped)", async () => {
    const r = await page().evaluate(async () => {
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
      // echoes, were they not dropped, would have come by now
      await new Promise((resolve) => setTimeout(resolve, 300))
      await sb.fs.exists("/opfs")
      const seenLater = [...seen]
      w.close()
      await sb.dispose()
      return { seenLater, opfs: sb.opfs }
    })
    expect(r.opfs).toMatchObject({ backend, changes: "observer" })
    expect(r.seenLater).toEqual([
      "create /opfs/hmr",
      "create /opfs/hmr/src",
      "create /opfs/hmr/src/app.js",
      "change /opfs/hmr/src/app.js",
      "rename /opfs/hmr/app.js from /opfs/hmr/src/app.js",
    ])
  }, 60_000)

  for (const changes of ["observer", "polling"] as const) {
    it(`the page's OPFS writes reach a guest fs.watch (${changes})`, async () => {
      const r = await page().evaluate(async (mode) => {
        const { createSandbox, opfs } = window as unknown as {
          createSandbox: Function
          opfs: { write(p: string, t: string): Promise<void> }
        }
        let out = ""
        let err = ""
        const options = mode === "polling" ? { changes: "polling", pollInterval: 50 } : true
        const sb = await createSandbox({ opfs: options, stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) })
        await sb.fs.mkdir("/opfs/ext-" + mode, { recursive: true })
        const run = sb.run(`const fs = require('fs');
          const dir = '/opfs/ext-${mode}';
          fs.readdirSync(dir);
          const w = fs.watch(dir, (type, name) => {
            console.log(type, name);
            if (name === 'done.txt') w.close();
          });
          console.error('watching');`)
        // the page writes once the guest has listed the directory and watches it: on a busy
        // machine a fixed delay could let the write land first, in the guest's first listing
        while (!err.includes("watching")) await new Promise((resolve) => setTimeout(resolve, 10))
        await opfs.write(`/ext-${mode}/done.txt`, "from the page")
        const result = await run
        await sb.dispose()
        return { out, exitCode: result.exitCode, opfs: sb.opfs }
      }, changes)
      expect(r).toMatchObject({ out: "rename done.txt\n", exitCode: 0, opfs: { backend, changes } })
    }, 60_000)
  }

  it("polling hears the page rewrite files the guest created after its last listing (issue 14)", async () => {
    const r = await page().evaluate(async () => {
      const { createSandbox, opfs } = window as unknown as {
        createSandbox: Function
        opfs: { write(p: string, t: string): Promise<void> }
      }
      const sb = await createSandbox({ opfs: { changes: "polling", pollInterval: 50 }, stdout: () => {} })
      const heard: string[] = []
      const watcher = sb.watch("/opfs/pr", (c: { type: string; path: string }) => heard.push(`${c.type} ${c.path}`))
      await sb.run("require('fs').mkdirSync('/opfs/pr', { recursive: true }); require('fs').readdirSync('/opfs/pr')")
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
      const missed: string[] = []
      for (let i = 0; i < 4; i++) {
        await sb.run(`require('fs').writeFileSync('/opfs/pr/f${i}', 'guest ${i}')`)
        // past the echo window of the guest's own write, and the release of its handle
        await sleep(700)
        heard.length = 0
        await opfs.write(`/pr/f${i}`, `page ${i} rewrote it`)
        for (let n = 0; n < 100 && !heard.includes(`change /opfs/pr/f${i}`); n++) await sleep(20)
        if (!heard.includes(`change /opfs/pr/f${i}`)) missed.push(`f${i}: ${heard.join(", ")}`)
      }
      watcher.close()
      await sb.dispose()
      return { missed, changes: sb.opfs.changes }
    })
    expect(r).toEqual({ missed: [], changes: "polling" })
  }, 90_000)

  it("rename (files and a directory), unlink, rmdir, readdir and symlinks behave as on a disk; errors keep Node's code, syscall and path", async () => {
    const r = await guest(
      page(),
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
    expect(await pageOpfs(page(), "list", "/ops")).toEqual([])
  }, 60_000)

  it("a file another context holds exclusively is EBUSY for the guest, not a hang", async () => {
    await page().evaluate(() => {
      const w = new Worker("/holder.js")
      ;(window as unknown as { holder: Worker }).holder = w
      return new Promise((resolve) => {
        w.onmessage = resolve
        w.postMessage("held.txt")
      })
    })
    const r = await guest(
      page(),
      `const fs = require('fs');
       try { fs.writeFileSync('/opfs/held.txt', 'x') } catch (e) { console.log(e.code, e.syscall, e.path) }
       try { fs.readFileSync('/opfs/held.txt') } catch (e) { console.log(e.code, e.syscall, e.path) }`,
    )
    expect(r.stdout).toBe("EBUSY open /opfs/held.txt\nEBUSY open /opfs/held.txt\n")
    await page().evaluate(() => (window as unknown as { holder: Worker }).holder.terminate())
  }, 60_000)
}
