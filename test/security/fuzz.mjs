// A seeded fuzz of guest programs against the sandbox's trust boundary. Each program is a random
// sequence of probes (module ids and referrers, fds, /dev and /proc paths, symlink targets on a
// host mount, monkey-patched fs seen through sandbox.fs); after each, the invariants every
// guest must leave intact are checked from the host:
//   - nothing the guest reads holds the host's stdin or a file outside the mount;
//   - no qjsw: internal is ever loaded;
//   - the host's own stdout gets nothing (the guest's output goes to the callbacks; the parent
//     test reads this process's stdout);
//   - no file outside the mount is created, changed or removed, and no link the guest made on
//     the host resolves outside the mounted directory;
//   - sandbox.fs answers with the real file and the documented types, whatever the guest patched;
//   - the sandbox stays usable (a plain run after each program prints and exits 0) and
//     dispose() returns.
// Run by test/security/boundary-fuzz.test.ts (a small count, stdin a pipe holding a secret), and
// by `npm run fuzz` for longer: node test/security/fuzz.mjs --seed N --count N [--report file].
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve, dirname, relative, isAbsolute } from "node:path"
import { parseArgs } from "node:util"
import { createSandbox } from "../../dist/index.mjs"
import { mulberry32 } from "../seeded-random.mjs"

const { values: opts } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    count: { type: "string", default: "20" },
    report: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
})
const SEED = Number(opts.seed)
const COUNT = Number(opts.count)
export const STDIN_SECRET = "STDIN-SECRET-7f3a"
const OUTSIDE_SECRET = "OUTSIDE-SECRET-c91e"
const MARK = "GUEST-MARK-" // what the guest writes anywhere: it must never reach this process's stdout

const rng = mulberry32
const rand = rng(SEED)
const pick = (list) => list[Math.floor(rand() * list.length)]
const int = (n) => Math.floor(rand() * n)

const base = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), "qjsw-fuzz-")))
const root = join(base, "mounted")
const outside = join(base, "outside")
fs.mkdirSync(join(root, "sub"), { recursive: true })
fs.mkdirSync(outside)
fs.writeFileSync(join(root, "a.txt"), "inside")
fs.writeFileSync(join(outside, "secret.txt"), OUTSIDE_SECRET)
fs.symlinkSync(outside, join(root, "host-made-link")) // the host's own link: never followed for the guest

// --- probes: each returns guest source that pushes { p, r } records onto R ---------------------
const lit = (v) => JSON.stringify(v)

const MODULE_IDS = [
  "qjsw:binding/fs",
  "qjsw:binding/module",
  "qjsw:internal/sandbox",
  "qjsw:binding/util",
  "QJSW:binding/fs",
  "qjsw:internal/../binding/fs",
  "node:qjsw:binding/fs",
  "qjsw:binding/fs\u0000",
  " qjsw:binding/fs",
  "qjsw:/binding/fs",
  "qjsw:binding%2Ffs",
  "file:///qjsw:binding/fs",
  "./qjsw:binding/fs",
  "qjsw:sandbox",
  "qjsw:internal/loop",
  "qjsw:internal/esm",
  "fs",
  "node:fs",
  "path",
  "nonexistent-module",
]
const REFERRERS = ["node:x", "qjsw:sandbox", "qjsw:internal/sandbox", "", "/main.js", "qjsw:x", "node:fs", "internal/x"]
const isInternalId = (id) => /qjsw/i.test(id)

function probeModule() {
  const id = pick(MODULE_IDS)
  const ref = pick(REFERRERS)
  const how = pick(["require", "compile-require", "compile-import", "createRequire", "load", "import"])
  const note = `module ${how} ${lit(id)} from ${lit(ref)}`
  const report = `(m) => R.push({ p: ${lit(note)}, internal: ${isInternalId(id)}, r: 'loaded', keys: Object.keys(m || {}).slice(0, 8) })`
  const fail = `(e) => R.push({ p: ${lit(note)}, r: 'err:' + (e && (e.code || e.name)) })`
  switch (how) {
    case "require":
      return `try { (${report})(require(${lit(id)})) } catch (e) { (${fail})(e) }`
    case "compile-require":
      return `try { const M = require('module'); const m = new M(${lit(ref)}); m._compile("module.exports = require(" + ${lit(lit(id))} + ")", ${lit(ref)}); (${report})(m.exports) } catch (e) { (${fail})(e) }`
    case "compile-import":
      return `try { const M = require('module'); const m = new M(${lit(ref)}); m._compile("module.exports = import(" + ${lit(lit(id))} + ")", ${lit(ref)}); P.push(Promise.resolve(m.exports).then(${report}, ${fail})) } catch (e) { (${fail})(e) }`
    case "createRequire":
      return `try { (${report})(require('module').createRequire(${lit(ref || "/x.js")})(${lit(id)})) } catch (e) { (${fail})(e) }`
    case "load":
      return `try { (${report})(require('module')._load(${lit(id)}, null, false)) } catch (e) { (${fail})(e) }`
    default:
      return `P.push(import(${lit(id)}).then(${report}, ${fail}))`
  }
}

const FDS = [0, 1, 2, 3, 4, 5, 7, 10, 100, -1, 2 ** 31 - 1]
function probeFd() {
  const fd = pick(FDS)
  const op = pick(["read", "write", "fstat", "readFile"])
  const note = `fd ${op} ${fd}`
  const body = {
    read: `const b = Buffer.alloc(64); const n = fs.readSync(${fd}, b, 0, 64, null); return 'ok:' + b.toString('latin1', 0, n)`,
    write: `return 'ok:' + fs.writeSync(${fd}, ${lit(MARK + "fd" + fd + "\n")})`,
    fstat: `const s = fs.fstatSync(${fd}); return 'ok:' + s.mode`,
    readFile: `return 'ok:' + fs.readFileSync(${fd}, 'latin1').slice(0, 200)`,
  }[op]
  return `R.push({ p: ${lit(note)}, r: (() => { try { ${body} } catch (e) { return 'err:' + (e.code || e.name) } })() })`
}

const PATHS = [
  "/dev/stdin",
  "/dev/stdout",
  "/dev/stderr",
  "/dev/tty",
  "/dev/fd/0",
  "/dev/fd/1",
  "/dev/fd/2",
  "/dev/fd/3",
  "/proc/self/fd/0",
  "/proc/self/fd/1",
  "/proc/self/fd/2",
  "/proc/self/environ",
  "/proc/self/cmdline",
  "/proc/self/mem",
  "/proc/self/root/etc/passwd",
  "/dev/null",
  "/dev/urandom",
  "/dev/random",
  "/dev/zero",
  "/m/../..",
  "/m/host-made-link/secret.txt",
  "/m/host-made-link",
  "/etc/passwd",
  "/m/a.txt",
  "/m/sub/../a.txt",
]
function probePath() {
  const path = pick([...PATHS, join(outside, "secret.txt"), outside, "/m/" + relative(root, join(outside, "secret.txt"))])
  const op = pick(["readSome", "readFile", "readdir", "stat", "lstat", "readlink", "realpath", "writeFile", "append"])
  const note = `path ${op} ${path}`
  const p = lit(path)
  const body = {
    // a bounded read: /dev/zero and /dev/urandom never end
    readSome: `const fd = fs.openSync(${p}, 'r'); try { const b = Buffer.alloc(64); const n = fs.readSync(fd, b, 0, 64, null); return 'ok:' + b.toString('latin1', 0, n) } finally { fs.closeSync(fd) }`,
    readFile: `if (/zero|random/.test(${p})) return 'skip'; return 'ok:' + fs.readFileSync(${p}, 'latin1').slice(0, 200)`,
    readdir: `return 'ok:' + fs.readdirSync(${p}).join(',')`,
    stat: `return 'ok:' + fs.statSync(${p}).size`,
    lstat: `return 'ok:' + fs.lstatSync(${p}).size`,
    readlink: `return 'ok:' + fs.readlinkSync(${p})`,
    realpath: `return 'ok:' + fs.realpathSync(${p})`,
    writeFile: `if (/zero|random|null/.test(${p})) return 'skip'; fs.writeFileSync(${p}, ${lit(MARK + "path\n")}); return 'ok'`,
    append: `if (/zero|random|null/.test(${p})) return 'skip'; fs.appendFileSync(${p}, ${lit(MARK + "append\n")}); return 'ok'`,
  }[op]
  return `R.push({ p: ${lit(note)}, r: (() => { try { ${body} } catch (e) { return 'err:' + (e.code || e.name) } })() })`
}

function randomTarget() {
  return pick([
    "/etc/passwd",
    outside,
    join(outside, "secret.txt"),
    "/m/" + "../".repeat(40) + "etc/passwd",
    "/m/sub",
    "/m/a.txt",
    "../outside/secret.txt",
    "../".repeat(1 + int(6)) + "x",
    "sub/../../outside",
    "sub/../a.txt",
    ".",
    "..",
    "a.txt",
    "/m",
    "/",
    "/m/..",
    "sub/./../..",
    "l0/../../outside",
    "l1/..",
    "sub/" + "../".repeat(2) + "outside",
    root,
    join(root, "sub"),
    "/tmp",
    "x".repeat(300),
  ])
}
let linkCount = 0
function probeSymlink() {
  const target = randomTarget()
  const at = pick(["/m/", "/m/sub/"]) + "l" + linkCount++
  const note = `symlink ${target} at ${at}`
  const then = pick(["", "read", "write", "mkdir"])
  const use = {
    "": "",
    read: `try { out += ' read:' + fs.readFileSync(${lit(at)}, 'latin1').slice(0, 100) } catch (e) { out += ' read:' + e.code }`,
    write: `try { fs.writeFileSync(${lit(at + "/planted")}, 'x'); out += ' write:ok' } catch (e) { out += ' write:' + e.code }`,
    mkdir: `try { fs.mkdirSync(${lit(at + "/d")}, { recursive: true }); out += ' mkdir:ok' } catch (e) { out += ' mkdir:' + e.code }`,
  }[then]
  return `R.push({ p: ${lit(note)}, r: (() => { let out; try { fs.symlinkSync(${lit(target)}, ${lit(at)}); out = 'ok' } catch (e) { out = 'err:' + (e.code || e.name) } ${use}; return out })() })`
}

const PATCHABLE = ["readFileSync", "existsSync", "statSync", "writeFileSync", "readdirSync", "lstatSync", "mkdirSync"]
// Patches go only into a sandbox's last program: a guest may break its own later runs (globals
// and the module cache carry over), not the host's view of its files.
function probePatch() {
  const target = pick(["fs", "proto", "buffer", "global"])
  switch (target) {
    case "fs": {
      const m = pick(PATCHABLE)
      return pick([
        `fs.${m} = () => 'FORGED';`,
        `fs.${m} = () => Buffer.from('FORGED');`,
        `fs.${m} = () => { for (;;) {} };`,
        `Object.defineProperty(fs, ${lit(m)}, { get() { throw new Error('FORGED') } });`,
      ])
    }
    case "proto":
      return pick([
        "Object.defineProperty(Object.prototype, 'then', { get() { return (r) => r('FORGED') }, configurable: true });",
        "Array.prototype.map = function () { return ['FORGED'] };",
        "String.prototype.toString = () => 'FORGED';",
        "Object.prototype.toJSON = () => 'FORGED';",
        "JSON.stringify = () => '\"FORGED\"';",
      ])
    case "buffer":
      return pick([
        "Buffer.prototype.toString = () => 'FORGED';",
        "Uint8Array.prototype.slice = () => new Uint8Array([70]);",
        "Buffer.from = () => Buffer.alloc(1, 70);",
      ])
    default:
      return pick([
        "globalThis.Error = function () { return { code: 'FORGED' } };",
        "globalThis.Promise = undefined;",
        "globalThis.Symbol = undefined;",
      ])
  }
}

function program(last) {
  const parts = []
  const patches = []
  const n = 3 + int(8)
  for (let i = 0; i < n; i++) {
    const kind = pick(["module", "fd", "path", "symlink", "symlink", ...(last ? ["patch", "patch"] : [])])
    if (kind === "patch") patches.push(probePatch())
    else parts.push({ module: probeModule, fd: probeFd, path: probePath, symlink: probeSymlink }[kind]())
  }
  // patches go last: the probes use the real fs, the host view afterwards faces the patched one
  return `const fs = require('fs'); const R = []; const P = [];
${parts.join("\n")}
Promise.allSettled(P).then(() => { process.stdout.write(JSON.stringify(R) + '\\n');
${patches.join("\n")}
})`
}

// --- the host's checks --------------------------------------------------------------------------
const failures = []
const fail = (what, detail) => failures.push({ what, detail })
const reportedLinks = new Set()

function snapshot(dir) {
  const out = {}
  const walk = (d) => {
    for (const name of fs.readdirSync(d)) {
      const p = join(d, name)
      const st = fs.lstatSync(p)
      if (st.isSymbolicLink()) out[p] = "link:" + fs.readlinkSync(p)
      else if (st.isDirectory()) {
        out[p] = "dir"
        walk(p)
      } else out[p] = `file:${st.size}:${st.mode}:${st.mtimeMs}:` + fs.readFileSync(p, "latin1")
    }
  }
  walk(dir)
  return out
}
// everything outside the mounted directory, below the fuzz's own temporary folder
const outsideBefore = JSON.stringify({ ...snapshot(outside), base: fs.readdirSync(base).sort() })

// Every link in the mounted directory must resolve inside it, lexically and for real.
function checkLinks() {
  const walk = (d) => {
    for (const name of fs.readdirSync(d)) {
      const p = join(d, name)
      if (p === join(root, "host-made-link")) continue
      const st = fs.lstatSync(p)
      if (st.isSymbolicLink()) {
        if (reportedLinks.has(p)) continue
        reportedLinks.add(p)
        const t = fs.readlinkSync(p)
        const lexical = isAbsolute(t) ? resolve(t) : resolve(dirname(p), t)
        if (lexical !== root && !lexical.startsWith(root + "/"))
          fail("a guest link on the host points outside the mount", { link: p, target: t })
        try {
          const real = fs.realpathSync(p)
          if (real !== root && !real.startsWith(root + "/"))
            fail("a guest link on the host resolves outside the mount", { link: p, target: t, real })
        } catch {}
      } else if (st.isDirectory()) walk(p)
    }
  }
  walk(root)
}

function checkRecords(records, source) {
  for (const rec of records) {
    const text = JSON.stringify(rec)
    if (text.includes(STDIN_SECRET)) fail("the guest read the host's stdin", { rec, source })
    if (text.includes(OUTSIDE_SECRET)) fail("the guest read a file outside the mount", { rec, source })
    if (rec.internal && rec.r === "loaded") fail("the guest loaded a qjsw: internal", { rec })
  }
}

async function checkHostView(sandbox) {
  const started = Date.now()
  // the guest may have written a.txt itself: the truth is the host's file
  const truth = fs.readFileSync(join(root, "a.txt"), "latin1")
  try {
    const text = sandbox.fs.readFileSync("/m/a.txt", "latin1")
    if (text !== truth) fail("sandbox.fs.readFileSync returned something else than the file", { text, truth })
    const exists = sandbox.fs.existsSync("/m/a.txt")
    if (exists !== true) fail("sandbox.fs.existsSync did not return true", { exists })
    const missing = sandbox.fs.existsSync("/m/missing")
    if (missing !== false) fail("sandbox.fs.existsSync did not return false", { missing })
    const st = sandbox.fs.statSync("/m/a.txt")
    if (st.size !== truth.length || st.isFile() !== true) fail("sandbox.fs.statSync is wrong", { size: st.size })
    const bytes = sandbox.fs.readFileSync("/m/a.txt")
    if (!(bytes instanceof Uint8Array) || Buffer.from(bytes).toString("latin1") !== truth)
      fail("sandbox.fs.readFileSync bytes are wrong", { bytes: String(bytes) })
    sandbox.fs.writeFileSync("/tmp-host-view.txt", "host")
    if (sandbox.fs.readFileSync("/tmp-host-view.txt", "utf8") !== "host") fail("sandbox.fs round trip is wrong", {})
  } catch (e) {
    fail("sandbox.fs threw after a guest patched its globals", { message: String(e?.message ?? e) })
  }
  if (Date.now() - started > 2000) fail("sandbox.fs took more than 2 s after a guest patched its fs", {})
}

// --- the run --------------------------------------------------------------------------------------
const PER_SANDBOX = 4
let programs = 0
for (let s = 0; programs < COUNT; s++) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    mounts: [{ hostPath: root, guestPath: "/m" }],
    stdout: (t) => (stdout += typeof t === "string" ? t : Buffer.from(t).toString("latin1")),
    stderr: (t) => (stderr += typeof t === "string" ? t : Buffer.from(t).toString("latin1")),
    timeout: 2000,
    memoryLimit: 64 << 20,
  })
  for (let i = 0; i < PER_SANDBOX && programs < COUNT; i++, programs++) {
    const last = i === PER_SANDBOX - 1 || programs === COUNT - 1
    const source = program(last)
    stdout = ""
    let result
    try {
      result = await sandbox.run(source, { filename: "/fuzz.js" })
    } catch (e) {
      fail("run() threw", { message: String(e?.message ?? e), source })
      break
    }
    const line = stdout.split("\n").find((l) => l.startsWith("["))
    if (!line)
      fail("the program printed no records", { exitCode: result.exitCode, error: result.error, stderr: stderr.slice(0, 500), source })
    else checkRecords(JSON.parse(line), source)
    if (opts.verbose) console.error(source, "\n=>", line)
    await checkHostView(sandbox)
    checkLinks()
    if (last) continue
    stdout = ""
    const alive = await sandbox.run("console.log('alive')", { filename: "/alive.js" })
    if (alive.exitCode !== 0 || stdout !== "alive\n")
      fail("the sandbox is not usable after a program", { exitCode: alive.exitCode, stdout, source })
  }
  try {
    sandbox.dispose()
  } catch (e) {
    fail("dispose() threw", { message: String(e?.message ?? e) })
  }
}
const outsideAfter = JSON.stringify({ ...snapshot(outside), base: fs.readdirSync(base).sort() })
if (outsideAfter !== outsideBefore) fail("something outside the mount changed", { before: outsideBefore, after: outsideAfter })
fs.rmSync(base, { recursive: true, force: true })

const report = { seed: SEED, programs, failures }
if (opts.report) fs.writeFileSync(opts.report, JSON.stringify(report, null, 2))
else process.stderr.write(JSON.stringify(report, null, 2) + "\n")
process.exitCode = failures.length ? 1 : 0
