import * as nodePath from "node:path"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"
import { evalModule } from "./guest"

describe("node:path", () => {
  it("matches real Node on path-scenario.js", async () => {
    const scenario = readFileSync(join(__dirname, "fixtures/path-scenario.js"), "utf8")
    const inNode = JSON.parse(JSON.stringify(new Function("path", scenario)(nodePath.posix))) as unknown[]
    const mod = await newQuickJSWASMModuleWithWasmFS()
    const { log } = evalModule(mod, `import path from 'node:path'; export const log = (function (path) {\n${scenario}\n})(path);`) as {
      log: unknown[]
    }
    expect(inNode.length).toBeGreaterThan(300)
    const differences = inNode
      .map((want, i) => [want, log[i]] as const)
      .filter(([want, got]) => JSON.stringify(want) !== JSON.stringify(got))
    expect(differences).toEqual([])
  })

  it("resolves against the working directory WasmFS keeps", async () => {
    const mod = await newQuickJSWASMModuleWithWasmFS()
    const out = evalModule(
      mod,
      `import path from 'node:path'; import fs from 'node:fs';
       fs.mkdirSync('/work/sub', { recursive: true });
       export const before = path.resolve('x');`,
    )
    expect(out).toEqual({ before: "/x" })
  })
})
