// Symlinks a guest makes on a mounted host directory (issue 13, item 2): host tools (builds,
// backups, editors, cp -r) follow them, so the host must never hold one that resolves outside
// the mounted directory. Absolute targets inside the mount are stored as host paths, relative
// ones that stay inside as written (or with `..` after a name resolved lexically); any other
// target fails with EPERM, as on a file system that cannot store it, and nothing is created.
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { afterAll, beforeEach, expect, it } from "vitest"
import { createSandbox } from "../../runtime/index"

const base = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), "qjsw-links-")))
afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

let host: string
let n = 0
beforeEach(() => {
  host = join(base, `host${++n}`)
  fs.mkdirSync(join(host, "sub/deep"), { recursive: true })
  fs.writeFileSync(join(host, "a.txt"), "inside")
  fs.writeFileSync(join(base, "secret"), "outside")
  fs.mkdirSync(join(base, "etc"), { recursive: true })
  fs.writeFileSync(join(base, "etc/passwd"), "outside")
})

/** Makes each [target, link] in a sandbox with `host` at /m; returns each outcome. */
async function makeLinks(links: [string, string][]) {
  let stdout = ""
  const sandbox = await createSandbox({ mounts: [{ hostPath: host, guestPath: "/m" }], stdout: (t) => (stdout += t) })
  try {
    await sandbox.run(
      `const fs = require('fs');
       console.log(JSON.stringify(${JSON.stringify(links)}.map(([target, link]) => {
         try { fs.symlinkSync(target, link); return { readlink: fs.readlinkSync(link) } }
         catch (e) { return { code: e.code, syscall: e.syscall, path: e.path, dest: e.dest } }
       })))`,
      { filename: "/main.js" },
    )
  } finally {
    sandbox.dispose()
  }
  return JSON.parse(stdout) as { readlink?: string; code?: string; syscall?: string; path?: string; dest?: string }[]
}

/** Every symlink below `dir` on the host, with its stored target. */
function hostLinks(dir: string): [string, string][] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).flatMap((rel) => {
    const p = join(dir, rel)
    return fs.lstatSync(p).isSymbolicLink() ? [[p, fs.readlinkSync(p)] as [string, string]] : []
  })
}

/** Where the host's own resolution of link `p` leads (following every link on the way). */
function hostResolves(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    // dangling: its target's parent must still be inside
    const target = fs.readlinkSync(p)
    return join(fs.realpathSync(resolve(dirname(p), dirname(target))), "x")
  }
}

it("targets that leave the mount are refused with EPERM and never stored", async () => {
  const escapes: [string, string][] = [
    ["/m/" + "../".repeat(40) + "etc/passwd", "/m/l1"],
    ["/etc/passwd", "/m/l2"],
    [base + "/secret", "/m/l3"],
    ["/m/../secret", "/m/l4"],
    ["/mx/a.txt", "/m/l5"],
    ["/", "/m/l6"],
    ["../secret", "/m/l7"],
    ["..", "/m/l8"],
    ["../../secret", "/m/sub/l9"],
    ["deep/../../../secret", "/m/sub/l10"],
    ["../".repeat(40) + "etc/passwd", "/m/sub/deep/l11"],
    ["./../" + `host${n}/a.txt`, "/m/l12"], // climbs out, even if it comes back in
  ]
  const results = await makeLinks(escapes)
  results.forEach((r, i) => {
    expect(r, escapes[i][0]).toEqual({ code: "EPERM", syscall: "symlink", path: escapes[i][0], dest: escapes[i][1] })
  })
  expect(hostLinks(host)).toEqual([])
})

it("targets inside the mount are stored so that the host resolves them inside", async () => {
  const results = await makeLinks([
    ["/m/a.txt", "/m/abs"],
    ["/m/sub/../a.txt", "/m/abs-up"],
    ["a.txt", "/m/rel"],
    ["../a.txt", "/m/sub/up"],
    ["../../a.txt", "/m/sub/deep/up2"],
    [".", "/m/sub/r"],
    // looks inside, but r is `.`: physically sub/r/../../secret is outside the mount
    ["r/../../secret", "/m/sub/trap"],
    ["r/../deep", "/m/sub/trap2"],
    ["/m/sub/r/../../secret", "/m/trap3"],
    ["missing/../../a.txt", "/m/sub/up3"],
  ])
  expect(results.map((r) => r.readlink)).toEqual([
    "/m/a.txt",
    "/m/a.txt",
    "a.txt",
    "../a.txt",
    "../../a.txt",
    ".",
    "../secret",
    "deep",
    "/m/secret",
    "../a.txt",
  ])
  const links = Object.fromEntries(hostLinks(host))
  expect(links[join(host, "abs")]).toBe(join(host, "a.txt"))
  expect(links[join(host, "sub/trap")]).toBe("../secret")
  for (const p of Object.keys(links)) expect(hostResolves(p).startsWith(host + "/") || hostResolves(p) === host, p).toBe(true)
  expect(fs.readFileSync(join(host, "sub/up"), "utf8")).toBe("inside")
})
