import { spawnSync } from "node:child_process"
import { deflateSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { Sandbox, newQuickJSWASMModuleWithWasmFS } from "../dist/index.mjs"

function collect() {
  const out = { stdout: "", stderr: "" }
  return { out, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) }
}

// Deepest plain recursion the guest reaches before its stack error, to the nearest 50 frames.
const DEPTH_PROBE = `
  function f(n) { return n ? f(n - 1) + 1 : 0; }
  let depth = 0;
  try { for (depth = 50; ; depth += 50) f(depth); } catch (e) { console.log(JSON.stringify({ depth, name: e.name, message: e.message })); }
`

describe("sandbox limits", () => {
  it("stops a guest that allocates past memoryLimit; the sandbox disposes and a new one works", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, ...io })
    const result = await sandbox.run("const keep = []; for (;;) keep.push('x'.repeat(1000) + keep.length);")
    expect(result.exitCode).toBe(1)
    expect(result.error).toMatchObject({ name: "InternalError", message: "out of memory" })
    expect(io.out.stderr).toContain("InternalError: out of memory")
    // A guest that catches the error keeps running inside the limit.
    const caught = collect()
    const again = new Sandbox(module, { memoryLimit: 8 << 20, ...caught })
    const second = await again.run(
      "const b = []; try { for (;;) b.push(new ArrayBuffer(1 << 20)); } catch (e) { console.log(e.message, b.length > 0); }",
    )
    expect(second.exitCode).toBe(0)
    expect(caught.out.stdout).toBe("out of memory true\n")
    again.dispose()
    sandbox.dispose()
    const fresh = collect()
    const next = new Sandbox(module, fresh)
    expect(await next.run("console.log(Array.from({ length: 1e5 }, (_, i) => i).length)")).toEqual({ exitCode: 0 })
    expect(fresh.out.stdout).toBe("100000\n")
    next.dispose()
  })

  it("reaching the limit again and again, at varied depths and sizes, always throws the catchable error", async () => {
    // Each round stops at a different allocation, so the error's own backtrace runs out of
    // memory at varied points (patch 070: that once freed the pending error and killed the
    // instance), and the error itself must never be a bare null.
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 16 << 20, ...io })
    const result = await sandbox.run(`
      function fill(depth, keep, size) {
        if (depth > 0) return fill(depth - 1, keep, size);
        for (;;) keep.push(size ? 'x'.repeat(size) + keep.length : { n: keep.length });
      }
      function attempt(round) {
        const keep = [];
        try { fill(round % 7, keep, (round * 37) % 300) } catch (e) { return e === null ? 'null' : e.message }
      }
      const messages = new Set();
      for (let round = 0; round < 40; round++) messages.add(attempt(round));
      console.log([...messages].join());
    `)
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("out of memory\n")
    expect(await sandbox.run("console.log(6 * 7)")).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("out of memory\n42\n")
    sandbox.dispose()
  })

  it("a guest that stays at its memory limit (collecting all the while) still ends at its deadline", async () => {
    // Patch 070 collects often near and past the limit: a guest living there burns
    // CPU, which the run's deadline must still bound, and the sandbox goes on.
    const module = await newQuickJSWASMModuleWithWasmFS()
    const sandbox = new Sandbox(module, { memoryLimit: 32 << 20, timeout: 500, ...collect() })
    const result = await sandbox.run(`
      const keep = [];
      try { for (;;) keep.push({ n: keep.length }) } catch {}
      for (;;) { try { keep.push({}) } catch {} }
    `)
    expect(result.exitCode).toBe(1)
    expect(result.error?.message).toMatch(/interrupted/)
    expect(await sandbox.run("if (6 * 7 !== 42) throw 0")).toEqual({ exitCode: 0 })
    sandbox.dispose()
  }, 30_000)

  it("Atomics.wait without a timeout sleeps until the run's deadline, uncatchably, and the sandbox goes on", async () => {
    // No other thread can notify (patch 100): a forever wait is a sleep the deadline must end,
    // as it ends a busy loop; a caught interrupt must not let the guest wait again.
    const module = await newQuickJSWASMModuleWithWasmFS()
    const sandbox = new Sandbox(module, { timeout: 300, ...collect() })
    const start = Date.now()
    const result = await sandbox.run(`
      const cell = new Int32Array(new SharedArrayBuffer(4));
      for (;;) { try { Atomics.wait(cell, 0, 0) } catch {} }
    `)
    expect(result.exitCode).toBe(1)
    expect(result.error?.message).toMatch(/interrupted/)
    expect(Date.now() - start).toBeLessThan(5000)
    expect(await sandbox.run("if (Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5) !== 'timed-out') throw 0")).toEqual({
      exitCode: 0,
    })
    sandbox.dispose()
  }, 30_000)

  it("errors made in a loop up to the limit end in the out-of-memory error, soon", async () => {
    // new Error() whose backtrace could not be made used to return the error anyway: the loop
    // went on in the reserve past the limit, collecting at every allocation (8 s for 8 MiB),
    // until the guest caught a bare null (patch 074).
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, timeout: 5000, ...io })
    const result = await sandbox.run(`
      let keep = [], caught;
      try { for (let n = 0; ; n++) keep.push(new Error('e' + n)) }
      catch (e) { caught = e === null ? 'null' : e.name + ': ' + e.message }
      const made = keep.length;
      keep = null;
      console.log(caught, made > 10000);
    `)
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("InternalError: out of memory true\n")
    sandbox.dispose()
  }, 30_000)

  it("garbage cycles are collected before an allocation fails at the limit, in the run and in the next", async () => {
    // QuickJS collected only when it made an object: dropped vm contexts (cycles) stayed until
    // then, and a large string or a growing array failed at the limit with them held (patch 080)
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, timeout: 10_000, ...io })
    // Sizes keep a margin both ways at 8 MiB, whatever the heap's layout (a build's paths move
    // it): the base heap is about 1.1 MB, a dropped context about 38 KB. Run 1 grows an array
    // (capacity 4.85 MB at 500,000) over 100 dropped contexts; run 2 leaves 50, under the half
    // of the limit at which the sandbox collects before a run, so run 3's 5.5 MB string fits
    // only if its failure collects them. (Growing to 655,360 needed a 7.3 MB step, which fitted
    // or not by 100 KB with the layout.)
    const fill = (contexts: number) => `
      const vm = require('vm');
      globalThis.junk = [];
      for (let i = 0; i < ${contexts}; i++) junk.push(vm.createContext({ i }));
      junk = null;`
    const grow = "const a = []; while (a.length < 500000) a.push(a.length); console.log(a.length)"
    expect(await sandbox.run(`${fill(100)}\n${grow}`)).toEqual({ exitCode: 0 })
    expect(await sandbox.run(fill(50))).toEqual({ exitCode: 0 })
    expect(await sandbox.run("console.log('x'.repeat(11 << 19).length)")).toEqual({ exitCode: 0 })
    expect(io.out).toEqual({ stdout: `500000\n${11 << 19}\n`, stderr: "" })
    sandbox.dispose()
  }, 30_000)

  it("a WeakMap's value that reaches its own key does not keep the entry; live keys keep theirs", async () => {
    // QuickJS kept every value of a live weak map, so wm.set(k, { k }) kept k and its value for
    // good (FormatJS's slots of each Intl object did the same): the heap filled across runs (patch 082)
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, timeout: 20_000, env: { NODE_OPTIONS: "--expose-gc" }, ...io })
    const fill = `
      globalThis.wm ??= new WeakMap();
      for (let i = 0; i < 30000; i++) { const k = { s: 'x'.repeat(64) + i }; wm.set(k, { k, more: [k] }); }`
    // entries kept by live keys, directly and through a chain of values (key -> value -> next key)
    const keep = `
      globalThis.kept ??= Array.from({ length: 100 }, (_, i) => ({ i }));
      for (const k of kept) wm.set(k, { k });
      globalThis.head ??= {};
      let cur = head;
      for (let i = 0; i < 50; i++) { const next = {}; wm.set(cur, { next, cur }); cur = next; }
      wm.set(cur, 'end');`
    const check = `
      gc();
      let n = 0, at = head;
      while (typeof wm.get(at) === 'object') { at = wm.get(at).next; n++; }
      console.log(n, wm.get(at), kept.every((k) => wm.get(k).k === k));`
    for (let run = 0; run < 3; run++) expect(await sandbox.run(`${fill}\n${keep}\n${fill}\n${check}`)).toEqual({ exitCode: 0 })
    expect(
      await sandbox.run("for (let i = 0; i < 400; i++) new Intl.NumberFormat('en-US', { maximumFractionDigits: i % 5 }).format(i)"),
    ).toEqual({ exitCode: 0 })
    expect(io.out).toEqual({ stdout: "50 end true\n".repeat(3), stderr: "" })
    sandbox.dispose()
  }, 60_000)

  it("what one gc() frees in cycles reaches FinalizationRegistry at once; an open FileHandle closes with Node's warnings", async () => {
    // QuickJS queued the callbacks for targets freed in cycles only at the next collection
    // (patch 085); a FileHandle collected while open closes its fd and warns, as in Node
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { timeout: 20_000, env: { NODE_OPTIONS: "--expose-gc" }, ...io })
    expect(
      await sandbox.run(`
      globalThis.registry = new FinalizationRegistry((held) => console.log('finalized', held));
      (() => { const a = {}; a.self = a; registry.register(a, 'cycle'); })();
      process.on('warning', (w) => console.log(w.name, w.message.slice(0, 48), w.code ?? ''));
      require('fs').writeFileSync('/f.txt', 'x');
      require('fs/promises').open('/f.txt').then((fh) => { globalThis.fd = fh.fd; fh.self = fh; }).then(() => {
        setImmediate(() => {
          gc();
          setImmediate(() => console.log('fd closed', (() => { try { require('fs').fstatSync(fd); return false; } catch (e) { return e.code; } })()));
        });
      });`),
    ).toEqual({ exitCode: 0 })
    expect(io.out).toEqual({
      stdout:
        "finalized cycle\nWarning Closing file descriptor 3 on garbage collection \n" +
        "DeprecationWarning Closing a FileHandle object on garbage collectio DEP0137\nfd closed EBADF\n",
      stderr: expect.stringContaining("Closing file descriptor 3 on garbage collection"),
    })
    sandbox.dispose()
  }, 30_000)

  it("what WeakRefs kept through a run that ended early is not kept for the next run", async () => {
    // a WeakRef keeps its target until the job queue is empty (patch 084); a run that exits or
    // throws with jobs queued never empties it, and the next run must not meet those targets
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, timeout: 10_000, env: { NODE_OPTIONS: "--expose-gc" }, ...io })
    const keep = `globalThis.refs = Array.from({ length: 5 }, (_, i) => new WeakRef({ s: 'x'.repeat(1 << 20) + i }));
      Promise.resolve().then(() => {});`
    expect(await sandbox.run(`${keep}\nprocess.exit(0)`)).toEqual({ exitCode: 0 })
    expect(await sandbox.run(`gc(); console.log(refs.filter((r) => r.deref()).length, 'x'.repeat(5 << 20).length)`)).toEqual({
      exitCode: 0,
    })
    expect((await sandbox.run(`${keep}\nthrow new Error('ends')`)).exitCode).toBe(1)
    expect(await sandbox.run(`gc(); console.log(refs.filter((r) => r.deref()).length, 'x'.repeat(5 << 20).length)`)).toEqual({
      exitCode: 0,
    })
    expect(io.out.stdout).toBe(`0 ${5 << 20}\n0 ${5 << 20}\n`)
    sandbox.dispose()
  }, 30_000)

  it("builtins first read at the limit are there in the next run, and errors made there are the out-of-memory error", async () => {
    // QuickJS makes most builtin methods on first access; one that could not be made at the
    // limit became undefined for every later run, and a TypeError that could not be made was
    // thrown as null and recursed until the host's stack ran out (patch 083)
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 4 << 20, timeout: 20_000, ...io })
    const targets =
      "[String.prototype, Array.prototype, Math, Object, Reflect, Number.prototype, JSON, Date.prototype, RegExp.prototype, Promise, Symbol, Map.prototype, Set.prototype, WeakMap.prototype, Object.prototype]"
    // fill to the limit, then spend the reserve a catch block gets, then read every builtin
    const atLimit = `
      const pairs = [];
      for (const t of ${targets}) for (const k of Reflect.ownKeys(t)) pairs.push(t, k);
      let list = null, more = null, oom = 0, other = 0;
      try { for (;;) list = { next: list, pad: [1, 2, 3, 4] }; } catch { }
      try { for (;;) more = { next: more }; } catch { }
      for (let i = 0; i < pairs.length; i += 2) {
        try { void pairs[i][pairs[i + 1]]; } catch (e) { if (e && e.message === 'out of memory') oom++; else other++; }
      }
      let sizeError;
      try { Set.prototype.size } catch (e) { sizeError = e; }
      list = more = null;
      console.log(oom > 0, other, sizeError === null ? 'null' : sizeError.name + ': ' + sizeError.message);`
    expect(await sandbox.run(atLimit)).toEqual({ exitCode: 0 })
    expect(
      await sandbox.run(`
      const lost = [];
      for (const t of ${targets}) for (const k of Reflect.ownKeys(t)) {
        const d = Reflect.getOwnPropertyDescriptor(t, k);
        if ('value' in d && d.value === undefined) lost.push(String(k));
      }
      console.log(lost.join() || 'none lost', typeof 'x'.repeat);`),
    ).toEqual({ exitCode: 0 })
    expect(io.out).toEqual({ stdout: "true 0 InternalError: out of memory\nnone lost function\n", stderr: "" })
    sandbox.dispose()
  }, 30_000)

  it("a memoryLimit that is not a byte count, or below what the booted sandbox holds, is refused, not a lost instance; a worker's ends it", async () => {
    // A limit below what making a context needs once left the context half made, and the
    // next call read through a wild pointer ("memory access out of bounds").
    const module = await newQuickJSWASMModuleWithWasmFS()
    for (const memoryLimit of [0.5, NaN, -2, 2 ** 32, Infinity]) {
      expect(() => new Sandbox(module, { memoryLimit })).toThrow(/memoryLimit must be -1 \(none\) or an integer from 0 to 4294967295/)
    }
    for (const memoryLimit of [0, 100, 100_000]) {
      expect(() => new Sandbox(module, { memoryLimit })).toThrow(
        /memoryLimit \d+ is below what the sandbox holds once started \(\d+ bytes\)/,
      )
    }
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 2 ** 32 - 1, ...io })
    // a guest's worker asks for any heap size, as in Node: one too small for it ends it with
    // Node's error, one too large is no more than the engine can count
    const result = await sandbox.run(`
      const { Worker } = require('worker_threads');
      for (const mb of [1e-9, 0.1, 5000]) {
        const w = new Worker('require("worker_threads").parentPort.postMessage(1)', { eval: true, resourceLimits: { maxOldGenerationSizeMb: mb } });
        w.on('message', (m) => console.log(mb, 'message', m));
        w.on('error', (e) => console.log(mb, e.code, e.message));
      }
    `)
    expect(result).toEqual({ exitCode: 0 })
    const lines = io.out.stdout.split("\n").filter(Boolean).sort()
    expect(lines).toEqual([
      "0.1 ERR_WORKER_OUT_OF_MEMORY Worker terminated due to reaching memory limit: JS heap out of memory",
      "1e-9 ERR_WORKER_OUT_OF_MEMORY Worker terminated due to reaching memory limit: JS heap out of memory",
      "5000 message 1",
    ])
    sandbox.dispose()
  }, 30_000)

  it("ends a run that throws null (or any non-object) with exit code 1", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    for (const thrown of ["null", "undefined", "42", "'text'"]) {
      const io = collect()
      const sandbox = new Sandbox(module, io)
      const result = await sandbox.run(`throw ${thrown};`)
      expect(result.exitCode).toBe(1)
      expect(io.out.stderr).not.toBe("")
      sandbox.dispose()
    }
  })

  it("sizes the guest's stack with stackSize, and refuses sizes the host cannot back", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const depthWith = async (stackSize?: number) => {
      const io = collect()
      const sandbox = new Sandbox(module, { stackSize, ...io })
      expect(await sandbox.run(DEPTH_PROBE)).toEqual({ exitCode: 0 })
      sandbox.dispose()
      return JSON.parse(io.out.stdout) as { depth: number; name: string; message: string }
    }
    const small = await depthWith(64 * 1024)
    const standard = await depthWith()
    const large = await depthWith(448 * 1024)
    expect(small).toMatchObject({ name: "RangeError", message: "Maximum call stack size exceeded" })
    expect(small.depth).toBeLessThan(standard.depth)
    expect(standard.depth).toBeLessThan(large.depth)
    expect(large.depth / small.depth).toBeGreaterThan(4)
    for (const bad of [0, 1000, 448 * 1024 + 1, 1.5e6, Number.NaN]) {
      expect(() => new Sandbox(module, { stackSize: bad })).toThrow(RangeError)
    }
  })

  // V8's optimized code for QuickJS's interpreter loop (JS_CallInternal) takes host stack per
  // guest call; the largest stackSize must still end in the guest's catchable error there.
  // wasm-opt once inlined import.meta's and import()'s paths into the loop, which made its
  // frame 3.8 times as large (QuickJS patch 088).
  it("the largest stackSize ends in the guest's RangeError under V8's optimizing tier too", () => {
    const script = `
      import { Sandbox, newQuickJSWASMModuleWithWasmFS } from ${JSON.stringify(new URL("../dist/index.mjs", import.meta.url).href)}
      const module = await newQuickJSWASMModuleWithWasmFS()
      let out = ""
      const sandbox = new Sandbox(module, { stackSize: 448 * 1024, stdout: (t) => (out += t) })
      const probe = ${JSON.stringify(DEPTH_PROBE)}
      const first = await sandbox.run(probe)
      const getter = await sandbox.run("try { const o = { get x() { return this.x } }; o.x } catch (e) { console.log(JSON.stringify({ name: e.name })) }")
      console.log(JSON.stringify({ first, getter, out: out.trim().split("\\n").map((l) => JSON.parse(l)) }))
      sandbox.dispose()
    `
    const r = spawnSync(process.execPath, ["--no-liftoff", "--input-type=module", "-e", script], { encoding: "utf8" })
    expect(r.stderr).toBe("")
    const seen = JSON.parse(r.stdout)
    expect(seen).toMatchObject({ first: { exitCode: 0 }, getter: { exitCode: 0 }, out: [{ name: "RangeError" }, { name: "RangeError" }] })
    expect(seen.out[0].depth).toBeGreaterThan(800)
  }, 60_000)
})

describe("recursion through native code", () => {
  // Each case recurses where QuickJS's own stack check used to see nothing (the Wasm shadow
  // stack barely moved) while V8's stack ran out and corrupted the instance.
  const cases: Record<string, string> = {
    "toJSON returning new objects": "let n = 0; const o = { toJSON() { return ++n < 1e6 ? { a: this } : 1; } }; JSON.stringify(o);",
    "JSON.stringify of deep nesting": "let o = 1; for (let i = 0; i < 1e5; i++) o = { a: o }; JSON.stringify(o);",
    "JSON.parse of deep nesting": "JSON.parse('['.repeat(1e5) + ']'.repeat(1e5));",
    "JSON.parse of deep nesting with a reviver": "JSON.parse('['.repeat(1e5) + ']'.repeat(1e5), (k, v) => v);",
    "Array.prototype.flat of deep nesting": "let a = [1]; for (let i = 0; i < 1e5; i++) a = [a]; a.flat(Infinity);",
    "a recursive getter": "const o = { get x() { return this.x; } }; o.x;",
  }
  for (const [name, code] of Object.entries(cases)) {
    it(`${name}: a catchable guest error, and the sandbox goes on`, async () => {
      const module = await newQuickJSWASMModuleWithWasmFS()
      const io = collect()
      const sandbox = new Sandbox(module, io)
      const result = await sandbox.run(`try { ${code} console.log('no error'); } catch (e) { console.log(e.name, e.message); }`)
      expect(result).toEqual({ exitCode: 0 })
      expect(io.out.stdout).toBe("RangeError Maximum call stack size exceeded\n")
      io.out.stdout = ""
      expect(await sandbox.run("console.log(JSON.parse('[[1]]')[0][0] + 1)")).toEqual({ exitCode: 0 })
      expect(io.out.stdout).toBe("2\n")
      sandbox.dispose()
    })
  }

  it("JSON.parse keeps QuickJS's results and errors below the nesting limit", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, io)
    await sandbox.run(`
      const out = [];
      out.push(JSON.parse('{"a":[1,"]]]",{"b":null}]}').a[1]);
      out.push(JSON.parse('[' + '[1],'.repeat(5000) + '2]').length);
      out.push(JSON.parse('"\\\\"["').length);
      out.push(JSON.parse('[1,2]', (k, v) => (k === '0' ? 10 : v))[0]);
      out.push(JSON.parse({ toString() { return '7'; } }));
      for (const bad of ['{', '[1,]', '']) { try { JSON.parse(bad); } catch (e) { out.push(e.name); } }
      out.push(JSON.parse.name, JSON.parse.length);
      console.log(JSON.stringify(out));
    `)
    expect(JSON.parse(io.out.stdout)).toEqual(["]]]", 5001, 2, 10, 7, "SyntaxError", "SyntaxError", "SyntaxError", "parse", 2])
    sandbox.dispose()
  })

  it("source nested too deeply to parse safely is a catchable error for require, import and run", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const deep = `module.exports = ${"(".repeat(5000)}1${")".repeat(5000)};`
    const sandbox = new Sandbox(module, {
      ...io,
      files: {
        "/deep.js": deep,
        "/deep.mjs": `export default ${"[".repeat(5000)}${"]".repeat(5000)};`,
        "/ok.js": `module.exports = ${"(".repeat(100)}1${")".repeat(100)};`,
      },
    })
    const result = await sandbox.run(`
      try { require('/deep.js'); } catch (e) { console.log('require', e.name, e.message); }
      import('/deep.mjs').catch((e) => console.log('import', e.name, e.message));
      console.log('shallow', require('/ok.js'));`)
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe(
      "require RangeError Maximum call stack size exceeded\nshallow 1\nimport RangeError Maximum call stack size exceeded\n",
    )
    const run = await sandbox.run(deep)
    expect(run.exitCode).toBe(1)
    io.out.stdout = ""
    expect(await sandbox.run("console.log('still usable')")).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("still usable\n")
    sandbox.dispose()
  })

  it("an import chain deeper than the stack is a catchable error for import and require, and the sandbox goes on", async () => {
    // Loading, resolving and linking recurse along the chain in C (patch 032 checks the stack):
    // without the check 3,000 modules exhausted the host's native stack and ended the sandbox.
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const files: Record<string, string> = {}
    const n = 3000
    for (let i = 0; i < n; i++)
      files[`/chain/m${i}.mjs`] = i + 1 < n ? `import './m${i + 1}.mjs'; export const v = ${i};` : "export const v = -1;"
    const sandbox = new Sandbox(module, { ...io, files })
    const result = await sandbox.run(`
      try { require('/chain/m0.mjs'); } catch (e) { console.log('require', e.name, e.message); }
      import('/chain/m1.mjs').catch((e) => console.log('import', e.name, e.message));`)
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("require RangeError Maximum call stack size exceeded\nimport RangeError Maximum call stack size exceeded\n")
    io.out.stdout = ""
    expect(await sandbox.run("console.log('still usable', require('/chain/m" + (n - 2) + ".mjs').v)")).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe(`still usable ${n - 2}\n`)
    sandbox.dispose()
  })

  it("deeply nested source given to eval is the same catchable error (the parser counts its depth)", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, io)
    const result = await sandbox.run("try { eval('('.repeat(1e4) + '1' + ')'.repeat(1e4)); } catch (e) { console.log(e.name, e.message); }")
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe("RangeError Maximum call stack size exceeded\n")
    expect(await sandbox.run("1")).toEqual({ exitCode: 0 })
    sandbox.dispose()
  })
})

describe("zlib within memoryLimit", () => {
  // zlib's and brotli's allocations are the runtime's: they count against the limit, and
  // running out is an error the guest can catch, never a dead module or a wrong result.
  it("fails a decompression bomb, an encoder that runs out and leaked streams with errors", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, {
      ...io,
      memoryLimit: 32 << 20,
      files: { "/bomb.z": deflateSync(Buffer.alloc(256 << 20)) },
    })
    const result = await sandbox.run(`
      const zlib = require('zlib');
      const bomb = require('fs').readFileSync('/bomb.z');
      try { zlib.inflateSync(bomb); } catch (e) { console.log('bomb', e.name, e.message); }
      try { zlib.inflateSync(bomb, { maxOutputLength: 1 << 20 }); } catch (e) { console.log('limit', e.code); }
      const big = Buffer.alloc(8 << 20, 'abc');
      try { zlib.brotliCompressSync(big, { params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }); } catch (e) { console.log('brotli', e.code); }
      for (let i = 0; i < 2000; i++) zlib.createDeflate({ memLevel: 9 });
      console.log('dropped streams collected', zlib.gunzipSync(zlib.gzipSync('still works')).toString());`)
    expect(io.out.stderr).toBe("")
    expect(result).toEqual({ exitCode: 0 })
    expect(io.out.stdout).toBe(
      "bomb InternalError out of memory\nlimit ERR_BUFFER_TOO_LARGE\nbrotli ERR_BROTLI_COMPRESSION_FAILED\n" +
        "dropped streams collected still works\n",
    )
    sandbox.dispose()
  })
})
