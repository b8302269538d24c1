// One cold start in a fresh Node process with V8's default flags (the bench process compiles
// Wasm with --no-liftoff, which would make a first instantiation look far slower than it is).
// Prints {"ms": N}: from nothing loaded to a context ready to run guest code.
//   sandbox   our Wasm module instantiated, then a Node-like sandbox booted in it
//   quickjs   quickjs-emscripten's stock release-sync variant: instance, runtime and bare context
//   node      a worker_threads Worker (Node's own isolated JS environment) until its code runs
import { performance } from "node:perf_hooks"
import { Worker } from "node:worker_threads"

const [impl, distUrl] = process.argv.slice(2)

async function sandbox() {
  const { newQuickJSWASMModuleWithWasmFS, Sandbox } = await import(distUrl)
  const t0 = performance.now()
  const module = await newQuickJSWASMModuleWithWasmFS()
  new Sandbox(module, { stdout: () => {}, stderr: () => {} })
  return performance.now() - t0
}

async function quickjs() {
  const { newQuickJSWASMModuleFromVariant } = await import("quickjs-emscripten-core")
  const { default: variant } = await import("@jitl/quickjs-wasmfile-release-sync")
  const t0 = performance.now()
  const module = await newQuickJSWASMModuleFromVariant(variant)
  module.newRuntime().newContext()
  return performance.now() - t0
}

async function node() {
  const t0 = performance.now()
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(0)", { eval: true })
  await new Promise((resolve) => worker.once("message", resolve))
  const ms = performance.now() - t0
  await worker.terminate()
  return ms
}

const impls = { sandbox, quickjs, node }
if (!impls[impl]) {
  process.stderr.write(`usage: startup-child.mjs <${Object.keys(impls).join("|")}> <dist-url>\n`)
  process.exit(2)
}
process.stdout.write(`${JSON.stringify({ ms: await impls[impl]() })}\n`)
