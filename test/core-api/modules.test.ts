/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI,
 * one file per area (helpers in ./helpers.ts). Expected values come from JavaScript semantics
 * and the core's documented behaviour, never from our own output.
 *
 * This file: ES modules, with the host's loader and normalizer, top-level await, the builtins
 * and what user code may not import.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { evalError, loadModule, withRuntime } from "./helpers"

beforeAll(loadModule)

describe("quickjs-emscripten-core API on the WasmFS build", () => {
  it("ES modules: host loader, normalizer, top-level await, builtins", async () => {
    // host loader with two modules importing each other
    await withRuntime(async (rt, ctx, scope) => {
      const sources: Record<string, string> = {
        "/app/lib/a.js": `
          import { b, readA } from './b.js';
          export const a = 'A';
          export function describe() { return a + b + readA() }`,
        "/app/lib/b.js": `
          import { a } from './a.js';
          export const b = 'B';
          export function readA() { return a.toLowerCase() }`,
      }
      const loaded: string[] = []
      rt.setModuleLoader((name) => {
        loaded.push(name)
        const source = sources[name]
        if (source === undefined) throw new Error(`no such module: ${name}`)
        return source
      })
      const ns = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(
            `import { a, describe } from './lib/a.js';
            import * as bNs from './lib/b.js';
            export const result = describe();
            export const fromB = bNs.b;
            export default a;`,
            "/app/main.js",
            { type: "module" },
          ),
        ),
      )
      expect(ctx.getProp(ns, "result").consume(ctx.dump)).toBe("ABa")
      expect(ctx.getProp(ns, "fromB").consume(ctx.dump)).toBe("B")
      expect(ctx.getProp(ns, "default").consume(ctx.dump)).toBe("A")
      expect(ctx.dump(ns)).toEqual({ default: "A", fromB: "B", result: "ABa" })
      // each module is loaded once, under its resolved name
      expect([...loaded].sort()).toEqual(["/app/lib/a.js", "/app/lib/b.js"])

      // without options, code with import/export is detected as a module
      const detected = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import { b } from './lib/b.js'; export const y = b + '?'", "/app/detect.js")),
      )
      expect(ctx.getProp(detected, "y").consume(ctx.dump)).toBe("B?")

      // a module already in the context is not loaded again
      const again = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode("import { b } from '/app/lib/b.js'; export const x = b + '!'", "/app/other.js", {
            type: "module",
          }),
        ),
      )
      expect(ctx.getProp(again, "x").consume(ctx.dump)).toBe("B!")
      expect(loaded.length).toBe(2)

      // the loader throwing gives an error result with its message
      const missing = evalError(ctx, "import x from './missing.js'; export default x", "/app/m2.js", true)
      expect(missing.message).toContain("no such module: /app/missing.js")
      // returning { error } works the same way
      rt.setModuleLoader((name) => ({ error: new Error(`refused ${name}`) }))
      const refused = evalError(ctx, "import x from 'thing'; export default x", "/app/m3.js", true)
      expect(refused.message).toContain("refused thing")
      // a loaded module with a syntax error
      rt.setModuleLoader(() => "export const = 1")
      const badSyntax = evalError(ctx, "import x from 'broken.js'; export default x", "/app/m4.js", true)
      expect(badSyntax.name).toBe("SyntaxError")
      // dynamic import() goes through the loader too
      rt.setModuleLoader((name) => `export const name = ${JSON.stringify(name)}`)
      const dyn = scope.manage(ctx.unwrapResult(ctx.evalCode("import('./dyn/one.js').then((m) => m.name)", "/root/x.js")))
      const dynP = ctx.resolvePromise(dyn)
      rt.executePendingJobs().unwrap()
      expect(ctx.unwrapResult(await dynP).consume(ctx.dump)).toBe("/root/dyn/one.js")
    })

    // a custom normalizer (second argument) is honoured
    await withRuntime((rt, ctx, scope) => {
      const normalizeCalls: Array<[string, string]> = []
      const loaded: string[] = []
      rt.setModuleLoader(
        (name) => {
          loaded.push(name)
          if (name === "virtual:math") return "export const double = (x) => x * 2"
          if (name === "virtual:util") return "import { double } from 'math'; export const quad = (x) => double(double(x))"
          throw new Error(`unexpected module ${name}`)
        },
        (base, requested) => {
          normalizeCalls.push([base, requested])
          return `virtual:${requested.replace(/^\.\//, "")}`
        },
      )
      const ns = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import { quad } from './util'; export const r = quad(3)", "entry.js", { type: "module" })),
      )
      expect(ctx.getProp(ns, "r").consume(ctx.dump)).toBe(12)
      expect(normalizeCalls).toEqual([
        ["entry.js", "./util"],
        ["virtual:util", "math"],
      ])
      expect(loaded).toEqual(["virtual:util", "virtual:math"])
      // a normalizer error fails the import
      rt.setModuleLoader(
        () => "export default 1",
        () => {
          throw new Error("normalizer says no")
        },
      )
      const err = evalError(ctx, "import x from './whatever'; export default x", "entry2.js", true)
      expect(err.message).toContain("normalizer says no")
    })

    // top-level await: evalCode returns a promise for the namespace
    await withRuntime(async (rt, ctx, scope) => {
      rt.setModuleLoader(() => "export const dep = await Promise.resolve('dep value')")
      const deferred = scope.manage(ctx.newPromise())
      ctx.setProp(ctx.global, "hostValue", deferred.handle)
      const result = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode("import { dep } from './dep.js'; export const v = await hostValue; export const d = dep", "tla.js", {
            type: "module",
          }),
        ),
      )
      expect(ctx.getPromiseState(result).type).toBe("pending")
      ctx.newString("tla ✓").consume((v) => deferred.resolve(v))
      const nsP = ctx.resolvePromise(result)
      rt.executePendingJobs().unwrap()
      const nsResult = await nsP
      const ns = scope.manage(ctx.unwrapResult(nsResult))
      expect(ctx.getProp(ns, "v").consume(ctx.dump)).toBe("tla ✓")
      expect(ctx.getProp(ns, "d").consume(ctx.dump)).toBe("dep value")

      // a module whose top-level await rejects: its promise rejects
      const failing = scope.manage(
        ctx.unwrapResult(ctx.evalCode("await null; throw new Error('tla failure')", "tla-fail.js", { type: "module" })),
      )
      const failingP = ctx.resolvePromise(failing)
      rt.executePendingJobs()
      const failed = await failingP
      expect(failed.error).toBeDefined()
      if (failed.error) expect(failed.error.consume(ctx.dump).message).toBe("tla failure")
    })

    // builtin ES modules come from inside Wasm, with no host module loader
    await withRuntime((rt, ctx, scope) => {
      const ns = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(
            `import { Buffer } from 'node:buffer';
            export const hex = Buffer.from('héllo ✓').toString('hex');
            export const decoded = Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString();
            export const isU8 = Buffer.from('x') instanceof Uint8Array;`,
            "uses-buffer.js",
            { type: "module" },
          ),
        ),
      )
      expect(ctx.getProp(ns, "hex").consume(ctx.dump)).toBe(Buffer.from("héllo ✓").toString("hex"))
      expect(ctx.getProp(ns, "decoded").consume(ctx.dump)).toBe("hello world")
      expect(ctx.getProp(ns, "isU8").consume(ctx.dump)).toBe(true)

      // internal ids are importable only by builtins
      const internal = evalError(ctx, "import * as fs from 'qjsw:binding/fs'; export default fs", "user.js", true)
      expect(String(internal.message)).toContain("qjsw:binding/fs")
      const internalErrors = evalError(ctx, "import * as e from 'qjsw:internal/errors'; export default e", "user2.js", true)
      expect(String(internalErrors.message)).toContain("qjsw:internal/errors")
      // not even through dynamic import()
      const dyn = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import('qjsw:binding/fs').then(() => 'loaded', (e) => 'failed: ' + e.message)")),
      )
      const dynP = ctx.resolvePromise(dyn)
      rt.executePendingJobs().unwrap()
      return dynP.then((r) => {
        const v = ctx.unwrapResult(r).consume(ctx.dump)
        expect(v).toMatch(/^failed: /)
      })
    })

    // the same with a host loader installed: it is not consulted for internal ids
    await withRuntime((rt, ctx) => {
      const asked: string[] = []
      rt.setModuleLoader((name) => {
        asked.push(name)
        return "export default 'from host'"
      })
      const internal = evalError(ctx, "import * as fs from 'qjsw:binding/fs'; export default fs", "user.js", true)
      expect(String(internal.message)).toContain("qjsw:binding/fs")
      expect(asked).toEqual([])
      // while builtins still come from inside Wasm
      const dyn = ctx.unwrapResult(ctx.evalCode("import('node:buffer').then((m) => typeof m.Buffer)"))
      const dynP = ctx.resolvePromise(dyn)
      dyn.dispose()
      rt.executePendingJobs().unwrap()
      return dynP.then((r) => {
        expect(ctx.unwrapResult(r).consume(ctx.dump)).toBe("function")
        expect(asked).toEqual([])
      })
    })
  })
})
