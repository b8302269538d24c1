// Node's --expose-internals (createSandbox's exposeInternals): `internal/...` ids reach Node-shaped
// adapters only when the host granted them, by every route that names a module (require,
// node: ids, static and dynamic import, child processes and workers), and never reach the
// sandbox's own host glue, granted or not.
import { describe, expect, it } from "vitest"
import { createSandbox } from "../../runtime/index"

async function run(code: string, options: { exposeInternals?: boolean; files?: Record<string, string>; file?: string } = {}) {
  let out = ""
  let err = ""
  const sandbox = await createSandbox({
    files: options.files,
    exposeInternals: options.exposeInternals,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    timeout: 20_000,
  })
  try {
    const r = options.file ? await sandbox.import(options.file) : await sandbox.run(code, { filename: "/app/main.js" })
    return { exitCode: r.exitCode, error: r.error, out, err }
  } finally {
    sandbox.dispose()
  }
}

// Guest code: what each route gives for `id` ("ok:<keys>" or the error's code)
const ROUTES = `
const out = {};
function attempt(name, fn) {
  return Promise.resolve().then(fn).then(
    (v) => { out[name] = 'ok:' + Object.keys(v ?? {}).sort().join(','); },
    (e) => { out[name] = String(e && e.code || e && e.message); });
}
const routes = (id) => [
  attempt('require ' + id, () => require(id)),
  attempt('require node:' + id, () => require('node:' + id)),
  attempt('import ' + id, () => import(id)),
  attempt('import node:' + id, () => import('node:' + id)),
];
`
const CHILD = `
const { spawnSync } = require('child_process');
const { Worker } = require('worker_threads');
const code = "try { require('internal/errors'); console.log('yes') } catch (e) { console.log(e.code) }";
const child = (args) => spawnSync(process.execPath, [...args, '-e', code], { encoding: 'utf8' }).stdout.trim();
const worker = (options) => new Promise((done) => {
  const w = new Worker(code + ";require('worker_threads').parentPort.postMessage(0)", { eval: true, stdout: true, ...options });
  let text = '';
  w.stdout.on('data', (d) => (text += d));
  w.on('exit', () => done(text.trim()));
});
`

describe("--expose-internals", () => {
  it("is not there without the grant: require, node:, import(), static import", async () => {
    const r = await run(`${ROUTES}
      Promise.all([...routes('internal/errors'), ...routes('internal/test/binding')]).then(() => {
        out.isBuiltin = require('module').isBuiltin('internal/errors');
        out.execArgv = process.execArgv;
        console.log(JSON.stringify(out));
      });`)
    expect(r.exitCode, r.err).toBe(0)
    expect(JSON.parse(r.out)).toEqual({
      "require internal/errors": "MODULE_NOT_FOUND",
      "require node:internal/errors": "ERR_UNKNOWN_BUILTIN_MODULE",
      "import internal/errors": "ERR_MODULE_NOT_FOUND",
      "import node:internal/errors": "ERR_UNKNOWN_BUILTIN_MODULE",
      "require internal/test/binding": "MODULE_NOT_FOUND",
      "require node:internal/test/binding": "ERR_UNKNOWN_BUILTIN_MODULE",
      "import internal/test/binding": "ERR_MODULE_NOT_FOUND",
      "import node:internal/test/binding": "ERR_UNKNOWN_BUILTIN_MODULE",
      isBuiltin: false,
      execArgv: [],
    })
    const esm = await run("", {
      files: { "/app/m.mjs": "import errors from 'internal/errors'; console.log(typeof errors)" },
      file: "/app/m.mjs",
    })
    expect(esm.exitCode).toBe(1)
    expect(esm.err).toContain("Cannot find package 'internal'")
  })

  it("gives Node-shaped modules with the grant, by every route", async () => {
    const r = await run(
      `${ROUTES}
      Promise.all(routes('internal/errors')).then(() => {
        const { codes, AbortError } = require('internal/errors');
        const e = new codes.ERR_OUT_OF_RANGE('x', '>= 0', -1);
        out.error = [e instanceof RangeError, e.code, e.message, String(e)];
        out.abort = [new AbortError() instanceof Error, new AbortError().name, new AbortError().code];
        out.same = require('internal/errors') === require('node:internal/errors');
        out.isBuiltin = require('module').isBuiltin('internal/errors');
        out.resolved = require.resolve('internal/errors');
        out.execArgv = process.execArgv;
        return import('internal/errors').then((ns) => { out.esmDefault = ns.default === require('internal/errors'); });
      }).then(() => console.log(JSON.stringify(out)));`,
      { exposeInternals: true },
    )
    expect(r.exitCode, r.err).toBe(0)
    const out = JSON.parse(r.out)
    // as Node: an internal's ES namespace has only its default export
    expect(out["import internal/errors"]).toBe("ok:default")
    expect(out["import node:internal/errors"]).toBe("ok:default")
    expect(out["require internal/errors"]).toContain("codes")
    expect(out["require node:internal/errors"]).toBe(out["require internal/errors"])
    expect(out.error).toEqual([
      true,
      "ERR_OUT_OF_RANGE",
      'The value of "x" is out of range. It must be >= 0. Received -1',
      'RangeError [ERR_OUT_OF_RANGE]: The value of "x" is out of range. It must be >= 0. Received -1',
    ])
    expect(out.abort).toEqual([true, "AbortError", "ABORT_ERR"])
    expect(out).toMatchObject({
      same: true,
      isBuiltin: true,
      resolved: "internal/errors",
      execArgv: ["--expose-internals"],
      esmDefault: true,
    })
    const esm = await run("", {
      exposeInternals: true,
      files: {
        "/app/m.mjs":
          "import errors from 'internal/errors'; import b from 'node:internal/test/binding'; console.log(typeof errors.codes, typeof b.internalBinding)",
      },
      file: "/app/m.mjs",
    })
    expect(esm.exitCode, esm.err).toBe(0)
    expect(esm.out.trim()).toBe("object function")
  })

  it("never reaches the sandbox's own internals, granted or not", async () => {
    for (const exposeInternals of [false, true]) {
      const ids = [
        "internal/sandbox",
        "internal/loop",
        "internal/process_internals",
        "internal/child_host",
        "internal/cwd",
        "internal/node_internals",
        "internal/node_internals/errors",
        "internal/console",
        "internal/../internal/errors",
      ]
      const r = await run(
        `${ROUTES}
        // a guest that patches what the loader consults gains nothing
        require('module').isBuiltin = () => true;
        Promise.all(${JSON.stringify(ids)}.flatMap(routes)).then(() => console.log(JSON.stringify(out)));`,
        { exposeInternals },
      )
      expect(r.exitCode, r.err).toBe(0)
      const out = JSON.parse(r.out) as Record<string, string>
      expect(Object.keys(out).length).toBe(ids.length * 4)
      for (const [route, result] of Object.entries(out)) expect(result.startsWith("ok"), `${route}: ${result}`).toBe(false)
    }
  })

  it("hands out no internal of the sandbox's own, through any exposed id", async () => {
    // every allowlisted id (modules/internal/node_internals.js) and binding of internal/test/binding
    const ids = [
      "errors",
      "util",
      "test/binding",
      "event_target",
      "fs/utils",
      "util/inspect",
      "readline/utils",
      "webstreams/adapters",
      "webstreams/util",
      "fs/promises",
      "console/constructor",
      "linkedlist",
      "url",
      "streams/add-abort-signal",
      "timers",
      "worker",
      "child_process",
    ].map((id) => `internal/${id}`)
    // names only the sandbox's own internals have (as in internals.test.ts), and their raw functions
    const markers = [
      "readFileUtf8",
      "kStatFields",
      "journalDrain",
      "setEsmHooks",
      "compileFunction",
      "importBuiltin",
      "builtinIds",
      "exposeNodeInternals",
      "runMain",
      "takeFailure",
      "reportUncaught",
      "runTicks",
      "uvException",
      "api",
      "configure",
      "setHost",
      "hostFunctions",
    ]
    const r = await run(
      `
      const markers = ${JSON.stringify(markers)};
      const seen = new Set();
      const found = [];
      function walk(v, path, depth) {
        if (v === null || (typeof v !== 'object' && typeof v !== 'function') || depth > 3 || seen.has(v)) return;
        seen.add(v);
        for (const k of Reflect.ownKeys(v)) {
          if (markers.includes(k)) found.push(path + '.' + String(k));
          let d;
          try { d = Object.getOwnPropertyDescriptor(v, k); } catch { continue; }
          if (d && 'value' in d) walk(d.value, path + '.' + String(k), depth + 1);
        }
      }
      const out = {};
      for (const id of ${JSON.stringify(ids)}) {
        const m = require(id);
        out[id] = typeof m;
        walk(m, id, 0);
      }
      const { internalBinding } = require('internal/test/binding');
      for (const b of ['uv', 'constants', 'timers', 'url', 'buffer', 'util', 'js_stream']) walk(internalBinding(b), b, 0);
      const { JSStream } = internalBinding('js_stream');
      const stream = new JSStream();
      walk(stream, 'JSStream', 0);
      walk(stream._externalStream, 'JSStream._externalStream', 0);
      out.external = [Object.getPrototypeOf(stream._externalStream), Reflect.ownKeys(stream._externalStream).length, Object.isFrozen(stream._externalStream)];
      // util: getProxyDetails and previewEntries, functions of its own over the native ones
      out.utilKeys = Object.keys(internalBinding('util'));
      for (const b of ['fs', 'os', 'worker', 'internal_only_x']) {
        try { internalBinding(b); out[b] = 'LOADED'; } catch (e) { out[b] = e.message; }
      }
      console.log(JSON.stringify({ out, found }));`,
      { exposeInternals: true },
    )
    expect(r.exitCode, r.err).toBe(0)
    const { out, found } = JSON.parse(r.out)
    expect(found).toEqual([])
    for (const id of ids) expect(out[id], id).toBe("object")
    expect(out).toMatchObject({
      fs: "No such binding: fs",
      internal_only_x: "No such binding: internal_only_x",
      utilKeys: ["getProxyDetails", "previewEntries"],
    })
    // an External value is an empty frozen object with no prototype: nothing to reach through it
    expect(out.external).toEqual([null, 0, true])
  })

  it("a guest cannot grant it to itself: execArgv, a patched loader, node --expose-internals", async () => {
    const r = await run(`${ROUTES}${CHILD}
      process.execArgv.push('--expose-internals');
      require('module').isBuiltin = () => true;
      Promise.all(routes('internal/errors')).then(async () => {
        out.child = child(['--expose-internals']);
        out.worker = await worker({ execArgv: ['--expose-internals'] });
        console.log(JSON.stringify(out));
      });`)
    expect(r.exitCode, r.err).toBe(0)
    const out = JSON.parse(r.out) as Record<string, string>
    for (const [route, result] of Object.entries(out))
      expect(result.startsWith("ok") || result === "yes", `${route}: ${result}`).toBe(false)
    expect(out.child).toBe("MODULE_NOT_FOUND")
    expect(out.worker).toBe("MODULE_NOT_FOUND")
  })

  it("children and workers have it when their parent does and their command line asks", async () => {
    const r = await run(
      `${CHILD}
      (async () => {
        const out = {
          plain: child([]),
          flagged: child(['--expose-internals']),
          grandchild: spawnSync(process.execPath, ['--expose-internals', '-e',
            "console.log(require('child_process').spawnSync(process.execPath, ['--expose-internals', '-e', " + JSON.stringify(code) + "], { encoding: 'utf8' }).stdout.trim())"],
            { encoding: 'utf8' }).stdout.trim(),
          workerInherits: await worker({}),
          workerWithout: await worker({ execArgv: [] }),
        };
        console.log(JSON.stringify(out));
      })();`,
      { exposeInternals: true },
    )
    expect(r.exitCode, r.err).toBe(0)
    expect(JSON.parse(r.out)).toEqual({
      plain: "MODULE_NOT_FOUND",
      flagged: "yes",
      grandchild: "yes",
      workerInherits: "yes",
      workerWithout: "MODULE_NOT_FOUND",
    })
  })
})
