// Mount containment under concurrent swaps (issue 13, item 1): a host thread keeps replacing a
// directory of the mount with a symlink to a directory outside it, while the guest reads,
// writes, lists, renames, chmods, utimes and links through that directory. Whatever the
// timing, no file outside the mount may be read, created, changed, removed or listed.
// QJSW_STRESS_SECONDS lengthens the run (default: a few seconds).
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Worker } from "node:worker_threads"
import { afterAll, expect, it } from "vitest"
import { createSandbox } from "../../runtime/index"

const SECONDS = Number(process.env.QJSW_STRESS_SECONDS) || 6
const MARKER = "OUTSIDE-MARKER-never-to-be-read"

const base = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), "qjsw-race-")))
afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

// The swapper: rename(d, d.real); symlink(outside, d); unlink(d); rename(d.real, d), until told
// to stop (with d back in place).
const SWAPPER = `
const fs = require('fs')
const { workerData: { d, outside, stop } } = require('worker_threads')
const flag = new Int32Array(stop)
let swaps = 0
while (Atomics.load(flag, 0) === 0) {
  try { fs.renameSync(d, d + '.real') } catch { continue }
  try { fs.symlinkSync(outside, d) } catch {}
  try { fs.unlinkSync(d) } catch {}
  fs.renameSync(d + '.real', d)
  swaps++
}
require('worker_threads').parentPort.postMessage(swaps)
`

/** What the outside directory holds: names, and each file's content, mode and mtime (not
 *  atime: this very read changes it; reads are caught by the marker). */
function snapshot(dir: string) {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const st = fs.lstatSync(join(dir, name))
      const content = st.isFile() ? fs.readFileSync(join(dir, name), "utf8") : null
      return { name, mode: st.mode, mtimeMs: st.mtimeMs, content }
    })
}

it(
  `no file outside the mount is reached while a host thread swaps a directory for a symlink (${SECONDS}s)`,
  async () => {
    const host = join(base, "host")
    const outside = join(base, "outside")
    fs.mkdirSync(join(host, "d"), { recursive: true })
    fs.mkdirSync(join(outside, "only-outside-dir"), { recursive: true })
    fs.writeFileSync(join(host, "d/secret"), "inside")
    fs.writeFileSync(join(outside, "secret"), MARKER)
    fs.writeFileSync(join(outside, "only-outside-name"), MARKER)
    fs.chmodSync(join(outside, "secret"), 0o640)
    fs.utimesSync(join(outside, "secret"), 1000, 1000)
    const before = snapshot(outside)

    const stop = new SharedArrayBuffer(4)
    const worker = new Worker(SWAPPER, { eval: true, workerData: { d: join(host, "d"), outside, stop } })
    const swaps = new Promise<number>((resolve, reject) => {
      worker.once("message", resolve)
      worker.once("error", reject)
    })
    let stdout = ""
    const sandbox = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/m" }], stdout: (t) => (stdout += t) })
    try {
      const result = await sandbox.run(
        `const fs = require('fs');
       const MARKER = ${JSON.stringify(MARKER)};
       const seen = { ops: 0, marker: 0, listed: 0 };
       const attempt = (f) => { try { f(); } catch {} };
       const end = Date.now() + ${SECONDS * 1000};
       for (let i = 0; Date.now() < end; i++) {
         seen.ops++;
         // the calls that create or read: every turn
         attempt(() => { if (fs.readFileSync('/m/d/secret', 'utf8').includes(MARKER)) seen.marker++; });
         attempt(() => fs.writeFileSync('/m/d/planted-' + i, 'x'));
         attempt(() => fs.mkdirSync('/m/d/dir-' + i));
         attempt(() => { const l = fs.readdirSync('/m/d'); if (l.includes('only-outside-name') || l.includes('only-outside-dir')) seen.listed++; });
         if (i % 4) continue;
         attempt(() => { if (fs.readFileSync('/m/d/only-outside-name', 'utf8').includes(MARKER)) seen.marker++; });
         attempt(() => fs.writeFileSync('/m/d/secret', 'overwritten'));
         attempt(() => fs.appendFileSync('/m/d/secret', 'appended'));
         attempt(() => fs.truncateSync('/m/d/secret', 0));
         attempt(() => fs.rmdirSync('/m/d/only-outside-dir'));
         attempt(() => fs.unlinkSync('/m/d/only-outside-name'));
         attempt(() => fs.renameSync('/m/d/secret', '/m/moved-' + i));
         attempt(() => fs.renameSync('/m/moved-' + i, '/m/d/secret'));
         attempt(() => fs.chmodSync('/m/d/secret', i % 8 ? 0o600 : 0o644));
         attempt(() => fs.utimesSync('/m/d/secret', i, i));
         attempt(() => fs.symlinkSync('secret', '/m/d/link-' + i));
         attempt(() => fs.lstatSync('/m/d/secret'));
         attempt(() => fs.unlinkSync('/m/d/planted-' + i));
         attempt(() => fs.rmdirSync('/m/d/dir-' + i));
       }
       console.log(JSON.stringify(seen));`,
        { filename: "/main.js" },
      )
      expect(result.exitCode).toBe(0)
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1)
      sandbox.dispose()
    }
    const swapCount = await swaps
    await worker.terminate()
    const seen = JSON.parse(stdout)
    expect(swapCount).toBeGreaterThan(0)
    expect(seen.ops).toBeGreaterThan(0)
    expect(seen.marker).toBe(0)
    expect(seen.listed).toBe(0)
    expect(snapshot(outside)).toEqual(before)
  },
  (SECONDS + 30) * 1000,
)
