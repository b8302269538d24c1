// Node's ESM namespace of a builtin holds `default` and every enumerable own property of its
// CommonJS exports (`import { strictEqual } from 'node:assert/strict'`). The builtins whose
// namespaces still lack some are listed here with what they lack; the list may only shrink.
// (test/security/internals.test.ts checks the other direction: no name Node does not have.)
import { expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

// builtin id -> its names missing from the namespace (a count where the list is long)
const GAPS: Record<string, string[] | number> = {
  _stream_duplex: ["fromWeb", "toWeb"],
  _stream_readable: ["ReadableState", "from", "fromWeb", "toWeb"],
  _stream_writable: ["WritableState", "fromWeb", "toWeb"],
  cluster: 16,
  constants: 179,
  fs: ["ReadStream", "WriteStream", "FileReadStream", "FileWriteStream"],
  module: 16,
  path: ["_makeLong"],
}

it("builtin ESM namespaces hold each enumerable own property, but for the listed gaps", async () => {
  let out = ""
  let err = ""
  const sandbox = await createSandbox({ stdout: (t) => (out += t), stderr: (t) => (err += t), timeout: 30_000 })
  try {
    const code = `
const { builtinModules } = require('module');
(async () => {
  const missing = {};
  for (const id of builtinModules) {
    let ns, cjs;
    try { ns = await import('node:' + id); cjs = require('node:' + id); } catch { continue; }
    if (cjs === null || (typeof cjs !== 'object' && typeof cjs !== 'function')) continue;
    const names = Object.keys(cjs).filter((k) => !(k in ns));
    if (names.length) missing[id] = names.length > 12 ? names.length : names;
  }
  console.log(JSON.stringify(missing));
})();`
    const r = await sandbox.run(code, { filename: "/app/main.js" })
    expect(r.exitCode, err).toBe(0)
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual(GAPS)
  } finally {
    sandbox.dispose()
  }
}, 60_000)
