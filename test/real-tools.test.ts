// Real tools, run unmodified: each tool's CLI (its package.json "bin", a pinned devDependency)
// runs on a copy of test/fixtures/real-tools in real Node and, on a second copy, through
// `quickjs-wasmfs run` with the copy mounted at /work and the repo's node_modules at
// /node_modules (read-only; Node's resolution walks up from /work to it). Stdout, stderr, exit
// code and every file of the project afterwards must be the same. In Node the copy is
// <tmp>/work beside a <tmp>/node_modules link to the same node_modules, so both worlds see the
// same layout; the only rewriting is of those two host paths to /work and /node_modules, and of
// wall-clock figures a tool prints about itself (see `timing`).
//
// The sandbox runs each tool twice with one compile cache directory (the CLI's store of
// compiled bytecode): first with nothing cached, then reading back what the first run kept.
// Both runs must match Node.
//
// A tool whose output differs today is listed in test/real-tools/known-differences.json with the
// first thing that differs; a listed tool that matches fails the test, so the list only shrinks.
// Wall times of both runs are printed as a table at the end (informational).
import { spawn } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const repo = join(__dirname, "..")
const cli = join(repo, "dist/cli.mjs")
const fixture = join(repo, "test/fixtures/real-tools")
const nodeModules = join(repo, "node_modules")
const knownFile = join(repo, "test/real-tools/known-differences.json")
const known = JSON.parse(readFileSync(knownFile, "utf8")) as Record<string, string>

interface Tool {
  /** the name in the table and in known-differences.json */
  name: string
  /** the package (directory under node_modules) and the name of its bin */
  pkg: string
  bin: string
  args: string[]
  /** wall-clock figures the tool prints about its own run, replaced by <time> in both worlds */
  timing?: RegExp
  /** the sandbox runs with the guest's WebAssembly on (`--wasm`) */
  wasm?: boolean
  /** environment of both worlds (default: empty) */
  env?: Record<string, string>
}

const tools: Tool[] = [
  { name: "tsc", pkg: "typescript", bin: "tsc", args: ["-p", "tsconfig.json"] },
  { name: "prettier", pkg: "prettier", bin: "prettier", args: ["--list-different", "--write", "src", "styles", "docs"] },
  { name: "eslint", pkg: "eslint", bin: "eslint", args: ["--fix", "src", "test"] },
  { name: "mocha", pkg: "mocha", bin: "mocha", args: ["--reporter", "tap"] },
  { name: "mocha 11", pkg: "mocha-11", bin: "mocha", args: ["--reporter", "tap"] },
  { name: "sass", pkg: "sass", bin: "sass", args: ["styles/main.scss", "out/main.css"] },
  { name: "lessc", pkg: "less", bin: "lessc", args: ["--source-map", "styles/main.less", "out/main-less.css"] },
  {
    name: "terser",
    pkg: "terser",
    bin: "terser",
    args: ["src/js/lib.js", "--module", "--compress", "--mangle", "--source-map", "-o", "out/lib.min.js"],
  },
  {
    name: "rollup",
    pkg: "rollup",
    bin: "rollup",
    args: ["src/js/app.js", "--file", "out/bundle.js", "--format", "cjs", "--sourcemap"],
    timing: / in (?:\x1b\[1m)?[\d.]+m?s/g,
  },
  // rollup's own build for platforms without its native addon (the guest's process.arch is
  // wasm32): the same CLI over its parser compiled to WebAssembly
  {
    name: "rollup (wasm)",
    pkg: "@rollup/wasm-node",
    bin: "rollup",
    args: ["src/js/app.js", "--file", "out/bundle.js", "--format", "cjs", "--sourcemap"],
    timing: / in (?:\x1b\[1m)?[\d.]+m?s/g,
    wasm: true,
  },
  { name: "marked", pkg: "marked", bin: "marked", args: ["-i", "docs/guide.md", "-o", "docs/guide.html"] },
  { name: "markdown-it", pkg: "markdown-it", bin: "markdown-it", args: ["docs/guide.md"] },
  // jest 30's resolver (unrs-resolver) is a native addon; on wasm32 it loads its napi-rs WASI
  // build (@unrs/resolver-binding-wasm32-wasi, unpacked by `make test-deps`) through node:wasi,
  // which warns as it loads: warnings are off in both worlds. A suite slower than jest's
  // slowTestThreshold (5 s by default) gets its time on its line, in Node too on a busy machine:
  // the fixture's package.json sets a threshold no suite reaches.
  {
    name: "jest",
    pkg: "jest",
    bin: "jest",
    args: ["--runInBand", "--ci", "--no-cache", "--roots", "<rootDir>/jest", "--testSequencer", "./jest/sequencer.cjs"],
    timing: /(?<=Time:) +[\d.]+ m?s(?:, estimated [\d.]+ m?s)?/g,
    wasm: true,
    env: { NODE_NO_WARNINGS: "1" },
  },
]

const installed = (tool: Tool) => existsSync(join(nodeModules, tool.pkg, "package.json"))

function binPath(tool: Tool): string {
  const pkg = JSON.parse(readFileSync(join(nodeModules, tool.pkg, "package.json"), "utf8")) as { bin: string | Record<string, string> }
  const rel = typeof pkg.bin === "string" ? pkg.bin : pkg.bin[tool.bin]
  if (!rel) throw new Error(`${tool.pkg} has no bin ${tool.bin}`)
  return join(tool.pkg, rel)
}

function version(tool: Tool): string {
  return (JSON.parse(readFileSync(join(nodeModules, tool.pkg, "package.json"), "utf8")) as { version: string }).version
}

interface Outcome {
  stdout: string
  stderr: string
  status: number | null
  files: Record<string, string>
  ms: number
}

// every file of the project after the run, by its path relative to the project
function tree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) tree(p, base, out)
    else out[relative(base, p)] = e.isSymbolicLink() ? "<symlink>" : readFileSync(p, "latin1")
  }
  return out
}

const root = mkdtempSync(join(tmpdir(), "qjsw-real-tools-"))
const compileCache = join(root, "compile-cache")
afterAll(() => rmSync(root, { recursive: true, force: true }))
const env = {} // both worlds: an empty environment (the sandbox's default)
const TIMEOUT = 120_000

async function run(tool: Tool, world: "node" | "sandbox"): Promise<Outcome> {
  const base = mkdtempSync(join(root, `${tool.pkg.replace(/\//g, "-")}-${world}-`))
  const work = join(base, "work")
  cpSync(fixture, work, { recursive: true })
  const bin = binPath(tool)
  let argv: string[]
  if (world === "node") {
    symlinkSync(nodeModules, join(base, "node_modules"))
    argv = [join(nodeModules, bin), ...tool.args]
  } else {
    argv = [
      cli,
      "run",
      "--compile-cache",
      compileCache,
      ...(tool.wasm ? ["--wasm"] : []),
      ...Object.entries(tool.env ?? {}).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
      "--mount",
      `${work}:/work`,
      "--mount",
      `${nodeModules}:/node_modules:ro`,
      "--cwd",
      "/work",
      `/node_modules/${bin}`,
      ...tool.args,
    ]
  }
  const started = performance.now()
  const r = await exec(argv, world === "node" ? work : repo, tool.env)
  const ms = performance.now() - started
  // the host paths of the two directories, as the guest sees them
  const hostPaths: [string, string][] = [
    [work, "/work"],
    [realpathSync(work), "/work"],
    [join(base, "node_modules"), "/node_modules"],
    [realpathSync(nodeModules), "/node_modules"],
    [nodeModules, "/node_modules"],
  ]
  const normalize = (s: string) => {
    for (const [host, guest] of hostPaths) s = s.split(host).join(guest)
    return tool.timing ? s.replace(tool.timing, " <time>") : s
  }
  const files = Object.fromEntries(Object.entries(tree(work)).map(([k, v]) => [k, normalize(v)]))
  return { stdout: normalize(r.stdout), stderr: normalize(r.stderr), status: r.status, files, ms }
}

// `node argv` in cwd (asynchronously: a blocked test worker would miss vitest's heartbeats)
function exec(
  argv: string[],
  cwd: string,
  extra: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd, env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"], timeout: TIMEOUT })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on("data", (b: Buffer) => out.push(b))
    child.stderr.on("data", (b: Buffer) => err.push(b))
    child.on("error", reject)
    child.on("close", (status) =>
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), status }),
    )
  })
}

// where the two runs part, for the log (the assertion compares everything)
function firstDifference(node: Outcome, sandbox: Outcome): string {
  if (node.status !== sandbox.status) return `exit code ${node.status} in Node, ${sandbox.status} in the sandbox`
  for (const key of ["stdout", "stderr"] as const) {
    const a = node[key].split("\n")
    const b = sandbox[key].split("\n")
    const i = a.findIndex((line, n) => line !== b[n])
    if (i >= 0 || a.length !== b.length) {
      const n = i >= 0 ? i : Math.min(a.length, b.length)
      return `${key} line ${n + 1}: Node ${JSON.stringify(a[n])}, sandbox ${JSON.stringify(b[n])}`
    }
  }
  const names = [...new Set([...Object.keys(node.files), ...Object.keys(sandbox.files)])].sort()
  const file = names.find((f) => node.files[f] !== sandbox.files[f])
  return `file ${file}: ${node.files[file!] === undefined ? "only in the sandbox" : sandbox.files[file!] === undefined ? "only in Node" : "contents differ"}`
}

const differences: string[] = []
const times: { name: string; version: string; status: string; node: number; sandbox: number; warm: number }[] = []

afterAll(() => {
  const rows = times.map(
    (t) =>
      `| ${t.name} | ${t.version} | ${t.status} | ${Math.round(t.node)} | ${Math.round(t.sandbox)} | ${(t.sandbox / t.node).toFixed(1)} | ${Math.round(t.warm)} | ${(t.warm / t.node).toFixed(1)} |`,
  )
  console.log(
    [
      ...(differences.length ? ["real tools that differ from Node:", ...differences, ""] : []),
      "real tools: wall time of `node <bin>` and `quickjs-wasmfs run <bin>` (compile cache empty, then warm)",
      "",
      "| tool | version | output | node ms | sandbox ms | ratio | warm ms | warm ratio |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  )
})

describe("real tools: the CLI's output matches Node's", () => {
  for (const tool of tools) {
    it.skipIf(!installed(tool))(
      tool.name,
      async () => {
        const node = await run(tool, "node")
        const sandbox = await run(tool, "sandbox")
        const warm = await run(tool, "sandbox")
        const matches = (o: Outcome) =>
          node.stdout === o.stdout &&
          node.stderr === o.stderr &&
          node.status === o.status &&
          JSON.stringify(node.files) === JSON.stringify(o.files)
        const same = matches(sandbox) && matches(warm)
        times.push({
          name: tool.name,
          version: version(tool),
          status: same ? "same" : "differs",
          node: node.ms,
          sandbox: sandbox.ms,
          warm: warm.ms,
        })
        if (!same)
          differences.push(
            `${tool.name}: ${firstDifference(node, matches(sandbox) ? warm : sandbox)}${matches(sandbox) ? " (warm cache)" : ""}`,
          )
        if (known[tool.name] !== undefined) {
          expect(same, `${tool.name} matches Node now: take it out of known-differences.json`).toBe(false)
          return
        }
        const view = (o: Outcome) => ({ stdout: o.stdout, stderr: o.stderr, status: o.status, files: o.files })
        expect(view(sandbox)).toEqual(view(node))
        expect(view(warm)).toEqual(view(node))
      },
      3 * TIMEOUT + 10_000,
    )
  }

  it("the known differences name tools of this test", () => {
    expect(Object.keys(known).filter((k) => !tools.some((t) => t.name === k))).toEqual([])
  })
})
