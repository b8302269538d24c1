// node:vm contexts are QuickJS contexts of the guest's own runtime (native/bindings/vm.c): whatever code
// runs there gets none of the sandbox's Node globals or internals, stays under its memory
// limit, run deadline and stack limit, and its contexts are freed by GC and by dispose().
import { describe, expect, it } from "vitest"
import { createSandbox, type SandboxOptions } from "../../runtime/index"

async function run(code: string, options: Partial<SandboxOptions> = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  const result = await sandbox.run(code)
  return { result, stdout, stderr, sandbox }
}

describe("a vm context has no capability of the sandbox", () => {
  it("no Node globals, no require, no import() of builtins or internals", async () => {
    const { result, stdout, sandbox } = await run(`
      const vm = require('vm');
      const ctx = vm.createContext();
      console.log(vm.runInContext('[typeof process, typeof require, typeof Buffer, typeof setTimeout, typeof module].join()', ctx));
      const tries = ['node:fs', 'fs', 'qjsw:binding/fs', 'qjsw:internal/sandbox', '/app/x.mjs'].map((id) =>
        vm.runInContext('import(' + JSON.stringify(id) + ')', ctx).then(() => id + ' loaded', (e) => e.code));
      Promise.all(tries).then((r) => console.log(r.join()));
    `)
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    const rejected = Array(5).fill("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING").join()
    expect(stdout).toBe(`undefined,undefined,undefined,undefined,undefined\n${rejected}\n`)
  })

  it("its global is not the sandbox's, and the sandbox's stays as it was", async () => {
    const { result, stdout, sandbox } = await run(`
      const vm = require('vm');
      vm.runInNewContext('globalThis.process = 1; Object.prototype.polluted = 1; Array.prototype.push = null');
      console.log(typeof process.exit, ({}).polluted, typeof [].push);
    `)
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("function undefined function\n")
  })
})

describe("a vm context is under the sandbox's limits", () => {
  it("memory: an allocation inside fails with the catchable out-of-memory error", async () => {
    const { result, stdout, sandbox } = await run(
      `
      const vm = require('vm');
      const ctx = vm.createContext({});
      // (printed once the context's array is let go: console.log at a full heap may itself
      // run out, depending on how close to the limit the failed allocation came)
      let message;
      try { vm.runInContext('const a = []; for (;;) a.push(new Array(1e4).fill(1))', ctx) }
      catch (e) { message = e.message }
      vm.runInContext('a.length = 0', ctx);
      console.log(message);
      console.log(vm.runInContext('[1, 2].map((x) => x * 2).join()', ctx));
    `,
      { memoryLimit: 48 * 2 ** 20 },
    )
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("out of memory\n2,4\n")
  })

  it("memory: contexts kept alive end in the out-of-memory error, dropped ones are collected", async () => {
    const { result, stdout, sandbox } = await run(
      `
      const vm = require('vm');
      for (let i = 0; i < 2000; i++) vm.runInContext('var x = this', vm.createContext({ i }));
      console.log('dropped: ok');
      // (printed once the contexts are let go, as above)
      const kept = [];
      let message;
      try { for (;;) kept.push(vm.createContext({})) } catch (e) { message = e.message }
      const many = kept.length > 10;
      kept.length = 0;
      console.log(message, many);
      console.log(vm.runInNewContext('6 * 7'));
    `,
      { memoryLimit: 32 * 2 ** 20 },
    )
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("dropped: ok\nout of memory true\n42\n")
  })

  it("the run deadline interrupts code inside a context, whatever its own timeout", async () => {
    for (const options of ["", ", { timeout: 60000 }"]) {
      const { result, sandbox } = await run(
        `const vm = require('vm'); try { vm.runInNewContext('for (;;) {}', {}${options}) } catch (e) { console.log('caught') }`,
        { timeout: 300 },
      )
      const next = await sandbox.run("1")
      sandbox.dispose()
      expect(result.exitCode).toBe(1)
      expect(result.error?.message).toMatch(/interrupted/)
      expect(next.exitCode).toBe(0)
    }
  })

  it("a vm timeout ends only its call, and the run deadline still holds after it", async () => {
    const { result, stdout, sandbox } = await run(
      `
      const vm = require('vm');
      try { vm.runInNewContext('try { for (;;) {} } finally { for (;;) {} }', {}, { timeout: 20 }) }
      catch (e) { console.log(e.code) }
      for (;;) {}
    `,
      { timeout: 500 },
    )
    sandbox.dispose()
    expect(stdout).toBe("ERR_SCRIPT_EXECUTION_TIMEOUT\n")
    expect(result.exitCode).toBe(1)
    expect(result.error?.message).toMatch(/interrupted/)
  })

  it("stack: deep recursion inside a context is a RangeError there", async () => {
    const { result, stdout, sandbox } = await run(`
      const vm = require('vm');
      console.log(vm.runInNewContext('function f() { return f() } try { f() } catch (e) { e instanceof RangeError }'));
      const nested = vm.createContext({ vm });
      nested.holder = { ctx: nested }; // read inside, the object itself would be the global
      try { vm.runInContext('function g() { vm.runInContext("g()", holder.ctx) } g()', nested) } catch (e) { console.log(e.name) }
    `)
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("true\nRangeError\n")
  })
})

describe("contexts over contexts' globals", () => {
  it("a long chain of forwarding globals is a RangeError, a short one works", async () => {
    const { result, stdout, sandbox } = await run(`
      const vm = require('vm');
      function chain(n) {
        let ctx = vm.createContext({ base: 1 });
        for (let i = 0; i < n; i++) ctx = vm.createContext(vm.runInContext('this', ctx));
        return ctx;
      }
      const short = chain(20);
      console.log(vm.runInContext('base + typeof missing', short));
      const long = chain(2000);
      for (const code of ['typeof missing', 'x = 1', 'Object.keys(this)', 'delete base', 'Object.defineProperty(this, "d", {})']) {
        try { vm.runInContext(code, long); console.log('no error') } catch (e) { console.log(e.name) }
      }
    `)
    sandbox.dispose()
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe(`1undefined\n${"RangeError\n".repeat(5)}`)
  })
})

describe("contexts and dispose", () => {
  it("dispose() frees a sandbox whose guest keeps contexts alive, in cycles", async () => {
    const { result, sandbox } = await run(`
      const vm = require('vm');
      globalThis.kept = [];
      for (let i = 0; i < 20; i++) {
        const sb = { i };
        vm.createContext(sb);
        sb.self = sb;
        sb.fn = vm.runInContext('var g = this; (function () { return g })', sb);
        kept.push(sb, vm.runInContext('new Promise(() => {})', sb));
      }
      vm.runInNewContext('Promise.reject(new Error("unhandled inside"))').catch(() => {});
    `)
    expect(result.exitCode).toBe(0)
    expect(() => sandbox.dispose()).not.toThrow()
  })

  it("the next run still sees a context made by an earlier one, as any global", async () => {
    let stdout = ""
    const sandbox = await createSandbox({ stdout: (t) => (stdout += t) })
    const first = await sandbox.run(`globalThis.ctx = require('vm').createContext({ n: 1 })`)
    const second = await sandbox.run(`console.log(require('vm').runInContext('n += 1', ctx), ctx.n)`)
    sandbox.dispose()
    expect([first.exitCode, second.exitCode]).toEqual([0, 0])
    expect(stdout).toBe("2 2\n")
  })
})

describe("promises across contexts", () => {
  it("awaiting a context's promises from outside, with nothing else keeping it, keeps the instance", async () => {
    // The reaction job runs in the vm context, which only the job held: freeing the job's
    // arguments freed the context under the job loop (patch 071; the first await did it).
    const { result, stdout, sandbox } = await run(`
      const vm = require('vm');
      (async () => {
        let awaited = 0, rejected = 0, then = 0;
        for (let i = 0; i < 500; i++) {
          awaited += await vm.runInNewContext('Promise.resolve(1)');
          await vm.runInNewContext('Promise.reject(new Error("x"))').catch(() => rejected++);
          vm.runInNewContext('Promise.resolve(2)').then((v) => { then += v });
        }
        await null;
        console.log(awaited, rejected, then);
      })();
    `)
    const next = await sandbox.run("if (6 * 7 !== 42) throw 0")
    sandbox.dispose()
    expect([result.exitCode, next.exitCode]).toEqual([0, 0])
    expect(stdout).toBe("500 500 1000\n")
  })
})
