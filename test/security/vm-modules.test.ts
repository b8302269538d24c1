// vm.SourceTextModule and vm.SyntheticModule (--experimental-vm-modules) are module records of
// the guest's runtime (QuickJS patches 064, 065; native/bindings/vm.c): their identifiers name no module
// the loader serves, no order of calls reaches an engine assertion or a freed record, and their
// code stays under the run's deadline and memory limit.
import { describe, expect, it } from "vitest"
import { createSandbox, type SandboxOptions } from "../../runtime/index"

// The flag as the conformance shim gives it: in process.execArgv before node:vm loads.
const FLAG = "process.execArgv.push('--experimental-vm-modules');\n"

async function run(code: string, options: Partial<SandboxOptions> = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  const result = await sandbox.run(FLAG + code, { filename: "/app/main.js" })
  return { result, stdout: () => stdout, stderr: () => stderr, sandbox }
}

describe("vm modules: identifiers are no names", () => {
  it("a module named as a builtin, an internal or a file is not what an import gets", async () => {
    const { result, stdout, stderr, sandbox } = await run(
      `
      const vm = require('vm');
      (async () => {
        const names = ['node:fs', 'fs', 'node:zlib', 'qjsw:internal/zlib/handle', 'qjsw:internal/zlib/constants',
          'qjsw:binding/zlib', 'qjsw:internal/errors', '/app/lib.mjs'];
        for (const identifier of names) {
          const m = new vm.SourceTextModule('export const fake = true; export const Zlib = 1, constants = 1, crc32 = 1;', { identifier });
          await m.link(() => {});
          await m.evaluate();
        }
        const fs = await import('node:fs');
        const zlib = await import('node:zlib');
        const lib = await import('/app/lib.mjs');
        console.log(typeof fs.readFileSync, 'fake' in fs, 'fake' in zlib, typeof zlib.gzipSync(Buffer.from('x')).length, lib.real, 'fake' in lib);
        const m = new vm.SourceTextModule('export const meta = import.meta;', {
          identifier: '/app/lib.mjs', initializeImportMeta(meta, module) { meta.mine = module === m; },
        });
        await m.link(() => {});
        await m.evaluate();
        console.log(m.namespace.meta.mine, m.namespace.meta.url);
      })();
    `,
      { files: { "/app/lib.mjs": "export const real = true; export const meta = import.meta;" } },
    )
    sandbox.dispose()
    expect(result.exitCode, stderr()).toBe(0)
    expect(stdout()).toBe("function false false number true false\ntrue undefined\n")
  })
})

describe("vm modules: no order of calls breaks the engine", () => {
  it("re-entering an evaluation, linking to what is being evaluated, a second link", async () => {
    const { result, stdout, stderr, sandbox } = await run(`
      const vm = require('vm');
      const out = [];
      const note = (label) => (e) => out.push(label + ':' + (e && (e.code || e.name)));
      (async () => {
        // a imports b imports a; c imports a. While b runs (a is being evaluated), c is evaluated.
        const a = new vm.SourceTextModule('import "b"; export const x = 1;');
        const b = new vm.SourceTextModule('import "a"; globalThis.during();');
        const c = new vm.SourceTextModule('import "a";');
        const map = { a, b };
        await a.link((s) => map[s]);
        await c.link(() => a);
        let inner;
        globalThis.during = () => {
          inner = [c.evaluate().then(() => out.push('c evaluated'), note('c')),
            a.evaluate().then(() => out.push('a evaluated'), note('a again')),
            b.evaluate().then(() => out.push('b evaluated'), note('b again'))];
          // a new module linked to one under evaluation
          const d = new vm.SourceTextModule('import "a"; export const y = 2;');
          inner.push(d.link(() => a).then(() => d.evaluate()).then(() => out.push('d ' + d.namespace.y), note('d')));
        };
        await a.evaluate();
        await Promise.all(inner);
        out.push('a ' + a.status + ' ' + a.namespace.x, 'c ' + c.status);

        // a synthetic module whose steps evaluate itself and a module importing it
        let user;
        const s = new vm.SyntheticModule(['v'], function () {
          this.setExport('v', 7);
          inner = [s.evaluate().then(() => out.push('s again'), note('s again')),
            user.evaluate().then(() => out.push('user during'), note('user during'))];
        });
        user = new vm.SourceTextModule('import { v } from "s"; export const w = v;');
        await user.link(() => s);
        await s.evaluate();
        await Promise.all(inner);
        await user.evaluate();
        out.push('user ' + user.namespace.w);

        // twice, and after an error
        await a.link(() => a).catch(note("link evaluated"));
    const linked = new vm.SourceTextModule("");
    await linked.link(() => {});
    await linked.link(() => {}).catch(note("link twice"));
        const bad = new vm.SourceTextModule('throw new TypeError("x")');
        await bad.link(() => {});
        await bad.evaluate().catch(note('bad'));
        await bad.evaluate().catch(note('bad again'));
        const user2 = new vm.SourceTextModule('import "bad"');
        await user2.link(() => bad).catch(note('link to errored'));
        const missing = new vm.SourceTextModule('import { nope } from "e"');
        await missing.link(() => new vm.SourceTextModule('')).catch(note('missing export'));
        await missing.link(() => new vm.SourceTextModule('export const nope = 1')).catch(note('relink'));
        try { new vm.SyntheticModule(['q'], () => {}).setExport('q', 1) } catch (e) { note('early export')(e) }
        console.log(out.join('\\n'));
      })();
    `)
    sandbox.dispose()
    expect(result.exitCode, stderr()).toBe(0)
    const lines = stdout().trim().split("\n")
    // c (which imports a) cannot start while a runs; a and b are being evaluated: Node's status error
    expect(lines).toContain("c:TypeError")
    expect(lines).toContain("a again:ERR_VM_MODULE_STATUS")
    expect(lines).toContain("b again:ERR_VM_MODULE_STATUS")
    expect(lines).toContain("d 2")
    expect(lines).toContain("a evaluated 1")
    expect(lines).toContain("c linked")
    expect(lines).toContain("s again:ERR_VM_MODULE_STATUS")
    expect(lines).toContain("user during:TypeError")
    expect(lines).toContain("user 7")
    expect(lines).toContain("link evaluated:ERR_VM_MODULE_STATUS")
    expect(lines).toContain("link twice:ERR_VM_MODULE_ALREADY_LINKED")
    expect(lines).toContain("bad:TypeError")
    expect(lines).toContain("bad again:TypeError")
    expect(lines).toContain("link to errored:ERR_VM_MODULE_LINK_FAILURE")
    expect(lines).toContain("missing export:SyntaxError")
    expect(lines).toContain("early export:ERR_VM_MODULE_STATUS")
  })

  it("a module of another context is not linked, and a context's modules die with it", async () => {
    const { result, stdout, stderr, sandbox } = await run(`
      const vm = require('vm');
      (async () => {
        const other = new vm.SourceTextModule('export const x = 1', { context: vm.createContext() });
        const here = new vm.SourceTextModule('import { x } from "o"');
        await here.link(() => other).catch((e) => console.log(e.code));
        // namespaces of modules whose contexts are gone from everything else still read
        const spaces = [];
        for (let i = 0; i < 50; i++) {
          const context = vm.createContext({ i });
          const dep = new vm.SourceTextModule('export const v = i; export * from "x";', { context });
          const leaf = new vm.SourceTextModule('export const w = i * 2;', { context });
          await dep.link(() => leaf);
          await dep.evaluate();
          spaces.push(dep.namespace);
        }
        for (let i = 0; i < 200; i++) vm.createContext();
        if (typeof gc === 'function') gc();
        await new Promise((r) => setTimeout(r, 10));
        console.log(spaces.reduce((n, ns) => n + ns.v + ns.w, 0));
      })();
    `)
    sandbox.dispose()
    expect(result.exitCode, stderr()).toBe(0)
    expect(stdout()).toBe(`ERR_VM_MODULE_DIFFERENT_CONTEXT\n${((49 * 50) / 2) * 3}\n`)
  })
})

describe("vm contexts: a job's context outlives the job", () => {
  // A vm context's promise then()'d from the main context queues its job in the vm context,
  // which nothing else may hold by then: the job's end freed it under the engine's feet
  // (memory corruption) before QuickJS patch 064 held it. SourceTextModule's evaluate() is
  // such an await.
  it("awaiting promises of contexts that are collected meanwhile", async () => {
    const { result, stdout, stderr, sandbox } = await run(`
      const vm = require('vm');
      (async () => {
        let n = 0;
        for (let i = 0; i < 300; i++) {
          n += await vm.runInNewContext('Promise.resolve(1)');
          n += await new Promise((r) => vm.runInNewContext('(async () => 1)()').then(r));
          const m = new vm.SourceTextModule('export const one = 1', { context: vm.createContext() });
          await m.link(() => {});
          await m.evaluate();
          n += m.namespace.one;
        }
        console.log(n);
      })();
    `)
    const next = await sandbox.run("console.log('next')")
    sandbox.dispose()
    expect(result.exitCode, stderr()).toBe(0)
    expect(next.exitCode).toBe(0)
    expect(stdout()).toBe("900\nnext\n")
  })
})

describe("vm modules: the run's limits hold", () => {
  it("evaluate's timeout, and the run's deadline without one", async () => {
    const { result, stdout, sandbox } = await run(
      `
      const vm = require('vm');
      (async () => {
        const m = new vm.SourceTextModule('for (;;) {}');
        await m.link(() => {});
        await m.evaluate({ timeout: 20 }).catch((e) => console.log(e.code));
        const n = new vm.SourceTextModule('try { for (;;) {} } finally { for (;;) {} }', { context: vm.createContext() });
        await n.link(() => {});
        await n.evaluate();
      })();
    `,
      { timeout: 500 },
    )
    expect(stdout()).toBe("ERR_SCRIPT_EXECUTION_TIMEOUT\n")
    expect(result.exitCode).toBe(1)
    expect(result.error?.message).toMatch(/interrupted/)
    // the sandbox goes on
    const next = await sandbox.run("console.log('next')")
    sandbox.dispose()
    expect(next.exitCode).toBe(0)
    expect(stdout()).toBe("ERR_SCRIPT_EXECUTION_TIMEOUT\nnext\n")
  })

  it("modules past the memory limit are an out-of-memory error, and their context frees them", async () => {
    const { result, stdout, stderr, sandbox } = await run(
      `
      const vm = require('vm');
      let context = vm.createContext();
      let kept = [];
      try {
        for (;;) kept.push(new vm.SourceTextModule('export const s = "' + 'x'.repeat(2000) + '";', { context }));
      } catch (e) {
        console.log(e.message);
      }
      const made = kept.length;
      kept = null;
      context = null;
      if (typeof gc === 'function') gc();
      const again = vm.createContext();
      for (let i = 0; i < made / 2; i++) new vm.SourceTextModule('export const s = "' + 'y'.repeat(2000) + '";', { context: again });
      console.log(made > 100);
    `,
      { memoryLimit: 48 << 20, timeout: 20_000 },
    )
    sandbox.dispose()
    expect(result.exitCode, stderr()).toBe(0)
    expect(stdout()).toBe("out of memory\ntrue\n")
  }, 30_000)
})
