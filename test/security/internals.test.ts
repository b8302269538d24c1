// Issue 13 item 4: the sandbox's internal modules (qjsw:binding/*, qjsw:internal/*, the boot
// module) are a capability of the builtins, not a name space: no name a guest can choose, by
// any route that names a module, may reach them.
import { describe, expect, it } from "vitest"
import { createSandbox, newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

// Exports only internals have: any of them in what a route returned is a leak.
const MARKERS = [
  "readFileUtf8",
  "kStatFields",
  "journalDrain", // qjsw:binding/fs
  "setEsmHooks",
  "compileFunction",
  "importBuiltin",
  "builtinIds", // qjsw:binding/module
  "runMain",
  "handleUncaught",
  "reportUncaught",
  "importMain", // qjsw:internal/sandbox
  "errname",
  "uvException",
  "api", // qjsw:binding/uv, qjsw:internal/errors, the boot module
  "FastBuffer", // qjsw:internal/buffer
]

// Builtins whose ESM namespace still lacks some of its CommonJS exports' enumerable names: id ->
// the missing names (a count where the list is long).
const NAMESPACE_GAPS: Record<string, string[] | number> = {
  cluster: 16,
  constants: 179,
  fs: ["ReadStream", "WriteStream", "FileReadStream", "FileWriteStream"],
  module: 16,
  path: ["_makeLong"],
}

// Names Node's namespace of a builtin holds only under a flag (vm's, --experimental-vm-modules):
// an ES module's names are fixed, so the sandbox's namespace names them always, and without
// the flag (as here) each must be undefined there, as the CommonJS exports lack it.
const FLAGGED_NAMES: Record<string, string[]> = { vm: ["Module", "SourceTextModule", "SyntheticModule"] }

// Guest prelude: `probe(name, fn)` records whether fn's value (awaited) exposes an internal.
const PRELUDE = `
const MARKERS = ${JSON.stringify(MARKERS)};
const results = {};
const pending = [];
function leaked(v, depth = 0) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || depth > 2) return false;
  try {
    for (const k of MARKERS) if (k in v) return true;
    for (const k of ['default', 'exports', 'ns']) if (k in v && v[k] !== v && leaked(v[k], depth + 1)) return true;
  } catch {}
  return false;
}
function probe(name, fn) {
  pending.push((async () => {
    try { results[name] = leaked(await fn()) ? 'LEAKED' : 'no'; }
    catch (e) { results[name] = 'no'; }
  })());
}
const Module = require('module');
`
const REPORT = `
Promise.all(pending).then(() => console.log(JSON.stringify(results)));
`

async function runProbes(body: string, files: Record<string, string> = {}): Promise<Record<string, string>> {
  let out = ""
  let err = ""
  const sandbox = await createSandbox({ files, stdout: (t) => (out += t), stderr: (t) => (err += t), timeout: 10_000 })
  try {
    const r = await sandbox.run(PRELUDE + body + REPORT, { filename: "/app/main.js" })
    expect(r.exitCode, err).toBe(0)
    return JSON.parse(out.trim().split("\n").pop()!)
  } finally {
    sandbox.dispose()
  }
}

function expectNoLeak(results: Record<string, string>, count: number) {
  expect(Object.keys(results).length).toBe(count)
  const leaks = Object.entries(results)
    .filter(([, v]) => v !== "no")
    .map(([k]) => k)
  expect(leaks).toEqual([])
}

// A small deterministic PRNG (mulberry32), so the fuzz is the same on every run.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe("qjsw: internals", () => {
  it("are not reached through Module#_compile with a builtin-looking file name (the reported route)", async () => {
    const results = await runProbes(`
      for (const name of ['node:x', 'qjsw:sandbox', 'qjsw:internal/sandbox', 'node:fs', 'qjsw:require', '']) {
        for (const id of ['qjsw:binding/fs', 'qjsw:internal/sandbox', 'qjsw:binding/module', 'qjsw:sandbox']) {
          probe('compile ' + name + ' ' + id, () => {
            const m = new Module(name);
            m._compile("module.exports = import(" + JSON.stringify(id) + ")", name);
            return m.exports;
          });
        }
      }
    `)
    expectNoLeak(results, 24)
  })

  it("are not reached by any other route that names a module", async () => {
    const files = {
      "/app/static.mjs": "import * as b from 'qjsw:binding/fs'; export default b;",
      "/app/dynamic.mjs": "export default await import('qjsw:binding/module');",
      "/app/meta.mjs":
        "import.meta.url = 'node:x'; import.meta.filename = 'qjsw:sandbox'; export default await import('qjsw:internal/sandbox');",
      "/app/reexport.mjs": "export * from 'qjsw:binding/fs';",
      "/app/node_modules/evil/package.json": JSON.stringify({
        name: "evil",
        exports: { ".": "./i.js" },
        imports: { "#b": "qjsw:binding/fs" },
      }),
      "/app/node_modules/evil/i.js": "module.exports = 1",
      "/app/package.json": JSON.stringify({ imports: { "#fs": "qjsw:binding/fs", "#boot": "node:internal/sandbox" } }),
      "/app/imports.mjs": "export default await import('#fs');",
    }
    const results = await runProbes(
      `
      const ids = ['qjsw:binding/fs', 'qjsw:binding/module', 'qjsw:internal/sandbox', 'qjsw:internal/buffer'];
      for (const id of ids) {
        probe('require ' + id, () => require(id));
        probe('import() ' + id, () => import(id));
        probe('eval import() ' + id, () => eval('import(' + JSON.stringify(id) + ')'));
        probe('indirect eval ' + id, () => (0, eval)('import(' + JSON.stringify(id) + ')'));
        probe('Function ' + id, () => new Function('return import(' + JSON.stringify(id) + ')')());
        probe('sourceURL ' + id, () => new Function('//# sourceURL=node:fs\\nreturn import(' + JSON.stringify(id) + ')')());
        probe('createRequire ' + id, () => Module.createRequire('/app/x.js')(id));
        probe('Module._load ' + id, () => Module._load(id, null, false));
        probe('Module._load parent ' + id, () => Module._load(id, new Module('node:fs'), false));
        probe('_resolveFilename ' + id, () => require(Module._resolveFilename(id, null, false)));
        probe('module.constructor ' + id, () => { const m = new module.constructor('qjsw:sandbox'); m._compile('module.exports = import(' + JSON.stringify(id) + ')', 'qjsw:sandbox'); return m.exports; });
        probe('node: prefix ' + id, () => import('node:' + id));
        probe('require node: prefix ' + id, () => require('node:' + id));
        probe('qjsw.import helper ' + id, () => globalThis[Symbol.for('qjsw.import')]((s) => import(s), 'node:x', 1, id, {}));
        probe('esm.require key ' + id, () => globalThis[Symbol.for('qjsw.esm.require')](id));
      }
      probe('static import', () => import('/app/static.mjs'));
      probe('dynamic import in a module', () => import('/app/dynamic.mjs'));
      probe('forged import.meta', () => import('/app/meta.mjs'));
      probe('export * from', () => import('/app/reexport.mjs'));
      probe('package imports #fs', () => import('/app/imports.mjs'));
      probe('require #fs', () => require('#fs'));
      probe('require #boot', () => require('#boot'));
      probe('process.binding', () => process.binding('fs'));
      probe('process._linkedBinding', () => process._linkedBinding('fs'));
      probe('internal/ bare', () => require('internal/sandbox'));
      // the resolver's own state is guest-mutable: none of it may widen what loads
      probe('patched builtins', () => {
        Module.builtinModules.push('internal/sandbox', 'qjsw:binding/fs');
        const isBuiltin = Module.isBuiltin;
        Module.isBuiltin = () => true;
        const has = Set.prototype.has;
        Set.prototype.has = function (v) { return typeof v === 'string' && (v.startsWith('internal/') || v.startsWith('qjsw:')) ? this.size > 30 : has.call(this, v); };
        try {
          return Promise.allSettled([
            import('node:internal/sandbox'), import('internal/sandbox'), import('qjsw:binding/fs'),
            Promise.resolve().then(() => require('internal/sandbox')),
            Promise.resolve().then(() => require('node:internal/sandbox')),
          ]).then((rs) => rs.find((r) => r.status === 'fulfilled' && leaked(r.value))?.value);
        } finally {
          Promise.resolve().then(() => { Module.isBuiltin = isBuiltin; Set.prototype.has = has; });
        }
      });
      probe('patched cwd', () => { Module._cwd = () => 'qjsw:binding'; return import('./fs'); });
      probe('Function constructor from module code', () => import('data:text/javascript,export default 1').catch(() => new Function("return import('qjsw:binding/fs')")()));
    `,
      files,
    )
    expectNoLeak(results, 15 * 4 + 13)
  })

  it("are not reached by a seeded fuzz of module ids and referrer names", async () => {
    const rand = prng(0x13)
    const ids = [
      "qjsw:binding/fs",
      "qjsw:binding/module",
      "qjsw:binding/uv",
      "qjsw:internal/sandbox",
      "qjsw:internal/errors",
      "QJSW:binding/fs",
      "Qjsw:internal/sandbox",
      "qjsw:binding/fs\u0000",
      "\u0000",
      "\u0000qjsw:binding/fs",
      "qjsw:internal/../binding/fs",
      "qjsw:internal/./bootstrap",
      "qjsw:binding//fs",
      "qjsw:binding/fs/",
      "node:qjsw:binding/fs",
      "node:internal/sandbox",
      "node:../qjsw:binding/fs",
      "node:fs/../internal/sandbox",
      "file:///qjsw:binding/fs",
      "file://qjsw:binding/fs",
      "file:///node:internal/sandbox",
      " qjsw:binding/fs",
      "qjsw:sandbox",
      "qjsw:require",
      "./qjsw:binding/fs",
      "../qjsw:internal/sandbox",
      "internal/sandbox",
    ]
    const referrers = [
      "node:x",
      "qjsw:sandbox",
      "",
      "node:fs",
      "qjsw:internal/sandbox",
      "qjsw:require",
      "qjsw:binding/fs",
      "/app/main.js",
      "<input>",
      "qjsw:",
    ]
    // mutations of the known ids: case, separators, prefixes
    const mutate = (s: string) => {
      const i = Math.floor(rand() * s.length)
      switch (Math.floor(rand() * 5)) {
        case 0:
          return s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1)
        case 1:
          return s.slice(0, i) + "/" + s.slice(i)
        case 2:
          return "node:" + s
        case 3:
          return s.slice(0, i) + "\u0000" + s.slice(i)
        default:
          return s.replace(":", rand() < 0.5 ? "://" : ":/")
      }
    }
    const pairs: [string, string][] = []
    for (let n = 0; n < 60; n++) {
      const id = ids[Math.floor(rand() * ids.length)]
      pairs.push([rand() < 0.3 ? mutate(id) : id, referrers[Math.floor(rand() * referrers.length)]])
    }
    for (const id of ids.slice(0, 5)) for (const ref of referrers) pairs.push([id, ref])
    const results = await runProbes(`
      const pairs = ${JSON.stringify(pairs)};
      pairs.forEach(([id, ref], i) => {
        probe(i + ' compile', () => { const m = new Module(ref); m._compile('module.exports = import(' + JSON.stringify(id) + ')', ref); return m.exports; });
        probe(i + ' load', () => new Module(ref).require(id));
      });
    `)
    expectNoLeak(results, pairs.length * 2)
  })

  it("are closed in bare contexts whatever the script's file name", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const rt = module.newRuntime()
    const ctx = rt.newContext()
    try {
      const seen: string[] = []
      for (const filename of ["node:x", "qjsw:sandbox", "qjsw:internal/sandbox", "node:fs"]) {
        for (const id of ["qjsw:binding/fs", "qjsw:binding/module", "qjsw:internal/sandbox"]) {
          const code = `import(${JSON.stringify(id)}).then((m) => ${JSON.stringify(MARKERS)}.some((k) => k in m) ? 'LEAKED' : 'no', () => 'no')`
          const handle = ctx.unwrapResult(ctx.evalCode(code, filename))
          const p = ctx.resolvePromise(handle)
          handle.dispose()
          rt.executePendingJobs()
          seen.push(ctx.unwrapResult(await p).consume(ctx.dump))
          const mod = ctx.evalCode(`import * as b from ${JSON.stringify(id)}; export default b;`, filename, { type: "module" })
          if (mod.error) mod.error.dispose()
          else seen.push(mod.value.consume(ctx.dump) ? "LEAKED" : "no")
        }
      }
      expect(seen.filter((s) => s !== "no")).toEqual([])
      // builtins themselves still load (and import their internals)
      const handle = ctx.unwrapResult(ctx.evalCode("import('node:fs').then((m) => typeof m.readFileSync)", "node:x"))
      const p = ctx.resolvePromise(handle)
      handle.dispose()
      rt.executePendingJobs()
      expect(ctx.unwrapResult(await p).consume(ctx.dump)).toBe("function")
    } finally {
      ctx.dispose()
      rt.dispose()
    }
  })

  it("are not exported by the builtins' own module namespaces", async () => {
    // Node's ESM namespace of a builtin holds `default` and the builtin's own properties; any
    // other name it exports is something of the sandbox's a guest could call (node:process
    // once exported its host setup this way). The other direction, each enumerable own
    // property exported (`import { strictEqual } from 'node:assert/strict'`), is conformance:
    // NAMESPACE_GAPS lists what builtins still lack, a list that may only shrink.
    let out = ""
    let err = ""
    const sandbox = await createSandbox({ stdout: (t) => (out += t), stderr: (t) => (err += t), timeout: 30_000 })
    try {
      const code = `
const { builtinModules } = require('module');
(async () => {
  const extra = {};
  const missing = {};
  for (const id of builtinModules) {
    let ns, cjs;
    try { ns = await import('node:' + id); cjs = require('node:' + id); } catch { continue; }
    const own = new Set(Object.getOwnPropertyNames(cjs));
    const flagged = ${JSON.stringify(FLAGGED_NAMES)}[id] ?? [];
    const names = Object.keys(ns).filter((k) => k !== 'default' && !own.has(k) &&
      !(flagged.includes(k) && ns[k] === undefined));
    if (names.length) extra[id] = names;
    if (cjs === null || (typeof cjs !== 'object' && typeof cjs !== 'function')) continue;
    const lacking = Object.keys(cjs).filter((k) => !(k in ns));
    if (lacking.length) missing[id] = lacking.length > 12 ? lacking.length : lacking;
  }
  console.log(JSON.stringify({ extra, missing }));
})();`
      const r = await sandbox.run(code, { filename: "/app/main.js" })
      expect(r.exitCode, err).toBe(0)
      const { extra, missing } = JSON.parse(out.trim().split("\n").pop()!)
      expect(extra).toEqual({})
      expect(missing).toEqual(NAMESPACE_GAPS)
    } finally {
      sandbox.dispose()
    }
  }, 60_000)
})
