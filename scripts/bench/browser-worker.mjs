// One implementation of `npm run bench:browser`, in its own dedicated module Worker
// (/scripts/bench/browser-worker.mjs?impl=NAME), driven by messages { id, method, args } from the
// page: init() -> { available, reason? }, setup(scenario), run(scenario, n) -> { ms, hostMs? },
// teardown(scenario), finish(). Every timed loop runs inside this worker (or inside the guest),
// so a message round trip is never part of a timing.
//
//   raw-sah     plain JS on FileSystemSyncAccessHandles: the physical limit. Small-file and
//               16 MiB scenarios open their handles once, untimed, in setup(); an op is then only
//               getSize() + read() into a preallocated buffer (reads) or truncate(0) + write()
//               (writes) on the already-open handle: no path lookup, no open/close, no flush, no
//               allocation. create-new-100B is the full async sequence: getFileHandle(create),
//               createSyncAccessHandle(), write(), close().
//   stock-opfs  Emscripten's WasmFS OPFS backend (stock_opfs.c, build/bench/stock-opfs.mjs), POSIX
//               loops in C, timed in C (the JS time around the call is reported as hostMs).
//   memory      our sandbox on its in-memory root: the guest runs the loops (browser-scenarios.mjs)
//               with require('fs') under /bench, timed with the guest's performance.now().
//   opfs        the same guest loops under /opfs/bench, in createSandbox({ opfs: true }); when the
//               sandbox has no JSPI-backed OPFS mount (sb.opfs?.backend !== 'jspi'), init() says
//               so and the row is "unavailable".
//   opfs-bridge the same guest loops under /opfs/bench-bridge, in createSandbox({ opfs: true }) on
//               an engine without JSPI: this worker deletes WebAssembly.Suspending/promising before
//               it loads the package (as an engine without JSPI would have them), so /opfs is the
//               bridge to an OPFS worker (the page is cross-origin isolated); "unavailable"
//               unless sb.opfs?.backend is 'bridge'.
import { BIG_SIZE, GUEST_SOURCE, SCENARIOS, SMALL_COUNT, SMALL_SIZE, patternByte } from "./browser-scenarios.mjs"

const impl = new URL(self.location.href).searchParams.get("impl")

function pattern(len, seed) {
  const b = new Uint8Array(len)
  for (let i = 0; i < len; i++) b[i] = patternByte(i, seed)
  return b
}

function check(cond, what) {
  if (!cond) throw new Error(`setup check failed: ${what}`)
}

const sameBytes = (a, b) => a.length === b.length && a.every((v, i) => v === b[i])

// Removes a top-level OPFS entry (directory or file) if it is there.
async function removeTopLevel(name) {
  const root = await navigator.storage.getDirectory()
  try {
    await root.removeEntry(name, { recursive: true })
  } catch (e) {
    if (e?.name !== "NotFoundError") throw e
  }
}

// --- raw-sah ----------------------------------------------------------------------------------

function rawSah() {
  const ROOT = "raw-bench"
  const small = pattern(SMALL_SIZE, 1)
  const smallBuf = new Uint8Array(SMALL_SIZE + 16)
  let big = null
  let bigBuf = null
  let dir = null
  let handles = []
  let bigHandle = null
  let next = 0
  let batch = 0

  async function openSmall() {
    const smallDir = await dir.getDirectoryHandle("small", { create: true })
    for (let i = 0; i < SMALL_COUNT; i++) {
      const file = await smallDir.getFileHandle(`f${String(i).padStart(2, "0")}.txt`, { create: true })
      const h = await file.createSyncAccessHandle()
      handles.push(h)
      h.truncate(0)
      h.write(small, { at: 0 })
      h.flush()
    }
    for (const h of handles) {
      const got = h.read(smallBuf, { at: 0 })
      check(got === SMALL_SIZE && sameBytes(smallBuf.subarray(0, got), small), "small file content")
    }
    next = 0
  }

  async function openBig() {
    big ??= pattern(BIG_SIZE, 0)
    bigBuf ??= new Uint8Array(BIG_SIZE)
    const file = await dir.getFileHandle("big.bin", { create: true })
    bigHandle = await file.createSyncAccessHandle()
    bigHandle.truncate(0)
    bigHandle.write(big, { at: 0 })
    bigHandle.flush()
    check(bigHandle.read(bigBuf, { at: 0 }) === BIG_SIZE && sameBytes(bigBuf, big), "16 MiB content")
  }

  const runs = {
    "readFileSync-100B"(n) {
      let k = next
      let total = 0
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        const h = handles[k]
        const size = h.getSize()
        total += h.read(smallBuf.subarray(0, size), { at: 0 })
        k = k + 1 === SMALL_COUNT ? 0 : k + 1
      }
      const t1 = performance.now()
      next = k
      check(total === n * SMALL_SIZE, `read ${total} bytes in ${n} reads`)
      return t1 - t0
    },
    "writeFileSync-100B"(n) {
      let k = next
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        const h = handles[k]
        h.truncate(0)
        h.write(small, { at: 0 })
        k = k + 1 === SMALL_COUNT ? 0 : k + 1
      }
      const t1 = performance.now()
      next = k
      return t1 - t0
    },
    "read-16MiB"(n) {
      let total = 0
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        const size = bigHandle.getSize()
        total += bigHandle.read(bigBuf.subarray(0, size), { at: 0 })
      }
      const t1 = performance.now()
      check(total === n * BIG_SIZE, `read ${total} bytes in ${n} reads`)
      return t1 - t0
    },
    "write-16MiB"(n) {
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        bigHandle.truncate(0)
        bigHandle.write(big, { at: 0 })
      }
      return performance.now() - t0
    },
    async "create-new-100B"(n) {
      const name = `new${++batch}`
      const batchDir = await dir.getDirectoryHandle(name, { create: true })
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        const file = await batchDir.getFileHandle(`n${i}.txt`, { create: true })
        const h = await file.createSyncAccessHandle()
        h.write(small, { at: 0 })
        h.close()
      }
      const t1 = performance.now()
      await dir.removeEntry(name, { recursive: true })
      return t1 - t0
    },
  }

  return {
    async init() {
      await removeTopLevel(ROOT)
      dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true })
      return { available: true }
    },
    async setup(scenario) {
      if (scenario.endsWith("100B") && scenario !== "create-new-100B") await openSmall()
      else if (scenario.endsWith("16MiB")) await openBig()
    },
    async run(scenario, n) {
      return { ms: await runs[scenario](n) }
    },
    async teardown() {
      for (const h of handles) h.close()
      handles = []
      bigHandle?.close()
      bigHandle = null
      for (const name of ["small", "big.bin"]) {
        try {
          await dir.removeEntry(name, { recursive: true })
        } catch (e) {
          if (e?.name !== "NotFoundError") throw e
        }
      }
    },
    async finish() {
      await removeTopLevel(ROOT)
    },
  }
}

// --- stock-opfs -------------------------------------------------------------------------------

function stockOpfs() {
  let M = null
  const id = (scenario) => SCENARIOS.indexOf(scenario)
  const check = (rc, what) => {
    if (rc < 0) throw new Error(`stock-opfs ${what}: ${M.UTF8ToString(M._bench_error())}`)
    return rc
  }
  return {
    async init() {
      // Left over from an earlier run (the profile is fresh, so normally nothing): removed
      // before the backend mounts, so WasmFS never has a stale view of it.
      await removeTopLevel("stock-bench")
      const { default: createStockOpfs } = await import("/build/bench/stock-opfs.mjs")
      M = await createStockOpfs({ print: (t) => console.log(`stock-opfs: ${t}`), printErr: (t) => console.warn(`stock-opfs: ${t}`) })
      check(await M._bench_init(), "init")
      return { available: true }
    },
    async setup(scenario) {
      check(await M._bench_setup(id(scenario)), `setup ${scenario}`)
    },
    async run(scenario, n) {
      const t0 = performance.now()
      const ms = check(await M._bench_run(id(scenario), n), `run ${scenario}`)
      return { ms, hostMs: performance.now() - t0 }
    },
    async teardown(scenario) {
      check(await M._bench_teardown(id(scenario)), `teardown ${scenario}`)
    },
    async finish() {
      check(await M._bench_finish(), "finish")
    },
  }
}

// --- memory / opfs: our sandbox -----------------------------------------------------------------

const MARK = "\u0001bench:"

// backend: undefined (the in-memory root), "jspi" or "bridge" (/opfs, which must be that one)
function sandboxImpl(backend) {
  const withOpfs = backend !== undefined
  const dir = backend === "bridge" ? "bench-bridge" : "bench"
  const root = withOpfs ? `/opfs/${dir}` : "/bench"
  let sb = null
  let out = ""
  let err = ""

  // One guest run: the guest calls its bench object and prints the outcome as JSON after MARK.
  async function call(method, args) {
    out = ""
    err = ""
    const code = `var r;
try { r = { ok: true, value: globalThis.__bench[${JSON.stringify(method)}].apply(null, ${JSON.stringify(args)}) }; }
catch (e) { r = { ok: false, error: String((e && e.stack) || e) }; }
process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(r) + '\\n');`
    const t0 = performance.now()
    const result = await sb.run(code, { filename: "/bench-call.js" })
    const hostMs = performance.now() - t0
    const line = out.split("\n").find((l) => l.startsWith(MARK))
    if (!line) {
      const why = result.error ? JSON.stringify(result.error) : `exit code ${result.exitCode}`
      throw new Error(`guest ${method} printed no result (${why}) ${err.trim()}`.trim())
    }
    const r = JSON.parse(line.slice(MARK.length))
    if (!r.ok) throw new Error(`guest ${method}: ${r.error.split("\n")[0]}`)
    return { value: r.value, hostMs }
  }

  return {
    async init() {
      if (backend === "bridge") {
        delete WebAssembly.Suspending
        delete WebAssembly.promising
      }
      const { createSandbox } = await import("/dist/index.mjs")
      const options = { stdout: (t) => (out += t), stderr: (t) => (err += t) }
      if (withOpfs) {
        try {
          // A warm working set: the other implementations' batches run between this one's, and
          // by default the sandbox lets go of idle handles after 100 ms (so the page can write
          // the files); here the handles stay open across batches, as in a busy guest.
          sb = await createSandbox({ ...options, opfs: { releaseAfter: 3_600_000 } })
        } catch (e) {
          return { available: false, reason: `createSandbox({ opfs: true }) threw: ${String(e?.message ?? e).split("\n")[0]}` }
        }
        if (sb.opfs?.backend !== backend) {
          const reason = sb.opfs
            ? `sb.opfs.backend is ${JSON.stringify(sb.opfs.backend)}${sb.opfs.reason ? ` (${sb.opfs.reason})` : ""}`
            : "createSandbox() has no opfs option in this build (sb.opfs is undefined)"
          sb.dispose()
          sb = null
          return { available: false, reason }
        }
      } else {
        sb = await createSandbox(options)
      }
      const boot = await sb.run(
        `${GUEST_SOURCE}\nglobalThis.__bench = makeBrowserBench(require('fs'), Buffer, ${JSON.stringify(root)}, function () { return performance.now(); });`,
        { filename: "/bench-main.js" },
      )
      if (boot.exitCode !== 0) throw new Error(`guest bench setup failed: ${JSON.stringify(boot.error)} ${err.trim()}`)
      return { available: true, ...(withOpfs ? { opfs: sb.opfs } : {}) }
    },
    async setup(scenario) {
      await call("setup", [scenario])
    },
    async run(scenario, n) {
      const { value, hostMs } = await call("run", [scenario, n])
      return { ms: value, hostMs }
    },
    async teardown(scenario) {
      await call("teardown", [scenario])
    },
    async finish() {
      if (!sb) return
      try {
        await call("finish", [])
      } finally {
        sb.dispose()
        sb = null
      }
      // The guest removed its tree; should /opfs be the OPFS root, make sure of it (handles are
      // closed now that the sandbox is disposed).
      if (withOpfs) await removeTopLevel(dir)
    },
  }
}

// --- messages ---------------------------------------------------------------------------------

const makers = {
  "raw-sah": rawSah,
  "stock-opfs": stockOpfs,
  memory: () => sandboxImpl(undefined),
  opfs: () => sandboxImpl("jspi"),
  "opfs-bridge": () => sandboxImpl("bridge"),
}
const bench = makers[impl]?.()

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    if (!bench) throw new Error(`no implementation ${impl}`)
    const result = await bench[method](...args)
    self.postMessage({ id, result: result ?? null })
  } catch (e) {
    self.postMessage({ id, error: String(e?.stack ?? e) })
  }
}
self.postMessage({ ready: impl })
