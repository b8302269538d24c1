// Issue 13, items 7 and 10: growing in-memory files never aborts the instance, and the in-memory
// tree is bounded (storageLimit, ENOSPC) on every path that grows it.
import { describe, expect, it } from "vitest"
import { createSandbox, storageUsage, type SandboxOptions } from "../../runtime/index"

const MiB = 1024 * 1024

async function sandboxWith(options: SandboxOptions = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  const run = async (code: string) => {
    stdout = ""
    stderr = ""
    const result = await sandbox.run(code, { filename: "/main.js" })
    return { ...result, stdout, stderr }
  }
  return { sandbox, run }
}

// The error a failed growth must end with, as Node reports ENOSPC from write(2).
const enospcWrite = {
  code: "ENOSPC",
  errno: -28,
  syscall: "write",
  message: "ENOSPC: no space left on device, write",
}

describe("file growth (issue 13, item 7)", () => {
  it("appendFileSync in 64 MiB chunks ends with a catchable ENOSPC, and later runs work", async () => {
    const { sandbox, run } = await sandboxWith()
    try {
      const first = await run(`
        const fs = require('fs');
        const chunk = Buffer.alloc(64 << 20, 1);
        let n = 0, error;
        try { for (;;) { fs.appendFileSync('/big', chunk); n++ } }
        catch (e) { error = { code: e.code, errno: e.errno, syscall: e.syscall, message: e.message } }
        console.log(JSON.stringify({ n, error, size: fs.statSync('/big').size }));`)
      expect(first.exitCode).toBe(0)
      const out = JSON.parse(first.stdout)
      expect(out.error).toEqual(enospcWrite)
      // the default bound is 256 MiB: three whole chunks fit, the fourth does not
      expect(out.n).toBe(3)
      expect(out.size).toBe(3 * 64 * MiB)
      const later = await run(`
        const fs = require('fs');
        fs.unlinkSync('/big');
        fs.writeFileSync('/after', 'still fine');
        console.log(fs.readFileSync('/after', 'utf8'));`)
      expect(later).toMatchObject({ exitCode: 0, stdout: "still fine\n" })
    } finally {
      sandbox.dispose()
    }
  })
})

describe("storage bound (issue 13, item 10)", () => {
  const limit = 8 * MiB

  it("refuses growth past storageLimit on every path, with Node's error", async () => {
    const { sandbox, run } = await sandboxWith({ storageLimit: limit, memoryLimit: 64 * MiB })
    try {
      const r = await run(`
        const fs = require('fs');
        const MiB = 1 << 20;
        const shape = (e) => e && ({ code: e.code, errno: e.errno, syscall: e.syscall, message: e.message });
        const results = {};
        (async () => {
        const tryIt = async (name, f) => {
          try { await f(); results[name] = 'no error' } catch (e) { results[name] = shape(e) }
          for (const n of fs.readdirSync('/t')) fs.rmSync('/t/' + n, { recursive: true });
        };
        fs.mkdirSync('/t');
        const mib = Buffer.alloc(MiB, 7);
        await tryIt('appendFileSync', () => { for (;;) fs.appendFileSync('/t/a', mib) });
        await tryIt('writeFileSync', () => fs.writeFileSync('/t/a', Buffer.alloc(9 * MiB)));
        await tryIt("writeFileSync 'a'", () => { for (;;) fs.writeFileSync('/t/a', mib, { flag: 'a' }) });
        await tryIt('promises.appendFile', async () => { for (;;) await fs.promises.appendFile('/t/a', mib) });
        await tryIt('createWriteStream a', () => new Promise((resolve, reject) => {
          const s = fs.createWriteStream('/t/a', { flags: 'a' });
          s.on('error', reject);
          let i = 0;
          const more = () => { while (i++ < 20) if (!s.write(mib)) return s.once('drain', more); s.end(resolve) };
          more();
        }));
        await tryIt('writeSync far', () => {
          const fd = fs.openSync('/t/a', 'w');
          try { fs.writeSync(fd, 'x', 16 * MiB) } finally { fs.closeSync(fd) }
        });
        await tryIt('writeSync sparse', () => {
          const fd = fs.openSync('/t/a', 'w');
          try { fs.writeSync(fd, mib, 0, 1, 4 * MiB); fs.writeSync(fd, mib, 0, 1, 9 * MiB) } finally { fs.closeSync(fd) }
        });
        await tryIt('writevSync', () => {
          const fd = fs.openSync('/t/a', 'w');
          // a short count first (Linux writes what fits), then the error
          try { results.writevShort = fs.writevSync(fd, Array(9).fill(mib)) / MiB; fs.writevSync(fd, [mib]) }
          finally { fs.closeSync(fd) }
        });
        await tryIt('ftruncateSync', () => {
          const fd = fs.openSync('/t/a', 'w');
          try { fs.ftruncateSync(fd, 16 * MiB) } finally { fs.closeSync(fd) }
        });
        await tryIt('truncateSync', () => { fs.writeFileSync('/t/a', ''); fs.truncateSync('/t/a', 16 * MiB) });
        await tryIt('copyFileSync', () => {
          fs.writeFileSync('/t/a', Buffer.alloc(5 * MiB));
          try { fs.copyFileSync('/t/a', '/t/b') } finally { results.copyLeft = fs.existsSync('/t/b') }
        });
        console.log(JSON.stringify(results));
        })();`)
      expect(r.stderr).toBe("")
      const results = JSON.parse(r.stdout)
      const truncate = (syscall: string) => ({ ...enospcWrite, syscall, message: `ENOSPC: no space left on device, ${syscall}` })
      expect(results).toEqual({
        appendFileSync: enospcWrite,
        writeFileSync: enospcWrite,
        "writeFileSync 'a'": enospcWrite,
        "promises.appendFile": enospcWrite,
        "createWriteStream a": enospcWrite,
        "writeSync far": enospcWrite,
        "writeSync sparse": enospcWrite,
        writevSync: enospcWrite,
        writevShort: 7,
        ftruncateSync: truncate("ftruncate"),
        // Node's truncateSync is open + ftruncateSync: the growth is ftruncate's error
        truncateSync: truncate("ftruncate"),
        copyFileSync: {
          ...truncate("copyfile"),
          message: "ENOSPC: no space left on device, copyfile '/t/a' -> '/t/b'",
        },
        // libuv removes a destination it could not fill
        copyLeft: false,
      })
      expect(storageUsage(sandbox.module).used).toBeLessThanOrEqual(limit)
    } finally {
      sandbox.dispose()
    }
  })

  it("bounds host writes through sandbox.fs and the initial files", async () => {
    const { sandbox } = await sandboxWith({ storageLimit: limit })
    try {
      expect(() => sandbox.fs.writeFileSync("/big", new Uint8Array(9 * MiB))).toThrow(expect.objectContaining({ code: "ENOSPC" }))
      expect(storageUsage(sandbox.module)).toEqual({ used: expect.any(Number), limit })
      expect(storageUsage(sandbox.module).used).toBeLessThanOrEqual(limit)
    } finally {
      sandbox.dispose()
    }
    await expect(
      createSandbox({ storageLimit: MiB, files: { "/a.bin": new Uint8Array(MiB / 2), "/b.bin": new Uint8Array(MiB / 2) } }),
    ).rejects.toThrow(/ENOSPC/)
  })

  it("frees on unlink and truncate, but an unlinked open file keeps its bytes until closed", async () => {
    const { sandbox, run } = await sandboxWith({ storageLimit: limit })
    try {
      const r = await run(`
        const fs = require('fs');
        const six = Buffer.alloc(6 << 20, 1);
        const code = (f) => { try { f(); return 'ok' } catch (e) { return e.code } };
        const steps = [];
        const st = fs.statfsSync('/');
        steps.push(st.blocks * st.bsize);
        const free = () => { const s = fs.statfsSync('/'); return s.bavail * s.bsize };
        const before = free();
        fs.writeFileSync('/a', six);
        steps.push((before - free()) / (1 << 20));
        steps.push(code(() => fs.writeFileSync('/b', six)));
        fs.unlinkSync('/a');
        steps.push(code(() => fs.writeFileSync('/b', six)));
        fs.truncateSync('/b', 1);
        steps.push(code(() => fs.writeFileSync('/c', six)));
        fs.unlinkSync('/b');
        const fd = fs.openSync('/c', 'r');
        fs.unlinkSync('/c');
        steps.push(code(() => fs.writeFileSync('/d', six)));
        steps.push(fs.readSync(fd, Buffer.alloc(10), 0, 10, 0));
        fs.closeSync(fd);
        steps.push(code(() => fs.writeFileSync('/d', six)));
        console.log(JSON.stringify(steps));`)
      expect(r.stderr).toBe("")
      // statfs: the tree's size is the bound, and a 6 MiB file takes 6 MiB (plus its inode)
      const [size, taken, ...steps] = JSON.parse(r.stdout)
      expect(size).toBe(limit)
      expect(taken).toBeCloseTo(6, 2)
      expect(steps).toEqual(["ENOSPC", "ok", "ok", "ENOSPC", 10, "ok"])
    } finally {
      sandbox.dispose()
    }
  })

  it("bounds empty files, directories and symlinks too", async () => {
    const { sandbox, run } = await sandboxWith({ storageLimit: 1 * MiB })
    try {
      const r = await run(`
        const fs = require('fs');
        const shape = (e) => ({ code: e.code, errno: e.errno, syscall: e.syscall, message: e.message });
        let n = 0, error;
        try { for (;;) { fs.writeFileSync('/f' + n, ''); n++ } } catch (e) { error = shape(e) }
        const other = {};
        try { fs.mkdirSync('/dir') } catch (e) { other.mkdir = shape(e) }
        try { fs.symlinkSync('/f0', '/link') } catch (e) { other.symlink = shape(e) }
        for (let i = 0; i < 10; i++) fs.unlinkSync('/f' + i);
        fs.mkdirSync('/dir');
        console.log(JSON.stringify({ n, error, other }));`)
      expect(r.stderr).toBe("")
      const out = JSON.parse(r.stdout)
      expect(out.n).toBeGreaterThan(1000)
      expect(out.n).toBeLessThan(2048)
      expect(out.error).toEqual({
        code: "ENOSPC",
        errno: -28,
        syscall: "open",
        message: `ENOSPC: no space left on device, open '/f${out.n}'`,
      })
      expect(out.other).toEqual({
        mkdir: { code: "ENOSPC", errno: -28, syscall: "mkdir", message: "ENOSPC: no space left on device, mkdir '/dir'" },
        symlink: {
          code: "ENOSPC",
          errno: -28,
          syscall: "symlink",
          message: "ENOSPC: no space left on device, symlink '/f0' -> '/link'",
        },
      })
    } finally {
      sandbox.dispose()
    }
  })
})
