// node:wasi as a boundary: a Wasm program's files are the sandbox's, and of those only what its
// preopens hold. Preopen paths name sandbox paths (never host ones), descriptor numbers index
// the WASI instance's own table (never the host's or the guest's fs descriptors), and no path,
// "..", absolute path or symlink leads out of the directory a descriptor stands for.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { readFileSync } from "node:fs"
import { afterAll, describe, expect, it } from "vitest"
import { createSandbox, type SandboxOptions } from "../../runtime/index"

const helper = readFileSync(join(__dirname, "../compat/corpus/_wasi-wasm.js"), "utf8")
const host = mkdtempSync(join(tmpdir(), "qjsw-wasi-"))
const SECRET = "host secret 4f1c"
writeFileSync(join(host, "secret.txt"), SECRET)
mkdirSync(join(host, "shared"))
writeFileSync(join(host, "shared", "ok.txt"), "shared ok")
// host symlinks inside a mounted directory, leading out of the preopen and of the mount
symlinkSync(join(host, "secret.txt"), join(host, "shared", "abs-link"))
symlinkSync("../secret.txt", join(host, "shared", "rel-link"))
afterAll(() => rmSync(host, { recursive: true, force: true }))

// Tries to read `name` below fd `fd` (following links); prints "<errno> <text>".
const PRELUDE = `
const { WASI } = require('wasi');
const { instantiate } = require('/w/_wasi-wasm.js');
const IMPORTS = ['path_open', 'fd_read', 'fd_close', 'fd_prestat_get', 'fd_prestat_dir_name', 'path_filestat_get',
  'path_symlink', 'fd_write', 'fd_fdstat_get', 'fd_renumber'];
function make(preopens) {
  const wasi = new WASI({ version: 'preview1', preopens, returnOnExit: true });
  const w = instantiate(wasi, { start: false, imports: IMPORTS });
  wasi.initialize(w.instance);
  return w;
}
function read(w, fd, name) {
  const len = w.put(1000, name);
  const r = w.call('path_open', fd, 1, 1000, len, 0, 2n, 0n, 0, 2000);
  if (r !== 0) return String(r);
  const opened = w.u32(2000);
  w.setU32(400, 3000);
  w.setU32(404, 200);
  const e = w.call('fd_read', opened, 400, 1, 500);
  w.call('fd_close', opened);
  return e + ' ' + w.text(3000, w.u32(500));
}
`

async function run(code: string, options: SandboxOptions = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    webAssembly: true,
    files: { "/w/_wasi-wasm.js": helper, "/box/inside.txt": "inside", "/box/sub/deep.txt": "deep", "/outside.txt": "guest outside" },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...options,
  })
  try {
    const r = await sandbox.run(`${PRELUDE}\n${code}`, { filename: "/w/main.js" })
    return { stdout, stderr, exitCode: r.exitCode }
  } finally {
    sandbox.dispose()
  }
}

// WASI errnos
const ENOENT = "44"
const ENOTCAPABLE = "76"
const EBADF = "8"

describe("node:wasi reaches the sandbox's files only", () => {
  it("a preopen names a sandbox path: '/' is the sandbox's root, not the host's", async () => {
    const r = await run(`
      const w = make({ '/': '/' });
      console.log(read(w, 3, 'box/inside.txt'));
      console.log(read(w, 3, 'etc/passwd'));
      console.log(read(w, 3, '${host.slice(1)}/secret.txt'));
    `)
    expect(r.stderr).not.toContain(SECRET)
    expect(r.stdout.split("\n")).toEqual(["0 inside", ENOENT, ENOENT, ""])
  })

  it("a host path given as a preopen is looked up in the sandbox, where it is not", async () => {
    const r = await run(`
      try { make({ '/h': ${JSON.stringify(host)} }); console.log('made'); } catch (e) { console.log(e.code); }
    `)
    expect(r.stdout).toBe("UVWASI_ENOENT\n")
  })

  it("'..', absolute paths and symlinks do not leave the preopened directory", async () => {
    const r = await run(`
      const fs = require('fs');
      fs.symlinkSync('/outside.txt', '/box/abs');
      fs.symlinkSync('../outside.txt', '/box/rel');
      fs.symlinkSync('..', '/box/sub/up');
      fs.symlinkSync('../..', '/box/sub/upup');
      const w = make({ '/sandbox': '/box' });
      for (const p of ['../outside.txt', 'sub/../../outside.txt', '/outside.txt', '/box/inside.txt', 'abs', 'rel',
        'sub/upup/outside.txt', 'sub/up/inside.txt', 'sub/up/../outside.txt', 'sub/./../inside.txt']) {
        console.log(p, read(w, 3, p));
      }
    `)
    expect(r.stdout).not.toContain("guest outside")
    expect(r.stdout.split("\n").slice(0, -1)).toEqual([
      `../outside.txt ${ENOTCAPABLE}`,
      `sub/../../outside.txt ${ENOTCAPABLE}`,
      `/outside.txt ${ENOTCAPABLE}`,
      `/box/inside.txt ${ENOTCAPABLE}`,
      `abs ${ENOTCAPABLE}`,
      `rel ${ENOTCAPABLE}`,
      `sub/upup/outside.txt ${ENOTCAPABLE}`,
      "sub/up/inside.txt 0 inside",
      // ".." is taken as text first (as Node's WASI does): sub/outside.txt
      `sub/up/../outside.txt ${ENOENT}`,
      "sub/./../inside.txt 0 inside",
    ])
  })

  it("a directory opened below a preopen is a capability for its own subtree only", async () => {
    const r = await run(`
      const w = make({ '/sandbox': '/box' });
      const len = w.put(1000, 'sub');
      console.log(w.call('path_open', 3, 1, 1000, len, 2, (1n << 13n) | (1n << 1n), 2n, 0, 2000));
      const sub = w.u32(2000);
      console.log(read(w, sub, 'deep.txt'));
      console.log(read(w, sub, '../inside.txt'));
    `)
    expect(r.stdout.split("\n").slice(0, -1)).toEqual(["0", "0 deep", ENOTCAPABLE])
  })

  it("host symlinks in a mounted directory lead nowhere outside it", async () => {
    const r = await run(
      `
      const w = make({ '/m': '/mnt/shared' });
      console.log(read(w, 3, 'ok.txt'));
      console.log(read(w, 3, 'abs-link'));
      console.log(read(w, 3, 'rel-link'));
      console.log(read(w, 3, '../secret.txt'));
    `,
      { mounts: [{ hostPath: join(host, "shared"), guestPath: "/mnt/shared" }] },
    )
    expect(r.stdout).not.toContain(SECRET)
    expect(r.stdout.split("\n").slice(0, -1)).toEqual(["0 shared ok", ENOTCAPABLE, ENOTCAPABLE, ENOTCAPABLE])
  })

  it("descriptor numbers index the WASI table only: the guest's own fs descriptors are not in it", async () => {
    const r = await run(`
      const fs = require('fs');
      // the guest's own descriptors, numbered past the WASI table's 0..3
      for (let i = 0; i < 6; i++) fs.openSync('/outside.txt', 'r');
      const guestFds = [fs.openSync('/outside.txt', 'r'), fs.openSync('/box/inside.txt', 'r')];
      const w = make({ '/sandbox': '/box' });
      const seen = [];
      for (let fd = 0; fd < 64; fd++) {
        w.setU32(400, 3000);
        w.setU32(404, 100);
        const e = w.call('fd_read', fd, 400, 1, 500);
        const st = w.call('fd_fdstat_get', fd, 600);
        if (fd > 3 && (e !== 8 || st !== 8)) seen.push(fd + ':' + e + ':' + st);
      }
      console.log(guestFds.every((fd) => fd > 3), JSON.stringify(seen));
      console.log(w.call('fd_renumber', guestFds[0], 3), w.call('fd_renumber', 3, guestFds[0]));
      console.log(read(w, guestFds[0], 'inside.txt'));
    `)
    expect(r.stdout.split("\n").slice(0, -1)).toEqual(["true []", `${EBADF} ${EBADF}`, EBADF])
  })

  it("a symlink a program makes is refused on the way out, whatever it names", async () => {
    const r = await run(`
      const w = make({ '/sandbox': '/box' });
      for (const target of ['/outside.txt', '../outside.txt', '../../..']) {
        const t = w.put(1200, target);
        const l = w.put(1300, 'made');
        const made = w.call('path_symlink', 1200, t, 3, 1300, l);
        console.log(made, read(w, 3, 'made'), read(w, 3, 'made/outside.txt'));
        require('fs').unlinkSync('/box/made');
      }
    `)
    expect(r.stdout).not.toContain("guest outside")
    expect(r.stdout.split("\n").slice(0, -1)).toEqual([
      `0 ${ENOTCAPABLE} ${ENOTCAPABLE}`,
      `0 ${ENOTCAPABLE} ${ENOTCAPABLE}`,
      `0 ${ENOTCAPABLE} ${ENOTCAPABLE}`,
    ])
  })
})
