// Issue 13, items 9 and 12 (CPU): deeply nested source is a catchable error wherever it is
// parsed (eval and new Function too, also in a worker thread), and single native operations
// stop at the CPU timeout.
import { Worker } from "node:worker_threads"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../../dist/index.mjs"

const NESTED = [
  "'('.repeat(1e5) + '1' + ')'.repeat(1e5)",
  "'['.repeat(1e4) + ']'.repeat(1e4)",
  "'{'.repeat(1e4) + '}'.repeat(1e4)",
  "'({a:'.repeat(1e4) + '1' + '})'.repeat(1e4)",
  "'!'.repeat(1e5) + '1'",
  "'a=>'.repeat(1e4) + '1'",
  "'a='.repeat(1e4) + '1'",
  "'new '.repeat(1e4) + 'X'",
  "'`${'.repeat(1e4) + '}`'.repeat(1e4)",
  "'if (1) '.repeat(1e4) + ';'",
  "'var ' + '['.repeat(1e4) + 'a' + ']'.repeat(1e4) + ' = 1'",
  "'function f(){'.repeat(2000) + '}'.repeat(2000)",
]

// Every nested source through eval and new Function, after a deep guest recursion too; each
// must end in a catchable error. Prints one line per case, then 'usable'.
const PROBE = `
  const sources = [${NESTED.join(", ")}];
  const outcome = (fn) => { try { fn(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } };
  const deep = (n, fn) => (n ? deep(n - 1, fn) : fn());
  for (const src of sources) {
    console.log(outcome(() => eval(src)), '|', outcome(() => new Function(src)), '|', outcome(() => deep(1500, () => eval(src))));
  }
  console.log(eval('(((((1)))))') + new Function('return [[[[2]]]]')()[0][0][0][0], 'usable');
`
// The parser's depth limit: RangeError "Maximum call stack size exceeded". Some constructs meet an older check
// first (the tokenizer's stack check: SyntaxError "stack overflow"; QuickJS's own limits on
// destructuring and parameter lists: other SyntaxErrors): catchable too.
const CATCHABLE = "(RangeError: Maximum call stack size exceeded|SyntaxError: [a-z ]+)"
const EXPECTED = new RegExp(`^(${CATCHABLE} \\| ${CATCHABLE} \\| ${CATCHABLE}\n){${NESTED.length}}3 usable\n`)

async function probeHere(): Promise<{ exitCode: number; stdout: string }> {
  let stdout = ""
  const sandbox = await createSandbox({ stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stdout += t) })
  const first = await sandbox.run(PROBE)
  // and the sandbox goes on
  const again = await sandbox.run("console.log(eval('['.repeat(50) + ']'.repeat(50)).length)")
  sandbox.dispose()
  return { exitCode: first.exitCode + again.exitCode, stdout }
}

describe("deeply nested source", () => {
  it("is a catchable error in eval and new Function, also deep in a call chain, and the sandbox stays usable", async () => {
    const result = await probeHere()
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(EXPECTED)
    expect(result.stdout).toMatch(/\n1\n$/)
    // brackets, the common case, meet the parser's own limit
    expect(result.stdout.split("\n").slice(0, 4)).toEqual(
      Array(4).fill(
        "RangeError: Maximum call stack size exceeded | RangeError: Maximum call stack size exceeded | RangeError: Maximum call stack size exceeded",
      ),
    )
  })

  it("is the same catchable error in a worker thread", async () => {
    const url = new URL("../../dist/index.mjs", import.meta.url).href
    const worker = new Worker(
      `import(${JSON.stringify(url)}).then(async ({ createSandbox }) => {
        let stdout = ""
        const sandbox = await createSandbox({ stdout: (t) => (stdout += t), stderr: (t) => (stdout += t) })
        const r = await sandbox.run(${JSON.stringify(PROBE)})
        sandbox.dispose()
        require("node:worker_threads").parentPort.postMessage({ exitCode: r.exitCode, stdout })
      })`,
      { eval: true },
    )
    const result = await new Promise((resolve, reject) => {
      worker.once("message", resolve)
      worker.once("error", reject)
    })
    await worker.terminate()
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(EXPECTED) })
  })

  it("still parses real nesting: 100 levels of parentheses, brackets, blocks and callbacks", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t: string) => void (stdout += t) })
    const r = await sandbox.run(`
      const n = 100;
      console.log(eval('('.repeat(n) + '1' + ')'.repeat(n)), eval('['.repeat(n) + ']'.repeat(n)).length,
        eval('{'.repeat(n) + '}'.repeat(n)), new Function('f', 'return ' + 'f(() => '.repeat(50) + '1' + ')'.repeat(50))((g) => g()));`)
    sandbox.dispose()
    expect(r.exitCode).toBe(0)
    expect(stdout).toBe("1 1 undefined 1\n")
  })
})

describe("native operations under the CPU timeout", () => {
  // Each took seconds (or, for the array-like, for ever) in one native call on a 300 ms budget.
  const slow = [
    "Array(5e7).join()",
    "Array.prototype.indexOf.call({ length: 2 ** 53 }, 1)",
    "Array.prototype.includes.call({ length: 2 ** 53 }, 1)",
    "Array.prototype.lastIndexOf.call({ length: 2 ** 53 }, 1)",
    "Array.prototype.fill.call({ length: 2 ** 53 }, 1)",
    "JSON.stringify(Array(3e7))",
    // (just under V8's string length limit, 2 ** 29 - 24: past it both fail at once, as in Node)
    "'ab'.repeat(2.6e8).length",
    "'a'.padStart(5.3e8).length",
    // node:crypto's C loops (native/bindings/kdf.c, native/bindings/crypto.c)
    "require('crypto').pbkdf2Sync('p', 's', 2 ** 31 - 1, 64, 'sha512')",
    "require('crypto').pbkdf2Sync('p', 's'.repeat(1e6), 1, 2 ** 24, 'sha1')",
    "require('crypto').scryptSync('p', 's', 64, { N: 2 ** 16, r: 8, p: 1000, maxmem: 2 ** 28 })",
    "require('crypto').createHash('shake256', { outputLength: 2 ** 28 }).digest().length",
    "require('crypto').createHash('sha512').update(Buffer.alloc(2 ** 27)).digest('hex')",
  ]
  for (const code of slow) {
    it(`${code} stops within a bounded time`, async () => {
      const sandbox = await createSandbox({ timeout: 300, memoryLimit: 2 ** 31, stdout: () => {}, stderr: () => {} })
      const started = Date.now()
      const r = await sandbox.run(code)
      const ms = Date.now() - started
      // and the next run is not interrupted
      const next = await sandbox.run("1")
      sandbox.dispose()
      expect(r.exitCode).toBe(1)
      expect(r.error?.message).toMatch(/interrupted/)
      expect(ms).toBeLessThan(1500)
      expect(next.exitCode).toBe(0)
    })
  }

  it("a string past V8's length limit is Node's RangeError, at once", async () => {
    const sandbox = await createSandbox({ timeout: 300, memoryLimit: 2 ** 31, stdout: () => {}, stderr: () => {} })
    for (const code of ["'ab'.repeat(5e8).length", "'a'.padStart(1e9).length", "'x'.repeat(2 ** 29 - 23).length"]) {
      const r = await sandbox.run(code)
      expect(r.exitCode).toBe(1)
      expect(r.error?.name).toBe("RangeError")
      expect(r.error?.message).toBe("Invalid string length")
    }
    sandbox.dispose()
  })
})

describe("fs's own C recursion at any guest stack depth", () => {
  // open(O_CREAT) follows links in C (a dangling link's target is created, as Linux does), up
  // to 40 deep with path buffers in each frame; realpath and mkdir -p walk in C too. Tried at
  // every depth of a guest recursion down from the engine's stack limit: an errno or the
  // engine's RangeError, never a trap of the instance.
  it("open of looping links, realpath of a link chain and mkdir -p of a deep path", async () => {
    let out = ""
    let err = ""
    const sandbox = await createSandbox({ timeout: 60_000, stdout: (t) => (out += t), stderr: (t) => (err += t) })
    const r = await sandbox.run(`
      const fs = require('fs');
      fs.mkdirSync('/t');
      fs.symlinkSync('/t/loop', '/t/loop');
      for (let i = 0; i < 39; i++) fs.symlinkSync('/t/l' + (i + 1), '/t/l' + i);
      const deepPath = '/t/d' + '/x'.repeat(1000);
      const seen = {};
      const note = (fn) => { let r; try { fn(); r = 'ok'; } catch (e) { r = e.code || e.name; } seen[r] = (seen[r] || 0) + 1; };
      function deep() {
        try { deep(); } catch {}
        note(() => fs.openSync('/t/loop', 'w'));
        note(() => fs.realpathSync.native('/t/l0'));
        note(() => fs.mkdirSync(deepPath, { recursive: true }));
      }
      deep();
      console.log(Object.keys(seen).sort().join(','));`)
    sandbox.dispose()
    expect(err).toBe("")
    expect(r.exitCode).toBe(0)
    // ELOOP (open), ENOENT (the chain's end is missing), ok (mkdir), RangeError near the limit
    expect(
      out
        .trim()
        .split(",")
        .every((k) => ["ELOOP", "ENOENT", "ok", "RangeError"].includes(k)),
    ).toBe(true)
    expect(out).toContain("ELOOP")
  }, 120_000)
})

describe("a view's own properties cannot widen what native code touches", () => {
  // A DataView's buffer, byteOffset and byteLength are prototype getters a guest can shadow on
  // the object itself. Native bindings that take a view (hashing, fs reads and writes) must
  // touch its real bytes only: answer as for the real view or throw, never read or write past
  // its buffer (this once hashed a MiB of the Wasm memory, and readSync wrote before the view).
  // Known difference: a faked `buffer` is taken at its word within its own bounds (the bytes of
  // another guest ArrayBuffer), where Node reads the view's internal slots.
  it("faked byteLength, byteOffset and buffer on a DataView", async () => {
    let out = ""
    const sandbox = await createSandbox({ timeout: 10_000, stdout: (t) => (out += t), stderr: () => {} })
    const r = await sandbox.run(`
      const crypto = require('crypto'), fs = require('fs');
      const fake = (props) => { const dv = new DataView(new ArrayBuffer(8)); for (const [k, v] of Object.entries(props)) Object.defineProperty(dv, k, { value: v }); return dv; };
      const real = crypto.createHash('sha256').update(new DataView(new ArrayBuffer(8))).digest('hex');
      const named = crypto.createHash('sha256').update(new Uint8Array(1 << 20)).digest('hex');
      const outcome = (fn) => { try { return fn(); } catch (e) { return e.name; } };
      const results = [];
      for (const props of [{ byteLength: 1 << 20 }, { byteOffset: -64 }, { byteOffset: 1 << 20 }, { buffer: new ArrayBuffer(1 << 20), byteLength: 1 << 20 }]) {
        const h = outcome(() => crypto.createHash('sha256').update(fake(props)).digest('hex'));
        results.push(h === real || (props.buffer !== undefined && h === named) || h === 'RangeError' || h === 'TypeError');
        fs.writeFileSync('/f', Buffer.alloc(64, 1));
        const fd = fs.openSync('/f', 'r+');
        const dv = fake(props);
        const n = outcome(() => fs.readSync(fd, dv, 0, 8, 0));
        results.push(n === 8 || n === 'RangeError' || n === 'TypeError');
        const w = outcome(() => fs.writeSync(fd, dv, 0, 8, 0));
        results.push(w === 8 || w === 'RangeError' || w === 'TypeError');
        fs.closeSync(fd);
        results.push(fs.statSync('/f').size === 64);
      }
      console.log(JSON.stringify(results));`)
    const next = await sandbox.run("console.log('still fine')")
    sandbox.dispose()
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(out.split("\n")[0])).toEqual(Array(16).fill(true))
    expect(next.exitCode).toBe(0)
  })
})
