// The package as a newcomer gets it: `npm pack`, the tarball installed into a fresh project with
// no network (its two dependencies packed from this repo's node_modules), then used the ways
// the README shows: ESM import, CommonJS require, the README's examples run and type-checked
// (strict, skipLibCheck off, node16 and bundler resolution, with only each entry's platform
// types), a Vite production build in Chromium, the same entry served with no bundler, an esbuild
// Node bundle, and the CLI lines as the README writes them. Needs `make build` (dist/, build/wasm).
import { execFile } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, extname, join, normalize, resolve, sep } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CONTENT_TYPES } from "../runtime/compat/compat-browser"
import { launchChromium } from "./browser-harness"
import { cliLines, codeBlocks, parseCliLine, type CodeBlock } from "./newcomer-readme"

// ==== PENDING: README examples waiting for other branches of issue 14 ========================
// A README code block (by its first line) or CLI line (as written) whose check is expected to
// FAIL on this branch, and the branch that makes it pass. The lead empties this after merging;
// an entry that no longer names anything in the README fails the test, so none is forgotten.
const PENDING: Record<string, string> = {}
// ==============================================================================================

const repo = resolve(__dirname, "..")
const tool = (name: string) => join(repo, "node_modules", ".bin", name)
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
  name: string
  version: string
  license: string
  dependencies: Record<string, string>
  exports: Record<string, unknown>
}

interface Ran {
  code: number
  stdout: string
  stderr: string
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    const child = execFile(
      cmd,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: 150_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0
        done({ code, stdout: String(stdout), stderr: String(stderr) })
      },
    )
    child.stdin?.end() // an empty stdin, as from </dev/null (the CLI reads its stdin to the end)
  })
}

async function ok(cmd: string, args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
  const r = await run(cmd, args, cwd, env)
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

// npm with no network: a fresh empty cache, offline, no scripts, no audit
const npmEnv = (dir: string) => ({
  npm_config_cache: join(dir, "npm-cache"),
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
})

let dir: string
let app: string
let packedFiles: string[]
let installed: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "qjsw-newcomer-"))
  app = join(dir, "app")
  mkdirSync(app)
  const packed = JSON.parse(await ok("npm", ["pack", "--json", "--pack-destination", dir], repo, npmEnv(dir))) as {
    filename: string
    files: { path: string }[]
  }[]
  packedFiles = packed[0].files.map((f) => f.path)
  const tarballs = [join(dir, packed[0].filename)]
  for (const dep of Object.keys(pkg.dependencies)) {
    const [{ filename }] = JSON.parse(
      await ok("npm", ["pack", "--json", "--pack-destination", dir, join(repo, "node_modules", dep)], repo, npmEnv(dir)),
    ) as { filename: string }[]
    tarballs.push(join(dir, filename))
  }
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "newcomer-app", private: true, type: "module" }))
  await ok("npm", ["install", "--ignore-scripts", ...tarballs], app, npmEnv(dir))
  installed = join(app, "node_modules", pkg.name)
}, 150_000)

afterAll(() => {
  // QJSW_NEWCOMER_KEEP=1 keeps the project for a look
  if (dir && !process.env.QJSW_NEWCOMER_KEEP) rmSync(dir, { recursive: true, force: true })
  else if (dir) console.log(`newcomer project kept in ${dir}`)
})

function pendingCheck(title: string) {
  return title in PENDING ? it.fails : it
}

describe("the package as installed from its tarball", { timeout: 90_000 }, () => {
  it("PENDING names only what the README still has", () => {
    const present = new Set([...codeBlocks().map((b) => b.title), ...cliLines()])
    expect(Object.keys(PENDING).filter((k) => !present.has(k))).toEqual([])
  })

  it("ships a LICENSE, its entries and their types, and nothing else of the build", () => {
    expect(packedFiles).toContain("LICENSE")
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License/)
    expect(pkg.license).toBe("MIT")
    expect(packedFiles.filter((f) => /\.symbols$|(^|\/)cli\.d\.|\.map$/.test(f))).toEqual([])
    // every declaration file is reached from package.json's types, through their imports
    const roots = typeTargets(pkg.exports)
    const reached = new Set<string>()
    const queue = [...roots]
    while (queue.length) {
      const f = normalize(queue.pop()!)
      if (reached.has(f)) continue
      reached.add(f)
      const text = readFileSync(join(installed, f), "utf8")
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g))
        queue.push(
          join(dirname(f), m[1])
            .replace(/\.mjs$/, ".d.mts")
            .replace(/\.cjs$/, ".d.cts"),
        )
    }
    expect(packedFiles.filter((f) => /\.d\.(m|c)?ts$/.test(f)).sort()).toEqual([...reached].sort())
    // every file package.json points at is in it
    for (const target of [...roots, ...fileTargets(pkg.exports)]) expect(packedFiles, target).toContain(normalize(target))
  })

  it("imports as ESM", async () => {
    writeFileSync(join(app, "esm.mjs"), `import { createSandbox } from "quickjs-wasmfs"\n${SMOKE}`)
    expect(await ok("node", ["esm.mjs"], app)).toBe('written\n{"exitCode":0}\n')
  })

  it("requires as CommonJS, with ./package.json and ./wasm exported", async () => {
    writeFileSync(join(app, "cjs.cjs"), `const { createSandbox } = require("quickjs-wasmfs")\n;(async () => {\n${SMOKE}})()\n`)
    expect(await ok("node", ["cjs.cjs"], app)).toBe('written\n{"exitCode":0}\n')
    const meta = await ok(
      "node",
      [
        "-e",
        `console.log(require("quickjs-wasmfs/package.json").version, require("fs").statSync(require.resolve("quickjs-wasmfs/wasm")).size > 0)`,
      ],
      app,
    )
    expect(meta.trim()).toBe(`${pkg.version} true`)
  })

  describe("the README's Node examples run", () => {
    for (const block of codeBlocks().filter((b) => !b.browser && /^import .* from "quickjs-wasmfs"/m.test(b.code))) {
      pendingCheck(block.title)(`README line ${block.line}: ${block.title}`, async () => {
        const file = join(app, `readme-${block.line}.mjs`)
        writeFileSync(file, block.code)
        const out = await ok("node", [file], app)
        // `console.log(x)  // what it prints`
        for (const m of block.code.matchAll(/^console\.log\(.*\)\s*\/\/\s*(.+)$/gm)) expect(out).toContain(m[1].trim())
      })
    }
  })
})

// a guest write and read through a sandbox (after the line that gets createSandbox)
const SMOKE = `const sandbox = await createSandbox({ stdout: (t) => process.stdout.write(t) })
const result = await sandbox.run("const fs = require('fs'); fs.writeFileSync('/x', 'written'); console.log(fs.readFileSync('/x', 'utf8'))")
sandbox.dispose()
console.log(JSON.stringify(result))
`

function typeTargets(exports: unknown): string[] {
  if (typeof exports !== "object" || exports === null) return []
  return Object.entries(exports).flatMap(([k, v]) => (k === "types" && typeof v === "string" ? [v] : typeTargets(v)))
}

function fileTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports]
  if (typeof exports !== "object" || exports === null) return []
  return Object.values(exports).flatMap(fileTargets)
}

// ---- tsc on the README's examples ----

// Where a type lives in a project's setup, what quickjs-emscripten-core's own declarations need
// (so every project here has it): `Disposable` (lib esnext.disposable, or @types/node) and the
// `WebAssembly` namespace (lib DOM or WebWorker: @types/node 20 has none). A Node project
// without the DOM lib gets upstream's TS2503 for the latter; those, and only those, are allowed.
const UPSTREAM_GAP = (d: Diagnostic) =>
  /node_modules\/(quickjs-emscripten-core|@jitl\/quickjs-ffi-types)\//.test(d.file) &&
  d.code === "TS2503" &&
  /'WebAssembly'/.test(d.message)

interface Diagnostic {
  file: string
  code: string
  message: string
}

const PLATFORM_GLOBALS = new Set(["process", "Buffer", "require", "window", "document", "navigator", "self", "console"])

interface Project {
  name: string
  resolution: "node16" | "bundler"
  lib: string[]
  types: string[]
  browserBlocks: boolean
  nodeBlocks: boolean
}

const PROJECTS: Project[] = (["node16", "bundler"] as const).flatMap((resolution) => [
  { name: `node-${resolution}`, resolution, lib: ["ES2022", "ESNext.Disposable"], types: ["node"], browserBlocks: false, nodeBlocks: true },
  { name: `dom-${resolution}`, resolution, lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], browserBlocks: true, nodeBlocks: false },
  {
    name: `both-${resolution}`,
    resolution,
    lib: ["ES2022", "ESNext.Disposable", "DOM"],
    types: ["node"],
    browserBlocks: true,
    nodeBlocks: true,
  },
])

async function tsc(project: Project, files: string[], cwd: string): Promise<Diagnostic[]> {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: "ES2022",
      module: project.resolution === "node16" ? "node16" : "ESNext",
      moduleResolution: project.resolution,
      lib: project.lib,
      types: project.types,
      // @types/node from this repo: the project installed nothing but the package
      typeRoots: [join(repo, "node_modules", "@types")],
    },
    files,
  }
  const name = `tsconfig.${project.name}.json`
  writeFileSync(join(cwd, name), JSON.stringify(config, null, 2))
  const r = await run(tool("tsc"), ["-p", name], cwd)
  const diagnostics = [...r.stdout.matchAll(/^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
    file: m[1],
    code: m[2],
    message: m[3],
  }))
  if (r.code !== 0 && diagnostics.length === 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`)
  return diagnostics
}

describe("the README's examples type-check", () => {
  const blocks = codeBlocks()
  const file = (b: CodeBlock) => `readme-${b.line}.ts`
  const results = new Map<string, Diagnostic[]>()

  beforeAll(async () => {
    const cwd = join(app, "types")
    mkdirSync(cwd, { recursive: true })
    const exported = JSON.parse(
      await ok("node", ["-e", `console.log(JSON.stringify(Object.keys(require("quickjs-wasmfs"))))`], app),
    ) as string[]
    for (const b of blocks) {
      // a block that uses the main entry's exports without importing them (a continuation)
      const imported = new Set(
        [...b.code.matchAll(/import\s*\{([^}]*)\}/g)].flatMap((m) =>
          m[1].split(",").map((s) =>
            s
              .trim()
              .split(/\s+as\s+/)
              .pop()!,
          ),
        ),
      )
      const missing = exported.filter((n) => !imported.has(n) && new RegExp(`\\b${n}\\b`).test(b.code))
      const head = missing.length ? `import { ${missing.join(", ")} } from "quickjs-wasmfs"\n` : ""
      writeFileSync(join(cwd, file(b)), `${head}${b.code}\nexport {}\n`)
    }
    // names the README leaves to the reader (`log`, `reload`): found once, declared loosely
    const all = PROJECTS.find((p) => p.name === "both-bundler")!
    const found = await tsc(all, blocks.map(file), cwd)
    const names = new Set(
      found.filter((d) => d.code === "TS2304" && blocks.some((b) => d.file === file(b))).map((d) => /'(\w+)'/.exec(d.message)![1]),
    )
    const placeholders = [...names].filter((n) => !PLATFORM_GLOBALS.has(n))
    writeFileSync(join(cwd, "placeholders.d.ts"), placeholders.map((n) => `declare function ${n}(...args: any[]): any\n`).join(""))
    // two at a time: the machine is small
    const queue = [...PROJECTS]
    const worker = async () => {
      for (let p; (p = queue.shift());) {
        const mine = blocks.filter((b) => (b.browser ? p.browserBlocks : p.nodeBlocks)).map(file)
        // the .cts: the require() side of the main entry, under node16
        if (p.resolution === "node16" && p.nodeBlocks) {
          writeFileSync(
            join(cwd, "require.cts"),
            `import { createSandbox, type RunResult } from "quickjs-wasmfs"\nexport const r: Promise<RunResult> = createSandbox().then((s) => s.run("1"))\n`,
          )
          mine.push("require.cts")
        }
        results.set(p.name, await tsc(p, ["placeholders.d.ts", ...mine], cwd))
      }
    }
    await Promise.all([worker(), worker()])
  }, 150_000)

  for (const p of PROJECTS) {
    it(`${p.name}: the package's declarations need nothing else (${p.lib.join(", ")}; types: ${p.types.join(", ") || "none"})`, () => {
      const ours = results.get(p.name)!.filter((d) => !blocks.some((b) => d.file === file(b)) && !UPSTREAM_GAP(d))
      expect(ours).toEqual([])
    })
    for (const b of blocks.filter((b) => (b.browser ? p.browserBlocks : p.nodeBlocks))) {
      pendingCheck(b.title)(`${p.name}: README line ${b.line}: ${b.title}`, () => {
        expect(results.get(p.name)!.filter((d) => d.file === file(b))).toEqual([])
      })
    }
  }
})

// ---- bundlers ----

const PAGE_APP = `import { createSandbox } from "quickjs-wasmfs/browser"
;(async () => {
  const out = []
  const sandbox = await createSandbox({ opfs: true, stdout: (t) => out.push(t) })
  const result = await sandbox.run(\`
    const fs = require('fs')
    fs.mkdirSync('/opfs/project', { recursive: true })
    fs.writeFileSync('/opfs/project/package.json', '{"name":"demo"}')
    console.log(fs.readFileSync('/opfs/project/package.json', 'utf8'))
  \`)
  const text = await sandbox.fs.readFile("/opfs/project/package.json", "utf8")
  const done = { result, out: out.join(""), text, opfs: sandbox.opfs.backend }
  // done once disposed: the test then removes the files, which open access handles would block
  await sandbox.dispose()
  window.done = done
})().catch((e) => { window.done = { error: String((e && e.stack) || e) } })
`

const EXPECTED_PAGE = { result: { exitCode: 0 }, out: '{"name":"demo"}\n', text: '{"name":"demo"}', opfs: "jspi" }

// Serves `root`, and the installed app's node_modules (pages that load the package unbundled).
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
    const base = path.startsWith("/node_modules/") ? app : root
    const file = normalize(join(base, path === "/" ? "index.html" : path))
    if (!file.startsWith(base + sep) || !existsSync(file)) return void res.writeHead(404).end()
    res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file))
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }
}

describe("in a browser", () => {
  it("a Vite production build of a page using quickjs-wasmfs/browser boots a sandbox on /opfs; so does the package served as it is", async () => {
    const web = join(app, "web")
    mkdirSync(web, { recursive: true })
    writeFileSync(join(web, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>`)
    writeFileSync(join(web, "main.js"), PAGE_APP)
    const out = join(app, "web-dist")
    // no config: what `vite build` does out of the box
    const built = await ok(tool("vite"), ["build", "web", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"], app)
    expect(built).not.toMatch(/error/i)
    const assets = readdirSync(join(out, "assets"))
    // the sandbox's worker, the OPFS bridge's worker (started from inside it) and the .wasm
    expect(
      assets
        .filter((f) => /^(browser-worker|opfs-worker|quickjs-wasmfs)-.*\.(js|wasm)$/.test(f))
        .map((f) => f.split("-")[0] + extname(f))
        .sort(),
    ).toEqual(["browser.js", "opfs.js", "quickjs.wasm"])
    // no bundler: the same code, importing the installed file itself
    writeFileSync(
      join(out, "plain.html"),
      `<!doctype html><meta charset="utf-8"><script type="module">${PAGE_APP.replace('"quickjs-wasmfs/browser"', '"/node_modules/quickjs-wasmfs/dist/browser.mjs"')}</script>`,
    )
    const { url, server } = await serve(out)
    const chromium = await launchChromium()
    try {
      for (const page of ["", "plain.html"]) {
        const tab = await chromium.context.newPage()
        const failed: string[] = []
        tab.on("requestfailed", (r) => failed.push(r.url()))
        tab.on("response", (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)))
        await tab.goto(url + page)
        await tab.waitForFunction(() => (window as unknown as { done?: unknown }).done !== undefined, null, { timeout: 60_000 })
        expect(await tab.evaluate(() => (window as unknown as { done: unknown }).done), page || "vite").toEqual(EXPECTED_PAGE)
        expect(failed).toEqual([])
        await tab.evaluate(async () => {
          const root = await navigator.storage.getDirectory()
          await root.removeEntry("project", { recursive: true })
        })
        await tab.close()
      }
    } finally {
      await chromium.close()
      await new Promise((r) => server.close(r))
    }
  }, 150_000)
})

describe("in a Node bundle (esbuild)", { timeout: 90_000 }, () => {
  const bundle = async (entry: string, code: string, extra: string[] = []) => {
    writeFileSync(join(app, entry), code)
    const out = join(dir, "bundled", entry.replace(/\.\w+$/, ""), "app.mjs")
    await ok(
      tool("esbuild"),
      [entry, "--bundle", "--platform=node", "--format=esm", `--outfile=${out}`, "--log-level=warning", ...extra],
      app,
    )
    return out
  }

  it("runs with the .wasm imported as bytes (quickjs-wasmfs/wasm), away from node_modules", async () => {
    const out = await bundle(
      "bundle-bytes.mjs",
      `import wasmBinary from "quickjs-wasmfs/wasm"
import { createSandbox, newQuickJSWASMModuleWithWasmFS } from "quickjs-wasmfs"
const module = await newQuickJSWASMModuleWithWasmFS({ wasmBinary })
${SMOKE.replace("createSandbox({", "createSandbox({ module, ")}`,
      ["--loader:.wasm=binary"],
    )
    expect(await ok("node", [out], dirname(out))).toBe('written\n{"exitCode":0}\n')
  })

  it("the README's bundle example runs, told where the .wasm is", async () => {
    const example = codeBlocks().filter((b) => b.code.includes("wasmLocation"))
    expect(example.length).toBe(1)
    const out = await bundle("bundle-readme.mjs", example[0].code)
    const r = await run("node", [out], dirname(out), { QUICKJS_WASMFS_WASM: join(installed, "build/wasm/quickjs-wasmfs.wasm") })
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" })
  })

  it("without the .wasm: one clear error (no Emscripten abort); with it copied next to the bundle: runs", async () => {
    const out = await bundle("bundle-plain.mjs", `import { createSandbox } from "quickjs-wasmfs"\n${SMOKE}`)
    const missing = await run("node", [out], dirname(out))
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain("quickjs-wasmfs: cannot read quickjs-wasmfs.wasm")
    expect(missing.stderr).toContain("wasmBinary")
    expect(missing.stderr).not.toContain("Aborted(")
    copyFileSync(join(installed, "build/wasm/quickjs-wasmfs.wasm"), join(dirname(out), "quickjs-wasmfs.wasm"))
    expect(await ok("node", [out], dirname(out))).toBe('written\n{"exitCode":0}\n')
  })
})

describe("the README's CLI lines", { timeout: 90_000 }, () => {
  for (const line of cliLines()) {
    const cli = parseCliLine(line)
    if (cli.command !== undefined && cli.command !== "run") continue // compat: its own tests
    pendingCheck(line)(line, async () => {
      const cwd = join(dir, "cli", String(cliLines().indexOf(line)))
      mkdirSync(cwd, { recursive: true })
      writeFileSync(join(cwd, "package.json"), JSON.stringify({ private: true }))
      symlinkModules(cwd)
      if (cli.script) {
        // the script tells what it got; it lives where the line says (in a mounted directory, by its guest path)
        const mount = cli.mounts.find((m) => cli.script!.startsWith(m.guest + "/"))
        const host = mount ? join(cwd, mount.host, cli.script.slice(mount.guest.length)) : join(cwd, cli.script)
        mkdirSync(dirname(host), { recursive: true })
        for (const m of cli.mounts) mkdirSync(join(cwd, m.host), { recursive: true })
        const keys = JSON.stringify(Object.keys(cli.env))
        const report = `JSON.stringify({ args: process.argv.slice(2), env: Object.fromEntries(${keys}.map((k) => [k, process.env[k]])) })`
        writeFileSync(host, `console.log(${report})\n`)
      }
      const r = await run("npx", ["--no-install", "quickjs-wasmfs", ...cli.words], cwd, npmEnv(dir))
      expect(r.stderr).toBe("")
      expect(r.code).toBe(0)
      if (cli.script) expect(JSON.parse(r.stdout)).toEqual({ args: cli.args, env: cli.env })
      else if (cli.words.includes("--version")) expect(r.stdout.trim()).toContain(pkg.version)
      else expect(r.stdout).toMatch(/usage/i)
    })
  }
})

// npx finds the package's bin in the project's node_modules, as after `npm install quickjs-wasmfs`
function symlinkModules(cwd: string) {
  if (!existsSync(join(cwd, "node_modules"))) symlinkSync(join(app, "node_modules"), join(cwd, "node_modules"))
}
