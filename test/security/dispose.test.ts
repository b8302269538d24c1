// dispose() must free a sandbox whatever its guest did (issue 13, item 6): a Wasm abort in
// JS_FreeRuntime (`list_empty(&rt->gc_obj_list)`) kills the instance and, in the CLI, the run.
import * as fs from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { createSandbox, newQuickJSWASMModuleWithWasmFS } from "../../runtime/index"

const GROW_IN_A_JOB = `Promise.resolve().then(() => { const a = []; for (let i = 0; i < 3e5; i++) a.push({ i }) })`

async function runThenDispose(files: Record<string, string>, main: string) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ files, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  const result = await sandbox.runFile(main)
  return { result, stdout, stderr, sandbox }
}

describe("dispose after the Wasm memory grew inside a guest call", () => {
  it("a promise job that allocates 3e5 objects (bare module)", async () => {
    const module = await newQuickJSWASMModuleWithWasmFS()
    const runtime = module.newRuntime()
    const ctx = runtime.newContext()
    ctx.unwrapResult(ctx.evalCode(GROW_IN_A_JOB)).dispose()
    expect(runtime.executePendingJobs().unwrap()).toBe(1)
    ctx.dispose()
    expect(() => runtime.dispose()).not.toThrow()
  })

  it("a promise job that allocates 3e5 objects (sandbox)", async () => {
    const { result, sandbox } = await runThenDispose({ "/app/main.js": GROW_IN_A_JOB }, "/app/main.js")
    expect(result.exitCode).toBe(0)
    expect(() => sandbox.dispose()).not.toThrow()
  })

  it("fs/promises writeFile of 12 MB", async () => {
    const { result, stdout, sandbox } = await runThenDispose(
      {
        "/app/main.js": `require('fs/promises').writeFile('/app/big.bin', Buffer.alloc(12e6)).then(() => console.log(require('fs').statSync('/app/big.bin').size))`,
      },
      "/app/main.js",
    )
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("12000000\n")
    expect(() => sandbox.dispose()).not.toThrow()
  })

  it("an ES module of 40,000 functions imported through the sandbox's loader", { timeout: 60_000 }, async () => {
    let big = ""
    for (let i = 0; i < 40000; i++) big += `export function f${i}() { return ${i} }\n`
    const { result, stdout, sandbox } = await runThenDispose(
      { "/app/big.mjs": big, "/app/main.mjs": `import { f39999 } from './big.mjs'; console.log(f39999())` },
      "/app/main.mjs",
    )
    expect(result.exitCode).toBe(0)
    expect(stdout).toBe("39999\n")
    expect(() => sandbox.dispose()).not.toThrow()
  })
})

describe("dispose from inside a guest call", () => {
  it("a stdout callback ends the run and frees the sandbox once the guest returned", async () => {
    let stdout = ""
    // eslint-disable-next-line prefer-const
    let sandbox: Awaited<ReturnType<typeof createSandbox>>
    sandbox = await createSandbox({
      stdout: (t) => {
        stdout += t
        if (t.includes("bye")) sandbox.dispose()
      },
    })
    const run = sandbox.run(
      `console.log('bye'); let n = 0; for (let i = 0; i < 1e6; i++) n += i;
       console.log('after'); setTimeout(() => console.log('timer'), 5)`,
    )
    await expect(run).rejects.toThrow("Sandbox is disposed")
    expect(stdout).toBe("bye\n")
    expect(() => sandbox.dispose()).not.toThrow()
    await expect(sandbox.run("1")).rejects.toThrow("Sandbox is disposed")
  })
})

describe("host files of mounts", () => {
  const host = fs.mkdtempSync(join(tmpdir(), "qjsw-dispose-"))
  afterAll(() => fs.rmSync(host, { recursive: true, force: true }))
  const openFds = () => fs.readdirSync("/proc/self/fd").length

  it.runIf(process.platform === "linux")("fds the guest left open are closed by dispose()", async () => {
    for (let i = 0; i < 8; i++) fs.writeFileSync(join(host, `f${i}.txt`), `file ${i}`)
    const sandbox = await createSandbox({ mounts: { "/m": host } })
    const before = openFds()
    const r = await sandbox.run(`const fs = require('fs'); for (let i = 0; i < 8; i++) fs.openSync('/m/f' + i + '.txt', 'r')`)
    expect(r.exitCode).toBe(0)
    expect(openFds()).toBeGreaterThanOrEqual(before + 8)
    sandbox.dispose()
    expect(openFds()).toBeLessThanOrEqual(before)
  })
})
