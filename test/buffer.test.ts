import { readFileSync } from "node:fs"
import * as nodeBuffer from "node:buffer"
import { join } from "node:path"
import type { QuickJSWASMModule } from "quickjs-emscripten-core"
import { beforeAll, describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"
import { evalModule } from "./guest"

type Entry = [label: string, outcome: "ok" | "threw", value: unknown]

describe("node:buffer", () => {
  let mod: QuickJSWASMModule

  beforeAll(async () => {
    mod = await newQuickJSWASMModuleWithWasmFS()
  })

  describe("matches real Node on the same script", () => {
    const scenario = readFileSync(join(__dirname, "fixtures/buffer-scenario.js"), "utf8")

    it("buffer-scenario.js", () => {
      const run = new Function("Buffer", "buffer", scenario) as (b: typeof Buffer, m: typeof nodeBuffer) => Entry[]
      // JSON round trip: the sandbox transcript comes back through dump(), as JSON.
      const expected = JSON.parse(JSON.stringify(run(Buffer, nodeBuffer))) as Entry[]
      const inSandbox = evalModule(
        mod,
        `import { Buffer } from 'node:buffer'; import * as buffer from 'node:buffer';
         export const log = (function (Buffer, buffer) {\n${scenario}\n})(Buffer, buffer);`,
      ) as { log: Entry[] }
      expect(expected.length).toBeGreaterThanOrEqual(150)
      expect(inSandbox.log.map((e) => e[0])).toEqual(expected.map((e) => e[0]))
      // Every difference at once, each with its label.
      const differences = expected
        .map((entry, i) => [entry, inSandbox.log[i]] as const)
        .filter(([want, got]) => JSON.stringify(got) !== JSON.stringify(want))
      expect(differences).toEqual([])
    })
  })

  it("keeps the shapes the fs module relies on", () => {
    const out = evalModule(
      mod,
      `import { Buffer } from 'node:buffer';
       const ab = new Uint8Array([104, 105, 33]).buffer;
       const wrapped = new Buffer(ab);
       const view = Buffer.from(ab, 1, 2);
       const chunks = Buffer.concat([Buffer.from('ab'), Buffer.allocUnsafe(2).fill(99)], 3);
       export const r = [
         wrapped.toString(), wrapped.buffer === ab, view.toString('latin1', 0, 1), chunks.toString(),
         wrapped instanceof Uint8Array, wrapped.constructor.name, wrapped.subarray(1).buffer === ab,
         Buffer.isEncoding('utf-8'), Buffer.byteLength('h\u00e9'),
       ];`,
    ) as { r: unknown[] }
    expect(out.r).toEqual(["hi!", true, "i", "abc", true, "Buffer", true, true, 3])
  })
})
