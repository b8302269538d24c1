import { createRequire } from "node:module"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"
import { evalModule, readTree } from "./guest"

const fixture = join(__dirname, "fixtures/cjs-project")

describe("require() from the in-Wasm filesystem", () => {
  it("loads the fixture project as real Node does", async () => {
    const inNode = JSON.parse(JSON.stringify(createRequire(join(fixture, "x.js"))("./index.js"))) as unknown[]
    const mod = await newQuickJSWASMModuleWithWasmFS()
    const files = readTree(fixture)
    const { log } = evalModule(
      mod,
      `import fs from 'node:fs'; import path from 'node:path'; import { createRequire } from 'node:module';
       const files = ${JSON.stringify(files)};
       for (const [name, text] of Object.entries(files)) {
         const p = '/project/' + name;
         fs.mkdirSync(path.dirname(p), { recursive: true });
         fs.writeFileSync(p, text);
       }
       export const log = createRequire('/project/x.js')('./index.js');`,
    ) as { log: unknown[] }
    expect(inNode.length).toBeGreaterThan(20)
    const differences = inNode
      .map((want, i) => [want, log[i]] as const)
      .filter(([want, got]) => JSON.stringify(want) !== JSON.stringify(got))
    expect(differences).toEqual([])
  })
})
