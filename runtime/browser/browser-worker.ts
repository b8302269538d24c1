// The dedicated Worker of quickjs-wasmfs/browser (runtime/browser/browser.ts): one sandbox, driven by
// messages from the page. Bundled with its dependencies (workers have no import maps).
//
// Requests run one at a time: the guest's Wasm stack may be suspended waiting for OPFS, and
// nothing else may enter the instance meanwhile.
import { createSandbox, type Sandbox } from "../sandbox/sandbox"
import type { WorkerRequest, WorkerResponse, WireError } from "./browser-protocol"

const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
}

let sandbox: Sandbox | undefined
// Runs (and create/dispose) one after another; fs calls and watches go on beside a run that
// waits (the sandbox enters the guest once at a time itself).
let runs: Promise<unknown> = Promise.resolve()
const watchers = new Map<number, { close(): void }>()

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  scope.postMessage(message, transfer)
}

function wireError(e: unknown): WireError {
  if (e && typeof e === "object") {
    const { name, message, code, errno, syscall, path, dest, stack } = e as Record<string, unknown>
    return { name: String(name ?? "Error"), message: String(message ?? e), code, errno, syscall, path, dest, stack } as WireError
  }
  return { name: "Error", message: String(e) }
}

// Guest values and host stats made cloneable: functions dropped, errors flattened.
function cloneable(value: unknown): unknown {
  if (value instanceof Uint8Array || value instanceof Date) return value
  if (value instanceof Error) return wireError(value)
  if (Array.isArray(value)) return value.map(cloneable)
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (typeof v !== "function") out[k] = cloneable(v)
    return out
  }
  return value
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case "create": {
      if (sandbox) throw new Error("this worker already has a sandbox")
      sandbox = await createSandbox({
        ...request.options,
        stdoutBytes: (bytes) => post({ type: "stdout", bytes }),
        stderrBytes: (bytes) => post({ type: "stderr", bytes }),
        onWarning: (message) => post({ type: "warning", message }),
      })
      return { opfs: sandbox.opfs }
    }
    case "run":
      return cloneable(await live().run(request.code, { filename: request.filename }))
    case "runFile":
      return cloneable(await live().runFile(request.path))
    case "import":
      return cloneable(await live().import(request.path))
    case "fs":
      return cloneable(await live().fsCall(request.method, request.args, request.data))
    case "watch": {
      const { watchId } = request
      const watcher = live().watch(request.path, { recursive: request.recursive }, (change) => post({ type: "change", watchId, change }))
      watchers.set(watchId, watcher)
      return null
    }
    case "unwatch":
      watchers.get(request.watchId)?.close()
      watchers.delete(request.watchId)
      return null
    case "dispose":
      for (const w of watchers.values()) w.close()
      watchers.clear()
      sandbox?.dispose()
      sandbox = undefined
      return null
  }
}

function live(): Sandbox {
  if (!sandbox) throw new Error("the sandbox is disposed")
  return sandbox
}

scope.onmessage = (event) => {
  const request = event.data
  const answer = async () => {
    try {
      post({ type: "result", id: request.id, value: await handle(request) })
    } catch (e) {
      post({ type: "result", id: request.id, error: wireError(e) })
    }
  }
  const queued = request.op === "run" || request.op === "runFile" || request.op === "import" || request.op === "create"
  if (queued) runs = runs.then(answer)
  else void answer()
}
post({ type: "ready" })
