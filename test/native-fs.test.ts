import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import * as nodeFs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"
import { evalModule } from "./guest"

type Callbacks = Record<string, (...args: unknown[]) => unknown>

// Counts every C-to-host call the module makes (quickjs-emscripten-core's Module.callbacks).
function countHostCalls(mod: QuickJSWASMModule) {
  const callbacks = (mod as unknown as { module: { callbacks: Callbacks } }).module.callbacks
  const counts: Record<string, number> = {}
  for (const name of Object.keys(callbacks)) {
    const original = callbacks[name]!
    counts[name] = 0
    callbacks[name] = (...args: unknown[]) => {
      counts[name]!++
      return original(...args)
    }
  }
  return {
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  }
}

describe("native fs binding", () => {
  let mod: QuickJSWASMModule
  let hostCalls: ReturnType<typeof countHostCalls>

  beforeAll(async () => {
    // bare contexts: Node's globals add two host functions (output, the timer wake-up)
    mod = await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: false })
    hostCalls = countHostCalls(mod)
  })

  it("writes and reads back a file without any host callback", () => {
    // The counter must see calls when they happen, or a zero below proves nothing.
    const ctx = mod.newContext()
    const fn = ctx.newFunction("probe", () => ctx.undefined)
    ctx.setProp(ctx.global, "probe", fn)
    fn.dispose()
    ctx.unwrapResult(ctx.evalCode("probe()")).dispose()
    ctx.dispose()
    expect(hostCalls.counts.callFunction).toBe(1)

    const before = hostCalls.total()
    const out = evalModule(
      mod,
      `import fs from 'node:fs';
       fs.mkdirSync('/proof/dir', { recursive: true });
       const payload = 'written inside Wasm ' + 'x'.repeat(100000);
       fs.writeFileSync('/proof/dir/file.txt', payload);
       export const same = fs.readFileSync('/proof/dir/file.txt', 'utf8') === payload;
       export const size = fs.readFileSync('/proof/dir/file.txt').length;`,
    )
    expect(out).toEqual({ same: true, size: 100020 })
    expect(hostCalls.total() - before).toBe(0)
  })

  it("keeps files across contexts of one module, and apart between modules", async () => {
    evalModule(mod, `import fs from 'node:fs'; fs.writeFileSync('/shared.txt', 'one');`)
    expect(evalModule(mod, `import fs from 'node:fs'; export const t = fs.readFileSync('/shared.txt', 'utf8');`)).toEqual({ t: "one" })
    const other = await newQuickJSWASMModuleWithWasmFS()
    expect(evalModule(other, `import fs from 'node:fs'; export const e = fs.existsSync('/shared.txt');`)).toEqual({
      e: false,
    })
  })

  it("supports named imports and the bare 'fs' id", () => {
    expect(
      evalModule(
        mod,
        `import { writeFileSync } from 'fs'; import { readFileSync } from 'node:fs';
         writeFileSync('/named.txt', 'n'); export const t = readFileSync('/named.txt', 'utf8');`,
      ),
    ).toEqual({ t: "n" })
  })

  it("runs 10,000 readFileSync/writeFileSync/statSync loops without leaving Wasm", async () => {
    // Wrap every import of the Wasm module (Emscripten's JS library functions, our JS library)
    // as well as Module.callbacks, and count what the guest's fs calls reach.
    const bytes = readFileSync(join(__dirname, "../build/wasm/quickjs-wasmfs.wasm"))
    const imports: Record<string, number> = {}
    const counted = await newQuickJSWASMModuleWithWasmFS({
      nodeGlobals: false,
      emscriptenModule: {
        instantiateWasm(given, onSuccess) {
          const wrapped: WebAssembly.Imports = {}
          for (const [ns, fields] of Object.entries(given)) {
            const out: Record<string, WebAssembly.ImportValue> = {}
            for (const [name, value] of Object.entries(fields)) {
              out[name] =
                typeof value === "function"
                  ? (...args: unknown[]) => {
                      imports[name] = (imports[name] ?? 0) + 1
                      return (value as (...a: unknown[]) => unknown)(...args)
                    }
                  : value
            }
            wrapped[ns] = out
          }
          void WebAssembly.instantiate(bytes, wrapped).then(({ instance }) => onSuccess(instance))
          return {}
        },
      },
    })
    const callbacks = countHostCalls(counted)
    const ctx = counted.newContext()
    ctx
      .unwrapResult(
        ctx.evalCode(`import fs from 'node:fs'; fs.mkdirSync('/loop', { recursive: true });`, "/setup.mjs", {
          type: "module",
        }),
      )
      .dispose()
    const before = { ...imports }
    const result = ctx.evalCode(
      `import fs from 'node:fs';
       let bytes = 0;
       for (let i = 0; i < 10000; i++) {
         const p = '/loop/f' + (i % 16);
         fs.writeFileSync(p, 'payload ' + i);
         bytes += fs.readFileSync(p, 'utf8').length;
         bytes += fs.statSync(p).size;
       }
       export { bytes };`,
      "/loop.mjs",
      { type: "module" },
    )
    const out = ctx.unwrapResult(result)
    expect(ctx.dump(out).bytes).toBeGreaterThan(10000 * 2 * 9)
    out.dispose()
    ctx.dispose()
    const during: Record<string, number> = {}
    for (const [name, n] of Object.entries(imports)) if (n !== (before[name] ?? 0)) during[name] = n - (before[name] ?? 0)
    expect(callbacks.total()).toBe(0)
    // The one import WasmFS needs: the clock, read once per write to set the file's mtime.
    // Wasm has no clock of its own; everything else (paths, data, metadata) stays inside.
    expect(Object.keys(during)).toEqual(["emscripten_date_now"])
    expect(during.emscripten_date_now).toBeLessThanOrEqual(10000 + 2 * 16) // + creation of 16 files
  })

  it("refuses sizes that cannot fit in memory instead of aborting the instance", () => {
    // WasmFS aborts (or traps) when a file cannot grow or is read far past its end; the
    // binding answers EFBIG / 0 bytes first, and the module keeps working.
    const out = evalModule(
      mod,
      `import fs from 'node:fs'; import { Buffer } from 'node:buffer';
       const fd = fs.openSync('/huge', 'w+');
       const tryIt = (f) => { try { return f() } catch (e) { return e.code } };
       export const results = [
         tryIt(() => fs.writeSync(fd, Buffer.from('x'), 0, 1, 2 ** 31)),
         tryIt(() => fs.ftruncateSync(fd, 2 ** 31)),
         tryIt(() => fs.truncateSync('/huge', 2 ** 32)),
         tryIt(() => fs.readSync(fd, Buffer.alloc(4), 0, 4, 2 ** 31)),
         tryIt(() => fs.readSync(fd, Buffer.alloc(4), 0, 4, 2 ** 40)),
       ];
       fs.closeSync(fd);
       fs.writeFileSync('/after', 'still fine');
       export const after = fs.readFileSync('/after', 'utf8');`,
    )
    expect(out).toEqual({ results: ["EFBIG", "EFBIG", "EFBIG", 0, 0], after: "still fine" })
  })

  describe("matches real Node on the same script", () => {
    const scenario = readFileSync(join(__dirname, "fixtures/fs-basics.js"), "utf8")
    let nodeRoot: string

    beforeAll(() => {
      nodeRoot = mkdtempSync(join(tmpdir(), "qjsw-fs-"))
    })
    afterAll(() => rmSync(nodeRoot, { recursive: true, force: true }))

    it("fs-basics.js", () => {
      const inNode = new Function("fs", "Buffer", "root", scenario)(nodeFs, Buffer, nodeRoot)
      const inSandbox = evalModule(
        mod,
        `import fs from 'node:fs'; import { Buffer } from 'node:buffer';
         fs.mkdirSync('/sandbox');
         export const log = (function (fs, Buffer, root) {\n${scenario}\n})(fs, Buffer, '/sandbox');`,
      ) as { log: unknown[] }
      // JSON round trip: the sandbox transcript comes back through dump(), which drops undefined.
      const expected = JSON.parse(JSON.stringify(inNode)) as unknown[]
      expect(inSandbox.log.length).toBe(expected.length)
      for (let i = 0; i < expected.length; i++) expect(inSandbox.log[i]).toEqual(expected[i])
    })
  })
})
