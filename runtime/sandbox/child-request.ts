// A guest's spawn request (JSON built by modules/internal/child_process.js and modules/worker_threads.js),
// as the host reads it: every field checked, defaults filled in.
import type { StdioMode } from "./child-stdio"

export interface SpawnRequest {
  /** "program": one of the sandbox's own programs (modules/internal/programs.js), named by `file` */
  mode: "file" | "eval" | "print" | "stdin" | "program"
  file: string
  args: string[]
  execArgv: string[]
  argv0: string
  /** node's file, for a node child (modules/internal/node_binary.js) */
  execPath?: string
  cwd: string
  env: Record<string, string>
  stdio: [StdioMode, StdioMode, StdioMode]
  ipc: boolean
  // spawnSync only
  timeout: number
  killSignal: string
  maxBuffer: number
  // a worker_threads Worker
  worker?: { name: string; resourceLimits: Record<string, number>; clock?: ProcessClock }
}

/** A worker keeps its process's clock: where process.uptime() and performance.now() count from. */
export interface ProcessClock {
  /** the monotonic clock's nanoseconds at the process's start, as a decimal string */
  startNs: string
  /** Date.now() then: performance.timeOrigin */
  timeOrigin: number
}

const MODES = ["pipe", "inherit", "ignore"]
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string")

// The guest's request, checked field by field: it is built by a builtin from values the guest
// chose, and anything unexpected is refused rather than passed on.
export function parseRequest(json: string): SpawnRequest {
  const r = JSON.parse(json) as Record<string, unknown>
  const env = r.env as Record<string, unknown>
  const ok =
    r !== null &&
    typeof r === "object" &&
    ["file", "eval", "print", "stdin", "program"].includes(r.mode as string) &&
    typeof r.file === "string" &&
    isStrings(r.args) &&
    isStrings(r.execArgv) &&
    typeof r.argv0 === "string" &&
    (r.execPath === undefined || (typeof r.execPath === "string" && r.execPath.startsWith("/"))) &&
    typeof r.cwd === "string" &&
    r.cwd.startsWith("/") &&
    env !== null &&
    typeof env === "object" &&
    Object.values(env).every((v) => typeof v === "string") &&
    Array.isArray(r.stdio) &&
    r.stdio.length === 3 &&
    r.stdio.every((m) => MODES.includes(m as string)) &&
    typeof r.ipc === "boolean" &&
    (r.timeout === undefined || (typeof r.timeout === "number" && r.timeout >= 0)) &&
    (r.killSignal === undefined || typeof r.killSignal === "string") &&
    (r.maxBuffer === undefined || r.maxBuffer === null || (typeof r.maxBuffer === "number" && r.maxBuffer >= 0)) &&
    (r.worker === undefined || isWorkerRequest(r.worker))
  if (!ok) throw new TypeError("quickjs-wasmfs: malformed child_process request")
  return {
    ...(r as unknown as SpawnRequest),
    env: { ...(env as Record<string, string>) },
    timeout: (r.timeout as number | undefined) ?? 0,
    killSignal: (r.killSignal as string | undefined) ?? "SIGTERM",
    maxBuffer: r.maxBuffer === null || r.maxBuffer === undefined ? Infinity : (r.maxBuffer as number),
  }
}

const LIMIT_KEYS = ["maxYoungGenerationSizeMb", "maxOldGenerationSizeMb", "codeRangeSizeMb", "stackSizeMb"]
function isWorkerRequest(w: unknown): boolean {
  if (w === null || typeof w !== "object") return false
  const { name, resourceLimits, clock } = w as Record<string, unknown>
  return (
    typeof name === "string" &&
    (clock === undefined || isClock(clock)) &&
    resourceLimits !== null &&
    typeof resourceLimits === "object" &&
    Object.entries(resourceLimits).every(([k, v]) => LIMIT_KEYS.includes(k) && typeof v === "number" && v >= 0 && Number.isFinite(v))
  )
}

function isClock(c: unknown): boolean {
  if (c === null || typeof c !== "object") return false
  const { startNs, timeOrigin } = c as Record<string, unknown>
  return typeof startNs === "string" && /^\d{1,30}$/.test(startNs) && typeof timeOrigin === "number" && Number.isFinite(timeOrigin)
}
