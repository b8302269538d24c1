import { describe, expect, it } from "vitest"
import { Sandbox, newQuickJSWASMModuleWithWasmFS } from "../dist/index.mjs"

function collect() {
  const out = { stdout: "", stderr: "" }
  return { out, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) }
}

// Deepest plain recursion the guest reaches before its stack error, to the nearest 50 frames.
const DEPTH_PROBE = `
  function f(n) { return n ? f(n - 1) + 1 : 0; }
  let depth = 0;
  try { for (depth = 50; ; depth += 50) f(depth); } catch (e) { console.log(JSON.stringify({ depth, name: e.name, message: e.message })); }
`

describe("sandbox limits", () => {
  it("stops a guest that allocates past memoryLimit; the sandbox disposes and a new one works", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const io = collect()
    const sandbox = new Sandbox(module, { memoryLimit: 8 << 20, ...io })
    const result = await sandbox.run("const keep = []; for (;;) keep.push('x'.repeat(1000) + keep.length);")
    expect(result.exitCode).toBe(1)
    expect(result.error).toMatchObject({ name: "InternalError", message: "out of memory" })
    expect(io.out.stderr).toContain("InternalError: out of memory")
    // A guest that catches the error keeps running inside the limit.
    const caught = collect()
    const again = new Sandbox(module, { memoryLimit: 8 << 20, ...caught })
    const second = await again.run(
      "const b = []; try { for (;;) b.push(new ArrayBuffer(1 << 20)); } catch (e) { console.log(e.message, b.length > 0); }",
    )
    expect(second.exitCode).toBe(0)
    expect(caught.out.stdout).toBe("out of memory true\n")
    again.dispose()
    sandbox.dispose()
    const fresh = collect()
    const next = new Sandbox(module, fresh)
    expect(await next.run("console.log(Array.from({ length: 1e5 }, (_, i) => i).length)")).toEqual({ exitCode: 0 })
    expect(fresh.out.stdout).toBe("100000\n")
    next.dispose()
  })

  it("ends a run that throws null (or any non-object) with exit code 1", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    for (const thrown of ["null", "undefined", "42", "'text'"]) {
      const io = collect()
      const sandbox = new Sandbox(module, io)
      const result = await sandbox.run(`throw ${thrown};`)
      expect(result.exitCode).toBe(1)
      expect(io.out.stderr).not.toBe("")
      sandbox.dispose()
    }
  })

  it("sizes the guest's stack with stackSize, and refuses sizes the host cannot back", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const depthWith = async (stackSize?: number) => {
      const io = collect()
      const sandbox = new Sandbox(module, { stackSize, ...io })
      expect(await sandbox.run(DEPTH_PROBE)).toEqual({ exitCode: 0 })
      sandbox.dispose()
      return JSON.parse(io.out.stdout) as { depth: number; name: string; message: string }
    }
    const small = await depthWith(64 * 1024)
    const standard = await depthWith()
    const large = await depthWith(512 * 1024)
    expect(small).toMatchObject({ name: "InternalError", message: "stack overflow" })
    expect(small.depth).toBeLessThan(standard.depth)
    expect(standard.depth).toBeLessThan(large.depth)
    expect(large.depth / small.depth).toBeGreaterThan(4)
    for (const bad of [0, 1000, 512 * 1024 + 1, 1.5e6, Number.NaN]) {
      expect(() => new Sandbox(module, { stackSize: bad })).toThrow(RangeError)
    }
  })
})
