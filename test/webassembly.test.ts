// The guest's WebAssembly (createSandbox({ webAssembly: true })) against real Node: each
// scenario of test/webassembly/ (hand-assembled modules: exports, memory, tables, globals,
// imports, errors) runs in Node and in a sandbox, and must print the same and exit the same.
import { execFile } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

const dir = join(__dirname, "webassembly")
const scenarios = readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "wasm-builder.js")
const files = Object.fromEntries(readdirSync(dir).map((f) => [`/w/${f}`, readFileSync(join(dir, f), "utf8")]))

async function inNode(file: string): Promise<{ stdout: string; exitCode: number }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, file)], { cwd: dir })
    return { stdout, exitCode: 0 }
  } catch (e) {
    const err = e as { stdout: string; code: number }
    return { stdout: err.stdout, exitCode: err.code }
  }
}

async function inSandbox(file: string): Promise<{ stdout: string; exitCode: number }> {
  let stdout = ""
  const sandbox = await createSandbox({ webAssembly: true, files, stdout: (t) => (stdout += t), stderr: () => {} })
  try {
    const { exitCode } = await sandbox.runFile(`/w/${file}`)
    return { stdout, exitCode }
  } finally {
    sandbox.dispose()
  }
}

describe("WebAssembly in the guest matches Node", () => {
  for (const file of scenarios) {
    it(file, async () => {
      const [node, sandbox] = await Promise.all([inNode(file), inSandbox(file)])
      expect(node.exitCode).toBe(0)
      expect(sandbox).toEqual(node)
    })
  }
})

describe("newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { webAssembly: true } })", () => {
  it("gives its contexts WebAssembly, and only when asked", async () => {
    const { newQuickJSWASMModuleWithWasmFS } = await import("../runtime/index")
    const code = `${readFileSync(join(dir, "wasm-builder.js"), "utf8").replace("module.exports =", "const B =")}
      new WebAssembly.Instance(new WebAssembly.Module(B.addModule())).exports.add(20, 22)`
    const withWasm = (await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { webAssembly: true, stdout: () => {} } })).newContext()
    expect(withWasm.dump(withWasm.unwrapResult(withWasm.evalCode(code)))).toBe(42)
    withWasm.dispose()
    const without = (await newQuickJSWASMModuleWithWasmFS({ nodeGlobals: { stdout: () => {} } })).newContext()
    expect(without.dump(without.unwrapResult(without.evalCode("typeof WebAssembly")))).toBe("undefined")
    without.dispose()
  })
})
