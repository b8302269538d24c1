// Differential suite for the builtins other than fs: every script in test/compat/builtins/
// (files starting with "_" are helpers) runs in real Node 20 and in a fresh sandbox, and each
// line it prints ("label => result", see _check.js) must be the same in both, as must the exit
// code. Lines that differ must be exactly those listed, with a reason, in
// test/compat/builtins/known-differences*.json ("file#label": reason; one file per area, so
// parallel work does not collide), so the lists can only shrink.
import { spawnSync } from "node:child_process"
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

const dir = join(__dirname, "compat/builtins")
const known: Record<string, string> = Object.assign(
  {},
  ...readdirSync(dir)
    .filter((f) => /^known-differences.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, string>),
)
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".js") && !f.startsWith("_"))
  .sort()
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => [`/app/${f}`, readFileSync(join(dir, f), "utf8")]),
)

function runInNode(script: string) {
  const work = mkdtempSync(join(tmpdir(), "qjsw-builtins-"))
  try {
    cpSync(dir, work, { recursive: true })
    const r = spawnSync(process.execPath, [script], { cwd: work, encoding: "utf8", timeout: 60_000 })
    return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function runInSandbox(script: string) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({
    files,
    cwd: "/app",
    timeout: 60_000,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  })
  try {
    const { exitCode } = await sandbox.runFile(`/app/${script}`)
    return { exitCode, stdout, stderr }
  } finally {
    sandbox.dispose()
  }
}

// "label => result" lines keyed by label (a repeated label gets #2, #3…); other lines by text.
function transcript(stdout: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of stdout.split("\n").filter(Boolean)) {
    const at = line.indexOf(" => ")
    const base = at < 0 ? line : line.slice(0, at)
    let label = base
    for (let n = 2; out.has(label); n++) label = `${base} #${n}`
    out.set(label, at < 0 ? "" : line.slice(at + 4))
  }
  return out
}

const seenDifferences = new Set<string>()

describe("builtins in the sandbox match Node 20", () => {
  for (const script of scripts) {
    it(
      script,
      async () => {
        const node = runInNode(script)
        expect(node.exitCode, `${script} fails in real Node:\n${node.stderr}`).toBe(0)
        const sandbox = await runInSandbox(script)
        const want = transcript(node.stdout)
        const got = transcript(sandbox.stdout)
        const problems: string[] = []
        if (sandbox.exitCode !== node.exitCode) problems.push(`exit code ${sandbox.exitCode}, Node ${node.exitCode}\n${sandbox.stderr}`)
        for (const label of new Set([...want.keys(), ...got.keys()])) {
          const id = `${script}#${label}`
          const same = want.get(label) === got.get(label)
          if (!same) seenDifferences.add(id)
          const listed = Object.prototype.hasOwnProperty.call(known, id)
          if (!same && !listed)
            problems.push(`${label}\n    node:    ${want.get(label) ?? "<missing>"}\n    sandbox: ${got.get(label) ?? "<missing>"}`)
          if (same && listed) problems.push(`${label} now matches Node: remove it from known-differences.json`)
        }
        if (problems.length) expect.fail(`${script}:\n  ${problems.join("\n  ")}`)
        expect(want.size).toBeGreaterThan(0)
      },
      120_000,
    )
  }

  it("the known differences name only lines of existing scripts", () => {
    const stale = Object.keys(known).filter((id) => !scripts.includes(id.split("#")[0]))
    expect(stale).toEqual([])
  })
})
