// Host directories mounted into sandboxes (createSandbox's `mounts`, the CLI's --mount):
// reads and writes reach the host directory itself, live; read-only mounts fail every change
// with Node's EROFS error; and no path, symlink or rename gets a guest outside the directory.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { getSystemErrorMap } from "node:util"
import { afterAll, beforeEach, describe, expect, it } from "vitest"
import { createSandbox, type SandboxOptions } from "../runtime/index"

const base = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), "qjsw-mounts-")))
afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

let host: string // the mounted directory, fresh for each test
let outside: string // its sibling, which no guest may read or write
const SECRET = "secret outside the mount"
let n = 0
beforeEach(() => {
  host = join(base, `host${++n}`)
  outside = join(base, `outside${n}`)
  fs.mkdirSync(join(host, "sub"), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(join(host, "a.txt"), "hello from the host")
  fs.writeFileSync(join(host, "sub/b.txt"), "bee")
  fs.writeFileSync(join(outside, "secret.txt"), SECRET)
})

/** Runs `code` (which fills `out`) in a new sandbox; returns `out` and what was printed. */
async function guest(code: string, options: SandboxOptions) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  try {
    const wrapped = `const fs = require('fs'); const out = {};
      const err = (f) => { try { f(); return 'no error'; } catch (e) {
        return { code: e.code, errno: e.errno, syscall: e.syscall, path: e.path, dest: e.dest, message: e.message }; } };
      ${code}
      console.log(JSON.stringify(out));`
    const result = await sandbox.run(wrapped, { filename: "/main.js" })
    expect(stderr).toBe("")
    expect(result.exitCode).toBe(0)
    return { out: JSON.parse(stdout) as Record<string, any>, stdout }
  } finally {
    sandbox.dispose()
  }
}

/** Node's error for `code` (as libuv names it) on `syscall` of `path`, as Node 20 builds it. */
function nodeError(code: string, syscall: string, path: string, dest?: string) {
  const [errno, [, description]] = [...getSystemErrorMap()].find(([, [name]]) => name === code)!
  const where = dest ? `'${path}' -> '${dest}'` : `'${path}'`
  return { code, errno, syscall, path, dest, message: `${code}: ${description}, ${syscall} ${where}` }
}

describe("mounts: read-write", () => {
  it("reads host files and lists host directories", async () => {
    const { out } = await guest(
      `out.a = fs.readFileSync('/mnt/a.txt', 'utf8');
       out.b = fs.readFileSync('/mnt/sub/b.txt', 'utf8');
       out.list = fs.readdirSync('/mnt').sort();
       out.types = fs.readdirSync('/mnt', { withFileTypes: true }).map((d) => [d.name, d.isFile(), d.isDirectory()]).sort();
       out.st = fs.statSync('/mnt/a.txt');
       out.st = { size: out.st.size, mode: out.st.mode, mtimeMs: out.st.mtimeMs, isFile: out.st.isFile() };
       out.dirMode = fs.statSync('/mnt/sub').mode;`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    const st = fs.statSync(join(host, "a.txt"))
    expect(out.a).toBe("hello from the host")
    expect(out.b).toBe("bee")
    expect(out.list).toEqual(fs.readdirSync(host).sort())
    expect(out.types).toEqual([
      ["a.txt", true, false],
      ["sub", false, true],
    ])
    expect(out.st.size).toBe(st.size)
    expect(out.st.mode).toBe(st.mode)
    expect(out.st.isFile).toBe(true)
    expect(Math.abs(out.st.mtimeMs - st.mtimeMs)).toBeLessThan(1)
    expect(out.dirMode).toBe(fs.statSync(join(host, "sub")).mode)
  })

  it("accepts the record form { guestPath: hostPath }", async () => {
    const { out } = await guest(`out.a = fs.readFileSync('/data/x/a.txt', 'utf8');`, { mounts: { "/data/x": host } })
    expect(out.a).toBe("hello from the host")
  })

  it("writes, renames, truncates, chmods and removes on the host", async () => {
    fs.writeFileSync(join(host, "gone.txt"), "x")
    fs.mkdirSync(join(host, "gonedir"))
    await guest(
      `fs.writeFileSync('/mnt/new.txt', 'written by the guest');
       fs.appendFileSync('/mnt/new.txt', '!');
       fs.mkdirSync('/mnt/d/e', { recursive: true });
       fs.writeFileSync('/mnt/d/e/f.txt', 'deep');
       fs.renameSync('/mnt/d', '/mnt/d2');
       out.afterDirRename = fs.readFileSync('/mnt/d2/e/f.txt', 'utf8');
       fs.writeFileSync('/mnt/t.txt', '0123456789');
       fs.truncateSync('/mnt/t.txt', 4);
       const fd = fs.openSync('/mnt/t.txt', 'r+');
       fs.ftruncateSync(fd, 2);
       fs.writeSync(fd, 'Z', 5);
       fs.fsyncSync(fd);
       fs.closeSync(fd);
       fs.symlinkSync('a.txt', '/mnt/link');
       out.viaLink = fs.readFileSync('/mnt/link', 'utf8');
       fs.chmodSync('/mnt/a.txt', 0o600);
       fs.utimesSync('/mnt/a.txt', 1000, 2000);
       fs.unlinkSync('/mnt/gone.txt');
       fs.rmdirSync('/mnt/gonedir');
       fs.writeFileSync('/mnt/ro-mode.txt', 'made read-only', { mode: 0o444 });`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(fs.readFileSync(join(host, "new.txt"), "utf8")).toBe("written by the guest!")
    expect(fs.readFileSync(join(host, "d2/e/f.txt"), "utf8")).toBe("deep")
    expect(fs.existsSync(join(host, "d"))).toBe(false)
    expect(fs.readFileSync(join(host, "t.txt"), "latin1")).toBe("01\0\0\0Z")
    const a = fs.statSync(join(host, "a.txt"))
    expect(a.mode & 0o777).toBe(0o600)
    expect(a.mtimeMs).toBe(2_000_000)
    expect(a.atimeMs).toBe(1_000_000)
    expect(fs.existsSync(join(host, "gone.txt"))).toBe(false)
    expect(fs.existsSync(join(host, "gonedir"))).toBe(false)
    expect(fs.readFileSync(join(host, "ro-mode.txt"), "utf8")).toBe("made read-only")
    expect(fs.statSync(join(host, "ro-mode.txt")).mode & 0o777).toBe(0o444)
    expect(fs.readlinkSync(join(host, "link"))).toBe("a.txt")
  })

  it("absolute symlinks inside the mount name the same file on both sides", async () => {
    fs.symlinkSync(join(host, "sub/b.txt"), join(host, "hostmade"))
    fs.symlinkSync(host, join(host, "rootlink"))
    const { out } = await guest(
      `out.read = fs.readFileSync('/mnt/hostmade', 'utf8');
       out.readlink = fs.readlinkSync('/mnt/hostmade');
       out.viaRoot = fs.readFileSync('/mnt/rootlink/a.txt', 'utf8');
       out.rootTarget = fs.readlinkSync('/mnt/rootlink');
       fs.symlinkSync('/mnt/a.txt', '/mnt/guestmade');
       out.notInside = err(() => fs.symlinkSync('/mntx/a.txt', '/mnt/notinside'));
       out.guestReadlink = fs.readlinkSync('/mnt/guestmade');`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(out.read).toBe("bee")
    expect(out.readlink).toBe("/mnt/sub/b.txt")
    expect(out.viaRoot).toBe("hello from the host")
    expect(out.rootTarget).toBe("/mnt")
    expect(out.guestReadlink).toBe("/mnt/a.txt")
    expect(fs.readlinkSync(join(host, "guestmade"))).toBe(join(host, "a.txt"))
    expect(fs.readFileSync(join(host, "guestmade"), "utf8")).toBe("hello from the host")
    // a link the host could not hold inside the mount (test/security/mount-symlinks.test.ts)
    expect(out.notInside).toMatchObject({ code: "EPERM", syscall: "symlink" })
    expect(fs.existsSync(join(host, "notinside"))).toBe(false)
  })

  it("is live: host changes after mounting are what the guest sees", async () => {
    let sandbox: Awaited<ReturnType<typeof createSandbox>> | undefined
    try {
      sandbox = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/mnt" }] })
      const read = (p: string) => {
        try {
          return sandbox!.fs.readFileSync(p, "utf8")
        } catch (e) {
          return (e as { code: string }).code
        }
      }
      expect(read("/mnt/a.txt")).toBe("hello from the host")
      fs.writeFileSync(join(host, "a.txt"), "changed on the host")
      fs.writeFileSync(join(host, "later.txt"), "made later")
      expect(read("/mnt/a.txt")).toBe("changed on the host")
      expect(read("/mnt/later.txt")).toBe("made later")
      expect(sandbox.fs.readdirSync("/mnt")).toContain("later.txt")
      fs.rmSync(join(host, "sub"), { recursive: true })
      fs.writeFileSync(join(host, "sub"), "now a file")
      expect(read("/mnt/sub/b.txt")).toBe("ENOTDIR")
      expect(read("/mnt/sub")).toBe("now a file")
      fs.unlinkSync(join(host, "later.txt"))
      expect(read("/mnt/later.txt")).toBe("ENOENT")
    } finally {
      sandbox?.dispose()
    }
  })

  it("loads modules from a mount (require and import)", async () => {
    fs.writeFileSync(join(host, "lib.js"), "module.exports = (x) => 'lib says ' + x")
    fs.writeFileSync(join(host, "esm.mjs"), "export const v = 'esm on the host'")
    fs.writeFileSync(join(host, "main.mjs"), "import { v } from './esm.mjs'; import lib from './lib.js'; console.log(v, lib('hi'))")
    fs.writeFileSync(join(host, "main.js"), "console.log(require('./lib')('required'))")
    let printed = ""
    const sandbox = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/app" }], stdout: (t) => (printed += t) })
    try {
      expect((await sandbox.import("/app/main.mjs")).exitCode).toBe(0)
      expect((await sandbox.runFile("/app/main.js")).exitCode).toBe(0)
      expect(printed).toBe("esm on the host lib says hi\nlib says required\n")
    } finally {
      sandbox.dispose()
    }
  })

  it("handles files past 4 GiB without holding them in Wasm memory", async () => {
    const big = join(host, "big.bin")
    const fd = fs.openSync(big, "w")
    fs.writeSync(fd, "MARK", 4.5 * 2 ** 30)
    fs.closeSync(fd)
    const { out } = await guest(
      `out.size = fs.statSync('/mnt/big.bin').size;
       const fd = fs.openSync('/mnt/big.bin', 'r+');
       const b = Buffer.alloc(4);
       fs.readSync(fd, b, 0, 4, 4.5 * 2 ** 30);
       out.mark = b.toString();
       fs.writeSync(fd, 'TAIL', 5 * 2 ** 30);
       fs.ftruncateSync(fd, 6 * 2 ** 30);
       fs.closeSync(fd);
       out.after = fs.statSync('/mnt/big.bin').size;`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(out.size).toBe(4.5 * 2 ** 30 + 4)
    expect(out.mark).toBe("MARK")
    expect(out.after).toBe(6 * 2 ** 30)
    const tail = Buffer.alloc(4)
    const hfd = fs.openSync(big, "r")
    fs.readSync(hfd, tail, 0, 4, 5 * 2 ** 30)
    fs.closeSync(hfd)
    expect(tail.toString()).toBe("TAIL")
  })
})

describe("mounts: read-only", () => {
  it("fails every change with Node's EROFS error and leaves the host as it was", async () => {
    const before = JSON.stringify(snapshotTree(host))
    const { out } = await guest(
      `out.read = fs.readFileSync('/ro/a.txt', 'utf8');
       out.list = fs.readdirSync('/ro');
       out.openW = err(() => fs.openSync('/ro/a.txt', 'w'));
       out.openRplus = err(() => fs.openSync('/ro/a.txt', 'r+'));
       out.openA = err(() => fs.openSync('/ro/a.txt', 'a'));
       out.openTrunc = err(() => fs.openSync('/ro/a.txt', fs.constants.O_RDONLY | fs.constants.O_TRUNC));
       out.create = err(() => fs.writeFileSync('/ro/new.txt', 'x'));
       out.append = err(() => fs.appendFileSync('/ro/a.txt', 'x'));
       out.unlink = err(() => fs.unlinkSync('/ro/a.txt'));
       out.renameWithin = err(() => fs.renameSync('/ro/a.txt', '/ro/b.txt'));
       out.mkdir = err(() => fs.mkdirSync('/ro/d'));
       out.mkdirp = err(() => fs.mkdirSync('/ro/d/e', { recursive: true }));
       out.rmdir = err(() => fs.rmdirSync('/ro/sub'));
       out.symlink = err(() => fs.symlinkSync('a.txt', '/ro/l'));
       out.utimes = err(() => fs.utimesSync('/ro/a.txt', 1, 1));
       out.chmod = err(() => fs.chmodSync('/ro/a.txt', 0o600));
       out.chown = err(() => fs.chownSync('/ro/a.txt', 0, 0));
       out.truncate = err(() => fs.truncateSync('/ro/a.txt', 1));
       fs.writeFileSync('/src.txt', 'in memory');
       out.copyInto = err(() => fs.copyFileSync('/src.txt', '/ro/copy.txt'));
       const fd = fs.openSync('/ro/a.txt', 'r');
       out.fchmod = err(() => fs.fchmodSync(fd, 0o600));
       out.futimes = err(() => fs.futimesSync(fd, 1, 1));
       fs.closeSync(fd);
       out.access = err(() => fs.accessSync('/ro/a.txt', fs.constants.W_OK));
       out.accessRead = err(() => fs.accessSync('/ro/a.txt', fs.constants.R_OK));
       out.existing = err(() => fs.mkdirSync('/ro/sub'));
       out.missingUnlink = err(() => fs.unlinkSync('/ro/nope'));
       out.missingRmdir = err(() => fs.rmdirSync('/ro/nope'));
       out.missingRename = err(() => fs.renameSync('/ro/nope', '/ro/nope2'));
       out.missingParent = err(() => fs.unlinkSync('/ro/nodir/x'));`,
      { mounts: [{ hostPath: host, guestPath: "/ro", readonly: true }] },
    )
    expect(out.read).toBe("hello from the host")
    expect(out.list.sort()).toEqual(["a.txt", "sub"])
    const rofs = (syscall: string, path: string, dest?: string) => JSON.parse(JSON.stringify(nodeError("EROFS", syscall, path, dest)))
    expect(out.openW).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.openW.errno).toBe(-30)
    expect(out.openW.message).toBe("EROFS: read-only file system, open '/ro/a.txt'")
    expect(out.openRplus).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.openA).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.openTrunc).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.create).toEqual(rofs("open", "/ro/new.txt"))
    expect(out.append).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.unlink).toEqual(rofs("unlink", "/ro/a.txt"))
    expect(out.renameWithin).toEqual(rofs("rename", "/ro/a.txt", "/ro/b.txt"))
    expect(out.mkdir).toEqual(rofs("mkdir", "/ro/d"))
    expect(out.mkdirp).toEqual(rofs("mkdir", "/ro/d/e"))
    expect(out.rmdir).toEqual(rofs("rmdir", "/ro/sub"))
    expect(out.symlink).toEqual(rofs("symlink", "a.txt", "/ro/l"))
    expect(out.utimes).toEqual(rofs("utime", "/ro/a.txt"))
    expect(out.chmod).toEqual(rofs("chmod", "/ro/a.txt"))
    expect(out.chown).toEqual(rofs("chown", "/ro/a.txt"))
    expect(out.truncate).toEqual(rofs("open", "/ro/a.txt"))
    expect(out.copyInto).toEqual(rofs("copyfile", "/src.txt", "/ro/copy.txt"))
    expect(out.access).toEqual(rofs("access", "/ro/a.txt"))
    expect(out.accessRead).toBe("no error")
    expect(out.fchmod).toMatchObject({ code: "EROFS", errno: -30, syscall: "fchmod" })
    expect(out.futimes).toMatchObject({ code: "EROFS", errno: -30, syscall: "futime" })
    // Linux: mkdir reports an existing name first; unlink, rmdir and rename check the
    // file system before looking the name up (once the parent directory resolves)
    expect(out.existing).toMatchObject({ code: "EEXIST" })
    expect(out.missingUnlink).toEqual(rofs("unlink", "/ro/nope"))
    expect(out.missingRmdir).toEqual(rofs("rmdir", "/ro/nope"))
    expect(out.missingRename).toEqual(rofs("rename", "/ro/nope", "/ro/nope2"))
    expect(out.missingParent).toMatchObject({ code: "ENOENT" })
    expect(JSON.stringify(snapshotTree(host))).toBe(before)
  })

  it("renames into and out of a read-only mount fail (EXDEV across mounts, as Linux)", async () => {
    const other = join(base, `other${n}`)
    fs.mkdirSync(other)
    const { out } = await guest(
      `fs.writeFileSync('/mem.txt', 'in memory');
       out.intoRo = err(() => fs.renameSync('/mem.txt', '/ro/mem.txt'));
       out.outOfRo = err(() => fs.renameSync('/ro/a.txt', '/moved.txt'));
       out.roToRw = err(() => fs.renameSync('/ro/a.txt', '/rw/a.txt'));
       out.rwToMem = err(() => fs.renameSync('/rw', '/elsewhere'));`,
      {
        mounts: [
          { hostPath: host, guestPath: "/ro", readonly: true },
          { hostPath: other, guestPath: "/rw" },
        ],
      },
    )
    expect(out.intoRo).toMatchObject({ code: "EXDEV", syscall: "rename" })
    expect(out.outOfRo).toMatchObject({ code: "EXDEV", syscall: "rename" })
    expect(out.roToRw).toMatchObject({ code: "EXDEV", syscall: "rename" })
    expect(out.rwToMem).toMatchObject({ code: "EBUSY", syscall: "rename" })
    expect(fs.readFileSync(join(host, "a.txt"), "utf8")).toBe("hello from the host")
  })
})

describe("mounts: host errors", () => {
  it("permission errors are the host's, as Node reports them (run as an unprivileged user)", () => {
    fs.mkdirSync(join(host, "closed"))
    fs.writeFileSync(join(host, "closed/f"), "x")
    fs.writeFileSync(join(host, "private.txt"), "y")
    fs.chmodSync(join(host, "closed"), 0o700)
    fs.chmodSync(join(host, "private.txt"), 0o600)
    fs.chmodSync(host, 0o755)
    fs.chmodSync(base, 0o755) // mkdtemp made it private to us
    // The same operations on the host directory in Node and on the mount in a sandbox.
    const ops = `[
      ['read in closed dir', () => fs.readFileSync(ROOT + '/closed/f', 'utf8')],
      ['list closed dir', () => fs.readdirSync(ROOT + '/closed')],
      ['stat in closed dir', () => fs.statSync(ROOT + '/closed/f')],
      ['create in closed dir', () => fs.writeFileSync(ROOT + '/closed/new', 'x')],
      ['read private file', () => fs.readFileSync(ROOT + '/private.txt', 'utf8')],
      ['create in unwritable dir', () => fs.writeFileSync(ROOT + '/new', 'x')],
      ['mkdir in unwritable dir', () => fs.mkdirSync(ROOT + '/newdir')],
      ['unlink in unwritable dir', () => fs.unlinkSync(ROOT + '/a.txt')],
    ].map(([label, f]) => { try { f(); return label + ': ok'; } catch (e) { return label + ': ' + e.message.split(ROOT).join('<root>'); } })`
    // The unprivileged user may not reach this checkout (a clone in a private temp dir): it
    // gets the built package and its two runtime dependencies in the readable test dir.
    const pkg = join(base, `pkg${n}`)
    const repo = join(__dirname, "..")
    for (const part of [
      "package.json",
      "dist",
      "build/wasm",
      "node_modules/quickjs-emscripten-core",
      "node_modules/@jitl/quickjs-ffi-types",
    ]) {
      fs.cpSync(join(repo, part), join(pkg, part), { recursive: true, dereference: true })
    }
    const script = join(base, `perm${n}.mjs`)
    fs.writeFileSync(
      script,
      `import * as fs from "node:fs"
       import { createSandbox } from ${JSON.stringify(join(pkg, "dist/index.mjs"))}
       let ROOT = ${JSON.stringify(host)}
       const node = ${ops}
       let out = ""
       const sb = await createSandbox({ mounts: { "/m": ROOT }, stdout: (t) => (out += t) })
       await sb.run("const fs = require('fs'); const ROOT = '/m'; console.log(JSON.stringify(" + ${JSON.stringify(ops)} + "))")
       console.log(JSON.stringify({ node, sandbox: JSON.parse(out) }))`,
    )
    const root = process.getuid?.() === 0
    fs.chmodSync(script, 0o644)
    const r = spawnSync(process.execPath, [script], { encoding: "utf8", ...(root ? { uid: 65534, gid: 65534 } : {}) })
    expect(r.stderr).toBe("")
    const { node, sandbox } = JSON.parse(r.stdout)
    expect(node.filter((l: string) => l.includes("EACCES")).length).toBeGreaterThanOrEqual(6)
    expect(sandbox).toEqual(node)
  })
})

describe("mounts: nothing outside the host directory is reachable", () => {
  it("host symlinks (absolute, relative, to directories) resolve in the guest's tree, never on the host", async () => {
    fs.symlinkSync(join(outside, "secret.txt"), join(host, "abs"))
    fs.symlinkSync(`../outside${n}/secret.txt`, join(host, "rel"))
    fs.symlinkSync(`../outside${n}`, join(host, "dirlink"))
    fs.symlinkSync(outside, join(host, "sub/absdir"))
    fs.symlinkSync("a.txt", join(host, "inside"))
    const { out, stdout } = await guest(
      `out.abs = err(() => fs.readFileSync('/mnt/abs', 'utf8'));
       out.rel = err(() => fs.readFileSync('/mnt/rel', 'utf8'));
       out.dirlink = err(() => fs.readdirSync('/mnt/dirlink'));
       out.throughDir = err(() => fs.readFileSync('/mnt/dirlink/secret.txt', 'utf8'));
       out.absdir = err(() => fs.readFileSync('/mnt/sub/absdir/secret.txt', 'utf8'));
       out.writeThrough = err(() => fs.writeFileSync('/mnt/dirlink/planted.txt', 'x'));
       out.writeAbs = err(() => fs.writeFileSync('/mnt/abs', 'x'));
       out.realpath = err(() => fs.realpathSync('/mnt/rel'));
       out.lstat = fs.lstatSync('/mnt/abs').isSymbolicLink();
       out.readlink = fs.readlinkSync('/mnt/rel');
       out.inside = fs.readFileSync('/mnt/inside', 'utf8');`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(stdout).not.toContain(SECRET)
    for (const k of ["abs", "rel", "dirlink", "throughDir", "absdir", "writeThrough", "writeAbs", "realpath"]) {
      expect(out[k], k).toMatchObject({ code: "ENOENT" })
    }
    expect(out.lstat).toBe(true)
    expect(out.readlink).toBe(`../outside${n}/secret.txt`)
    expect(out.inside).toBe("hello from the host")
    expect(fs.readdirSync(outside)).toEqual(["secret.txt"])
    expect(fs.readFileSync(join(outside, "secret.txt"), "utf8")).toBe(SECRET)
  })

  it("'..' at the mount root is the guest's parent directory, not the host's", async () => {
    const { out } = await guest(
      `out.up = fs.readdirSync('/mnt/..').includes('mnt');
       out.secret = err(() => fs.readFileSync('/mnt/../outside${n}/secret.txt', 'utf8'));
       out.deep = err(() => fs.readFileSync('/mnt/sub/../../../../outside${n}/secret.txt', 'utf8'));
       process.chdir('/mnt/sub');
       out.cwd = process.cwd();
       out.relative = err(() => fs.readFileSync('../../outside${n}/secret.txt', 'utf8'));
       out.realpath = fs.realpathSync('b.txt');
       fs.renameSync('/mnt/sub', '/mnt/moved');
       out.cwdAfterRename = process.cwd();`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(out.up).toBe(true)
    expect(out.cwd).toBe("/mnt/sub")
    expect(out.realpath).toBe("/mnt/sub/b.txt")
    expect(out.cwdAfterRename).toBe("/mnt/moved")
    expect(out.secret).toMatchObject({ code: "ENOENT" })
    expect(out.deep).toMatchObject({ code: "ENOENT" })
    expect(out.relative).toMatchObject({ code: "ENOENT" })
  })

  it("symlinks the guest makes point into the guest's tree only", async () => {
    const { out, stdout } = await guest(
      `out.plant = err(() => fs.symlinkSync('${outside}/secret.txt', '/mnt/planted'));
       out.plantDir = err(() => fs.symlinkSync('../outside${n}', '/mnt/planted-dir'));
       out.read = err(() => fs.readFileSync('/mnt/planted', 'utf8'));
       out.write = err(() => fs.writeFileSync('/mnt/planted-dir/x.txt', 'x'));
       // a directory the guest is in, removed; a link out of the mount cannot take its place
       fs.mkdirSync('/mnt/swap');
       process.chdir('/mnt/swap');
       fs.rmdirSync('/mnt/swap');
       out.swap = err(() => fs.symlinkSync('${outside}', '/mnt/swap'));
       out.viaCwd = err(() => fs.readFileSync('secret.txt', 'utf8'));
       out.writeViaCwd = err(() => fs.writeFileSync('planted.txt', 'x'));`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(stdout).not.toContain(SECRET)
    expect(out.read).toMatchObject({ code: "ENOENT" })
    expect(out.write).toMatchObject({ code: "ENOENT" })
    expect(out.viaCwd).toMatchObject({ code: "ENOENT" })
    expect(out.writeViaCwd).toMatchObject({ code: "ENOENT" })
    expect(fs.readdirSync(outside)).toEqual(["secret.txt"])
    // links out of the mount are not stored on the host at all
    for (const e of [out.plant, out.plantDir, out.swap]) expect(e).toMatchObject({ code: "EPERM", syscall: "symlink" })
    expect(fs.readdirSync(host).sort()).toEqual(["a.txt", "sub"])
  })

  it("a directory the host swaps for a symlink after the guest saw it leads nowhere", async () => {
    const sandbox = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/mnt" }] })
    try {
      expect(sandbox.fs.readFileSync("/mnt/sub/b.txt", "utf8")).toBe("bee")
      fs.rmSync(join(host, "sub"), { recursive: true })
      fs.symlinkSync(outside, join(host, "sub"))
      fs.writeFileSync(join(outside, "b.txt"), SECRET)
      expect(() => sandbox.fs.readFileSync("/mnt/sub/b.txt", "utf8")).toThrow(/ENOENT/)
      expect(() => sandbox.fs.writeFileSync("/mnt/sub/new.txt", "x")).toThrow(/ENOENT/)
      expect(fs.existsSync(join(outside, "new.txt"))).toBe(false)
    } finally {
      sandbox.dispose()
    }
  })

  it("FIFOs in the mount are not shown (opening one could block the host)", async () => {
    const made = spawnSync("mkfifo", [join(host, "pipe")])
    if (made.status !== 0) return // no mkfifo on this host
    const { out } = await guest(
      `out.list = fs.readdirSync('/mnt').sort();
       out.open = err(() => fs.readFileSync('/mnt/pipe'));
       out.mkdir = err(() => fs.mkdirSync('/mnt/pipe'));
       out.create = err(() => fs.writeFileSync('/mnt/pipe', 'x', { flag: 'wx' }));`,
      { mounts: [{ hostPath: host, guestPath: "/mnt" }] },
    )
    expect(out.list).toEqual(["a.txt", "sub"])
    expect(out.open).toMatchObject({ code: "ENOENT" })
    // the host's own error comes through (WasmFS alone would say EIO)
    expect(out.mkdir).toEqual(nodeError("EEXIST", "mkdir", "/mnt/pipe"))
    expect(out.create).toEqual(nodeError("EEXIST", "open", "/mnt/pipe"))
  })
})

describe("mounts: instances and setup", () => {
  it("belong to their own sandbox", async () => {
    const other = join(base, `other${n}`)
    fs.mkdirSync(other)
    fs.writeFileSync(join(other, "a.txt"), "the other one")
    const one = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/mnt" }] })
    const two = await createSandbox({ mounts: [{ hostPath: other, guestPath: "/mnt" }] })
    const three = await createSandbox()
    try {
      expect(one.fs.readFileSync("/mnt/a.txt", "utf8")).toBe("hello from the host")
      expect(two.fs.readFileSync("/mnt/a.txt", "utf8")).toBe("the other one")
      expect(three.fs.existsSync("/mnt")).toBe(false)
    } finally {
      one.dispose()
      two.dispose()
      three.dispose()
    }
  })

  it("host fds a guest leaves open are closed once its dropped sandbox is collected", () => {
    const script = join(base, `leak${n}.mjs`)
    fs.writeFileSync(
      script,
      `import * as fs from "node:fs"
       import { createSandbox } from ${JSON.stringify(join(__dirname, "../dist/index.mjs"))}
       const held = () => fs.readdirSync("/proc/self/fd").filter((f) => {
         try { return fs.readlinkSync("/proc/self/fd/" + f).startsWith(${JSON.stringify(host)}) } catch { return false }
       }).length
       const code = "const fs = require('fs'); globalThis.keep = [fs.openSync('/m/a.txt', 'r'), fs.openSync('/m/sub/b.txt', 'r+')]"
       let most = 0
       for (let i = 0; i < 20; i++) {
         const sb = await createSandbox({ mounts: { "/m": ${JSON.stringify(host)} } })
         await sb.run(code)
         most = Math.max(most, held())
         sb.dispose()
       }
       for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)) }
       console.log(JSON.stringify({ most, after: held() }))`,
    )
    const r = spawnSync(process.execPath, ["--expose-gc", script], { encoding: "utf8" })
    expect(r.stderr).toBe("")
    const { most, after } = JSON.parse(r.stdout)
    expect(most).toBeGreaterThanOrEqual(2) // the guest's files were open on the host
    // 20 sandboxes x 2 files would be 40 without the cleanup; the last sandbox or two may
    // still be reachable from the host's own stacks
    expect(after).toBeLessThanOrEqual(4)
  })

  it("refuses what cannot be mounted, with the reason", async () => {
    await expect(createSandbox({ mounts: [{ hostPath: join(base, "missing"), guestPath: "/m" }] })).rejects.toThrow(
      /cannot mount .* at \/m: ENOENT/,
    )
    await expect(createSandbox({ mounts: [{ hostPath: join(host, "a.txt"), guestPath: "/m" }] })).rejects.toThrow(/ENOTDIR/)
    await expect(createSandbox({ mounts: [{ hostPath: host, guestPath: "relative" }] })).rejects.toThrow(/absolute guestPath/)
    await expect(createSandbox({ mounts: [{ hostPath: host, guestPath: "/" }] })).rejects.toThrow(/EBUSY/)
    await expect(
      createSandbox({
        mounts: [
          { hostPath: host, guestPath: "/m" },
          { hostPath: host, guestPath: "/m/" },
        ],
      }),
    ).rejects.toThrow(/EBUSY/)
    // inside another mount: the mount point would be made (or removed) on that mount's host
    fs.mkdirSync(join(host, "empty"))
    await expect(
      createSandbox({
        mounts: [
          { hostPath: host, guestPath: "/m" },
          { hostPath: host, guestPath: "/m/empty" },
        ],
      }),
    ).rejects.toThrow(/EXDEV/)
    await expect(
      createSandbox({
        mounts: [
          { hostPath: host, guestPath: "/m" },
          { hostPath: host, guestPath: "/m/new/deeper" },
        ],
      }),
    ).rejects.toThrow(/EXDEV/)
    expect(fs.existsSync(join(host, "empty"))).toBe(true)
    expect(fs.existsSync(join(host, "new"))).toBe(false)
  })

  it("replaces an empty directory at the mount point and makes missing parents", async () => {
    const { out } = await guest(`out.tmp = fs.readdirSync('/tmp').sort(); out.deep = fs.readdirSync('/a/b/c').sort();`, {
      mounts: [
        { hostPath: host, guestPath: "/tmp" },
        { hostPath: host, guestPath: "/a/b/c" },
      ],
    })
    expect(out.tmp).toEqual(["a.txt", "sub"])
    expect(out.deep).toEqual(["a.txt", "sub"])
  })
})

describe("mounts: CLI", () => {
  const cli = join(__dirname, "../dist/cli.mjs")
  it("--mount host:guest reads and writes the host directory; :ro refuses changes", () => {
    const data = join(base, `data${n}`)
    fs.mkdirSync(data)
    fs.writeFileSync(join(data, "in.txt"), "input")
    fs.writeFileSync(
      join(host, "main.js"),
      `const fs = require('fs');
       fs.writeFileSync('/app/out.txt', 'got ' + fs.readFileSync('/data/in.txt', 'utf8'));
       try { fs.writeFileSync('/data/in.txt', 'changed'); } catch (e) { console.log(e.message); }`,
    )
    const r = spawnSync(process.execPath, [cli, "run", "--mount", `${host}:/app`, "--mount", `${data}:/data:ro`, "/app/main.js"], {
      encoding: "utf8",
    })
    expect(r.stderr).toBe("")
    expect(r.stdout).toBe("EROFS: read-only file system, open '/data/in.txt'\n")
    expect(r.status).toBe(0)
    expect(fs.readFileSync(join(host, "out.txt"), "utf8")).toBe("got input")
    expect(fs.readFileSync(join(data, "in.txt"), "utf8")).toBe("input")
  })

  it("reports a mount that cannot be made as a usage error", () => {
    const r = spawnSync(process.execPath, [cli, "run", "--mount", `${join(base, "missing")}:/app`, "/app/main.js"], { encoding: "utf8" })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/cannot mount .*missing at \/app: ENOENT/)
  })
})

// Every path below `dir` with its kind, size, mode and mtime: what a read-only mount must keep.
function snapshotTree(dir: string, out: Record<string, unknown> = {}, prefix = ""): Record<string, unknown> {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = join(dir, name)
    const st = fs.lstatSync(p)
    out[prefix + name] = [st.isDirectory() ? "d" : "f", st.size, st.mode, st.mtimeMs]
    if (st.isDirectory()) snapshotTree(p, out, `${prefix}${name}/`)
  }
  return out
}
