// The guest's WebAssembly (createSandbox({ webAssembly: true })) as a boundary: off by default
// without a trace, host memories inside memoryLimit, traps and import errors as guest errors,
// the deadline at import calls, re-entry bounded, and nothing of the host in the guest's hands.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox, type SandboxOptions } from "../../runtime/index"

const builder = readFileSync(join(__dirname, "../webassembly/wasm-builder.js"), "utf8")

async function run(
  code: string,
  options: SandboxOptions = {},
): Promise<{ stdout: string; stderr: string; exitCode: number; error?: Error }> {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    webAssembly: true,
    files: { "/w/wasm-builder.js": builder },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...options,
  })
  try {
    const r = await sandbox.run(`const B = require('/w/wasm-builder.js');\n${code}`, { filename: "/w/main.js" })
    return { stdout, stderr, ...r }
  } finally {
    sandbox.dispose()
  }
}

// (memory N) defined and exported as "mem", with grow(pages) -> old size or -1
const MEMORY_MODULE = (pages: number) => `B.wasm(
  B.section(1, B.vec([B.type([B.I32], [B.I32])])),
  B.section(3, B.vec([[0]])),
  B.section(5, B.vec([[0, ...B.leb(${pages})]])),
  B.section(7, B.vec([[...B.str('mem'), 2, 0], [...B.str('grow'), 0, 0]])),
  B.section(10, B.vec([B.body([], [0x20, 0, 0x40, 0])])),
)`

describe("off by default", () => {
  it("leaves no WebAssembly global, property or module behind", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t) })
    const r = await sandbox.run(`
      const names = Object.getOwnPropertyNames(globalThis).filter((n) => /wasm|webassembly/i.test(n));
      let loaded = 'no';
      try { require('qjsw:internal/webassembly'); loaded = 'require'; } catch {}
      import('qjsw:internal/webassembly').then(() => { loaded = 'import'; }, () => {}).then(() =>
        console.log(typeof WebAssembly, 'WebAssembly' in globalThis, JSON.stringify(names), loaded));
    `)
    sandbox.dispose()
    expect(r.exitCode).toBe(0)
    expect(stdout).toBe("undefined false [] no\n")
  })

  it("with webAssembly: true, the internal module stays unreachable by name", async () => {
    const r = await run(`
      let loaded = 'no';
      try { require('qjsw:internal/webassembly'); loaded = 'require'; } catch {}
      import('qjsw:internal/webassembly').then(() => { loaded = 'import'; }, () => {}).then(() => console.log(typeof WebAssembly, loaded));
    `)
    expect(r.stdout).toBe("object no\n")
  })
})

describe("memory limit", () => {
  const limit = 24 << 20
  it("refuses a Memory or a grow() past what the limit leaves, as V8's failed allocation", async () => {
    const r = await run(
      `
      try { new WebAssembly.Memory({ initial: 1000 }); } catch (e) { console.log(e.name, e.message); }
      const m = new WebAssembly.Memory({ initial: 1 });
      try { m.grow(1000); } catch (e) { console.log(e.name, e.message); }
      console.log(m.grow(2), m.buffer.byteLength);
    `,
      { memoryLimit: limit },
    )
    expect(r.stdout).toBe(
      "RangeError WebAssembly.Memory(): could not allocate memory\n" +
        "RangeError WebAssembly.Memory.grow(): Maximum memory size exceeded\n" +
        "1 196608\n",
    )
  })

  it("refuses an instance whose own memory does not fit, and caps memory.grow inside the Wasm", async () => {
    const r = await run(
      `
      WebAssembly.instantiate(${MEMORY_MODULE(1000)}).catch((e) => console.log(e.name, e.message));
      const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${MEMORY_MODULE(1)}));
      console.log(ex.grow(1000), ex.grow(2), ex.mem.buffer.byteLength);
    `,
      { memoryLimit: limit },
    )
    expect(r.stdout).toBe(
      "-1 1 196608\nRangeError WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance\n",
    )
  })

  it("charges host memories to the guest heap: what they hold the heap cannot", async () => {
    const r = await run(
      `
      const m = new WebAssembly.Memory({ initial: 160 }); // 10 MiB of the 24
      let n = 0;
      try { const keep = []; for (;;) { keep.push(new Array(1 << 16).fill(n)); n++; } } catch (e) { console.log(e.name, e.message); }
      console.log(n < 200);
    `,
      { memoryLimit: limit },
    )
    expect(r.stdout).toBe("InternalError out of memory\ntrue\n")
  })

  it("a buffer the heap has no room for is a RangeError, not a bogus value", async () => {
    const r = await run(
      `
      const m = new WebAssembly.Memory({ initial: 200 }); // 12.5 MiB, and its copy in the heap
      try { m.buffer; } catch (e) { console.log(e.name, e.message); }
      console.log(m.grow(0), new WebAssembly.Memory({ initial: 1 }).buffer.byteLength);
    `,
      { memoryLimit: 16 << 20 },
    )
    expect(r.stdout).toBe("RangeError Array buffer allocation failed\n200 65536\n")
  })
})

// (func (export "trap") unreachable), (func (export "spin") (loop (call $tick) (br 0))) with
// $tick an import
const TRAP_MODULE = `B.wasm(
  B.section(1, B.vec([B.type([], [])])),
  B.section(2, B.vec([[...B.str('env'), ...B.str('tick'), 0, 0]])),
  B.section(3, B.vec([[0], [0]])),
  B.section(7, B.vec([[...B.str('trap'), 0, 1], [...B.str('spin'), 0, 2]])),
  B.section(10, B.vec([B.body([], [0x00]), B.body([], [0x03, 0x40, 0x10, 0, 0x0c, 0, 0x0b])])),
)`

describe("errors across the boundary", () => {
  it("a trap is a guest RuntimeError, and the sandbox goes on", async () => {
    const r = await run(`
      const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${TRAP_MODULE}), { env: { tick() {} } });
      try { ex.trap(); } catch (e) { console.log(e instanceof WebAssembly.RuntimeError, e instanceof Error, e.name, e.message); }
      ex.trap();
    `)
    expect(r.stdout).toBe("true true RuntimeError unreachable\n")
    expect(r.exitCode).toBe(1)
    expect(r.error?.name).toBe("RuntimeError")
    expect(r.stderr).not.toMatch(/cannot continue/)
  })

  it("an import's error reaches the caller as the same value, through host Wasm frames", async () => {
    const r = await run(`
      const marker = { reason: 'mine' };
      let throws = true;
      const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${TRAP_MODULE}), {
        env: { tick() { if (throws) throw marker; } },
      });
      try { ex.spin(); } catch (e) { console.log(e === marker); }
      process.on('exit', () => console.log('exit'));
    `)
    expect(r.stdout).toBe("true\nexit\n")
  })

  it("endless re-entry (import -> export -> import ...) ends in a catchable RangeError", async () => {
    const r = await run(`
      let ex;
      ({ exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${TRAP_MODULE}), { env: { tick() { ex.spin(); } } }));
      try { ex.spin(); } catch (e) { console.log(e.name, e.message); }
      console.log('after');
    `)
    expect(r.stdout).toBe("RangeError Maximum call stack size exceeded\nafter\n")
  })

  it("the deadline stops a Wasm loop at its next import call", async () => {
    const started = Date.now()
    const r = await run(
      `
      const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${TRAP_MODULE}), { env: { tick() {} } });
      ex.spin();
    `,
      { timeout: 300 },
    )
    expect(r.exitCode).toBe(1)
    expect(r.error?.message).toBe("interrupted")
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})

describe("no host objects in the guest", () => {
  it("exports, memories, tables and globals are the guest's own objects; ids cannot be forged", async () => {
    const r = await run(`
      const { instance } = { instance: new WebAssembly.Instance(new WebAssembly.Module(${MEMORY_MODULE(1)})) };
      const e = instance.exports;
      const seen = [];
      const walk = (v, depth) => {
        if (depth > 3 || v === null || (typeof v !== 'object' && typeof v !== 'function')) return;
        let p = v;
        while (p) { seen.push(p === Object.prototype || p === Function.prototype || p === ArrayBuffer.prototype ||
          Object.getOwnPropertyNames(WebAssembly).some((n) => WebAssembly[n] && WebAssembly[n].prototype === p) || p === WebAssembly || p === e || p === e.mem || p === e.grow); p = Object.getPrototypeOf(p); }
        for (const k of Reflect.ownKeys(v)) { try { walk(v[k], depth + 1); } catch {} }
      };
      walk(e, 0);
      console.log(seen.every(Boolean), Object.getPrototypeOf(e), typeof e.grow.constructor('return 1'));
      const fake = Object.create(WebAssembly.Memory.prototype);
      for (const f of [() => fake.buffer, () => fake.grow(1), () => WebAssembly.Memory.prototype.grow.call({}, 1),
        () => WebAssembly.Table.prototype.get.call(e.mem, 0), () => new WebAssembly.Instance(Object.create(WebAssembly.Module.prototype))]) {
        try { f(); console.log('no error'); } catch (err) { console.log(err.name); }
      }
    `)
    expect(r.stdout).toBe("true null function\nTypeError\nTypeError\nTypeError\nTypeError\nTypeError\n")
  })

  it("a module run rewritten to record its writes shows only its own exports, and cannot reach the added globals", async () => {
    const r = await run(`
      // 80 pages: rewritten (runtime/webassembly/wasm-store-tracker.ts)
      const m = new WebAssembly.Module(${MEMORY_MODULE(80)});
      const { exports: e } = new WebAssembly.Instance(m);
      console.log(JSON.stringify(WebAssembly.Module.exports(m)), JSON.stringify(Reflect.ownKeys(e)));
      // (global.get 0) in a module that defines no global: what the rewritten one would call its first added global
      const probe = B.wasm(
        B.section(1, B.vec([B.type([], [B.I32])])),
        B.section(3, B.vec([[0]])),
        B.section(5, B.vec([[0, ...B.leb(80)]])),
        B.section(7, B.vec([[...B.str('g'), 0, 0]])),
        B.section(10, B.vec([B.body([], [0x23, 0])])),
      );
      console.log(WebAssembly.validate(probe));
      try { new WebAssembly.Module(probe); } catch (err) { console.log(err.name); }
    `)
    expect(r.stdout).toBe('[{"name":"mem","kind":"memory"},{"name":"grow","kind":"function"}] ["mem","grow"]\nfalse\nCompileError\n')
  })

  it("transferring the buffer leaves it whole (as V8 does for a Wasm memory), and the memory in step", async () => {
    const r = await run(`
      const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(${MEMORY_MODULE(1)}));
      const b = ex.mem.buffer;
      new Uint8Array(b)[0] = 9;
      const keep = structuredClone(b, { transfer: [b] });
      ex.grow(0);
      console.log(new Uint8Array(ex.mem.buffer)[0], ex.mem.buffer.byteLength);
    `)
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe("9 65536\n")
  })
})
