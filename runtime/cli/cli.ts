#!/usr/bin/env node
import { fstatSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path"
import { NODE_VERSION, QUICKJS_VERSION } from "../../modules/internal/version.js"
import { formatMarkdown, formatResult, formatSummary, runCompat, toJSON } from "../compat/compat"
import type { Mount } from "../mounts/mounts"
import { createSandbox } from "../sandbox/sandbox"
import { DirectoryCompileCache } from "../module/compile-cache-dir"
import { homedir } from "node:os"
import { isatty } from "node:tty"
import { setFlagsFromString } from "node:v8"

// The CLI owns its process, so it may tune V8 for what the sandbox runs. At V8's default Wasm
// tiering budget the boot alone sends about 50 of the module's functions to TurboFan, whose
// background compiles take the second core from the boot and hold the process's exit until they
// finish. 100 times the budget leaves a short run on Liftoff and still optimizes what a long one
// keeps hot. Measured in alternating processes (warm compile cache, ms): hello 352 -> 268, terser
// 567 -> 440, tsc unchanged (2,170 -> 2,220, within noise). A budget given on node's own command
// line wins.
if (!process.execArgv.some((flag) => /^--(wasm[-_]tiering[-_]budget|liftoff[-_]only)\b/.test(flag))) {
  setFlagsFromString("--wasm-tiering-budget=200000000")
}

const usage = `Usage: quickjs-wasmfs run [options] <file> [args...]
       quickjs-wasmfs compat [compat options] <files or dirs...>
       quickjs-wasmfs --version | --help

run executes <file> (CommonJS, or ESM for .mjs / "type": "module") in a quickjs-wasmfs sandbox
that behaves as Node.js v${NODE_VERSION}, streams its stdout/stderr and exits with its exit code.
As with \`node [options] script [args]\`, options go before <file>: everything after it is the
script's own (process.argv.slice(2)). The script's stdin is this command's (read to its end
before the script starts; a terminal is not read).

Options:
  --mount hostDir:guestDir[:ro]  show a host directory at guestDir (repeatable): the guest
                                 reads and writes it directly, live, and reaches nothing
                                 outside it; with :ro every change fails with EROFS
  --cwd dir                      working directory in the sandbox (default: <file>'s directory)
  --env K=V                      set an environment variable (repeatable)
  --memory-limit MB              cap the guest's JS heap
  --storage-limit MB             cap the in-memory files (default 256; ENOSPC past it)
  --timeout ms                   CPU budget for the run
  --wasm                         give the guest WebAssembly (the host engine's; see README,
                                 "Security model", for what a timeout cannot stop)
  --expose-internals             Node's flag: require('internal/...') gives the Node internal
                                 modules the sandbox has (as Node's own tests use them)
  --compile-cache dir            keep compiled files' bytecode in dir, so a later run reads it
                                 instead of parsing (default: $XDG_CACHE_HOME or ~/.cache,
                                 /quickjs-wasmfs/compile; the guest never sees it)
  --no-compile-cache             parse every file, keep nothing
  --                             end of options: the next argument is <file>
  -v, --version                  print the version
  -h, --help                     show this text
  Values can also be given as --option=value.

Without --mount, the directory of <file> is copied in at the same path (a snapshot:
the guest's writes stay in the sandbox and the host is left as it was). With --mount, a
<file> inside a mounted host directory runs from its guest path; any other <file> is a
guest path, which must be inside a mounted directory.

Exit codes: the script's own; 1 when <file> does not exist or the script throws; 2 for a
usage error; 70 when the sandbox itself fails.

compat runs each script in real Node (a fresh temp dir) and in a fresh sandbox (in-memory
tree), in the same layout: the script's directory as <run>/test/parallel, the helper
require('../common') (mustCall, tmpdir, fixtures...) and the packages the script requires
with their dependencies in <run>/node_modules. A file passes when it exits with 0 in Node and
the sandbox gives the same exit code and stdout. Directories are searched for .js/.cjs/.mjs
(names starting with _ or . are helpers). Exit code 1 when a file that passes in Node fails
in the sandbox and is not listed in --expect.

Compat options:
  --json file        write every result (both worlds' output) as JSON
  --md file          write a Markdown table of the results
  --filter re        only files whose path matches the regular expression
  --expect file      known failures: { "path relative to this file": "reason" }
  --timeout ms       wall-clock limit per run in each world (default 30000)
  --jobs n           files run at once (default 2)
  --env K=V          environment for both worlds (repeatable; PATH is passed through)
  --node path        the Node binary (default: the one running this CLI)
  --quiet            print failures and the summary only
  --browser          run the sandbox world in Chromium (playwright-core; Debian's chromium,
                     or QJSW_CHROMIUM=path) instead of in this process, twice: on the
                     in-memory root and with the files on /opfs (the browser OPFS mount)`

// This process's stdin for the guest: nothing from a terminal; a file or device (/dev/null when
// run with no input) read at once, without making Node's stream for it (most of a hello world's
// host-side start); a pipe or socket as a stream, to its end.
function hostStdin(): Uint8Array | NodeJS.ReadableStream | undefined {
  if (isatty(0)) return undefined
  let st
  try {
    st = fstatSync(0)
  } catch {
    return undefined // no fd 0 at all: end of file
  }
  return st.isFile() || st.isCharacterDevice() ? readFileSync(0) : process.stdin
}

// Where the CLI keeps compiled bytecode unless told otherwise: the user's cache directory, as
// other tools keep theirs (XDG's base directory spec).
function defaultCompileCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "quickjs-wasmfs", "compile")
}

const version = `quickjs-wasmfs ${packageVersion()} (Node.js v${NODE_VERSION} API, QuickJS ${QUICKJS_VERSION})`

// package.json sits one level above dist/cli.mjs (and above runtime/cli/cli.ts in the repo).
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown }
    return typeof pkg.version === "string" ? pkg.version : "unknown"
  } catch {
    return "unknown"
  }
}

// A usage error or a script that cannot be started: one line, never a stack.
function fail(message: string, code = 2): never {
  const hint = code === 2 ? " (quickjs-wasmfs --help shows the usage)" : ""
  process.stderr.write(`quickjs-wasmfs: ${message}${hint}\n`)
  process.exit(code)
}

function isFile(hostPath: string): boolean {
  try {
    return statSync(hostPath).isFile()
  } catch {
    return false
  }
}

// A number option's value: a positive finite number, else a usage error.
function positive(name: string, text: string): number {
  const n = Number(text)
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) fail(`${name} takes a positive number, not '${text}'`)
  return n
}

// Every regular file below `hostDir`, keyed by its guest path below `guestDir`. A symlink to a
// file is copied as that file; dangling links, links to directories (which could loop) and
// anything unreadable are left out rather than failing the run.
// A directory too big to copy (say, a script in /tmp) is a usage error pointing to --mount.
const SNAPSHOT_MAX_FILES = 20_000
const SNAPSHOT_MAX_BYTES = 256 * 1024 * 1024

function snapshot(hostDir: string, guestDir: string, files: Record<string, Uint8Array>, budget = { files: 0, bytes: 0 }) {
  for (const entry of readdirSync(hostDir, { withFileTypes: true })) {
    const host = join(hostDir, entry.name)
    let data: Uint8Array | undefined
    try {
      if (entry.isDirectory()) snapshot(host, join(guestDir, entry.name), files, budget)
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(host).isFile())) data = readFileSync(host)
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("too big")) throw e
      // unreadable: not part of the snapshot
    }
    if (data === undefined) continue
    files[join(guestDir, entry.name)] = data
    budget.files++
    budget.bytes += data.byteLength
    if (budget.files > SNAPSHOT_MAX_FILES || budget.bytes > SNAPSHOT_MAX_BYTES) {
      throw new Error(`too big to copy in (over ${SNAPSHOT_MAX_FILES} files or ${SNAPSHOT_MAX_BYTES >> 20} MiB)`)
    }
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "-h" || argv[0] === "--help") {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  if (argv[0] === "-v" || argv[0] === "--version") {
    process.stdout.write(`${version}\n`)
    return 0
  }
  if (argv[0] === "compat") return compat(argv.slice(1))
  if (argv[0] !== "run") fail(`unknown command '${argv[0]}'`)
  const mounts: Mount[] = []
  const env: Record<string, string> = {}
  let cwd: string | undefined
  let memoryLimit: number | undefined
  let storageLimit: number | undefined
  let timeout: number | undefined
  let webAssembly = false
  let exposeInternals = false
  let compileCacheDir: string | false = defaultCompileCacheDir()
  let file: string | undefined
  let args: string[] = []
  for (let i = 1; i < argv.length; i++) {
    let a = argv[i]!
    // as with `node [options] script [args]`: the first non-option is the script, and
    // everything after it is the script's, options included
    if (a === "--") {
      file = argv[i + 1]
      args = argv.slice(i + 2)
      break
    }
    if (!a.startsWith("-") || a === "-") {
      file = a
      args = argv.slice(i + 1)
      break
    }
    let inline: string | undefined
    const eq = a.indexOf("=")
    if (a.startsWith("--") && eq > 0) {
      inline = a.slice(eq + 1)
      a = a.slice(0, eq)
    }
    const value = () => inline ?? argv[++i] ?? fail(`${a} needs a value`)
    if (a === "--mount") {
      const spec = value()
      const parts = spec.split(":")
      const readonly = parts.length > 2 && parts[parts.length - 1] === "ro"
      if (parts.length > 2 && (readonly || parts[parts.length - 1] === "rw")) parts.pop()
      const guest = parts.pop()
      const host = parts.join(":")
      if (!host || !guest?.startsWith("/")) fail(`--mount takes hostDir:guestDir[:ro] (guestDir absolute), not '${spec}'`)
      mounts.push({ hostPath: resolve(host), guestPath: guest, readonly })
    } else if (a === "--cwd") cwd = value()
    else if (a === "--env") {
      const spec = value()
      const eqAt = spec.indexOf("=")
      if (eqAt <= 0) fail(`--env takes K=V, not '${spec}'`)
      env[spec.slice(0, eqAt)] = spec.slice(eqAt + 1)
    } else if (a === "--memory-limit") memoryLimit = positive(a, value()) * 1024 * 1024
    else if (a === "--storage-limit") storageLimit = positive(a, value()) * 1024 * 1024
    else if (a === "--timeout") timeout = positive(a, value())
    else if (a === "--wasm" && inline === undefined) webAssembly = true
    else if (a === "--expose-internals" && inline === undefined) exposeInternals = true
    else if (a === "--compile-cache") compileCacheDir = resolve(value())
    else if (a === "--no-compile-cache" && inline === undefined) compileCacheDir = false
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${usage}\n`)
      return 0
    } else if (a === "-v" || a === "--version") {
      process.stdout.write(`${version}\n`)
      return 0
    } else fail(`unknown option ${a}`)
  }
  if (file === undefined || file === "") fail("run needs a file")
  const files: Record<string, Uint8Array> = {}
  // With mounts, a <file> on the host inside a mounted directory runs from its guest path;
  // any other <file> is taken as a guest path.
  let guestFile = file
  let hostFile: string | undefined
  for (const m of mounts) {
    const host = resolve(file)
    const rel = relative(m.hostPath, host)
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      guestFile = posix.join(m.guestPath, rel.split(sep).join("/"))
      hostFile = host
      break
    }
  }
  // a guest path: the host file behind it, in the mount that holds it (the last one wins, as a
  // later mount shadows an earlier one at the same place)
  if (mounts.length > 0 && hostFile === undefined && guestFile.startsWith("/")) {
    for (const m of mounts) {
      const rel = posix.relative(m.guestPath, posix.normalize(guestFile))
      if (rel === "" || (!rel.startsWith("..") && !posix.isAbsolute(rel))) hostFile = join(m.hostPath, ...rel.split("/"))
    }
  }
  if (mounts.length === 0) hostFile = resolve(file)
  // as `node missing.js`, exit code 1, but one line instead of a loader's stack
  const checkFile = () => {
    if (hostFile === undefined) fail(`cannot find ${file}: not a host file nor a path inside a --mount`, 1)
    if (!isFile(hostFile)) fail(`cannot find ${file}: no such file`, 1)
  }
  if (mounts.length === 0) {
    checkFile()
    const host = resolve(file)
    try {
      snapshot(dirname(host), dirname(host), files)
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("too big")) {
        fail(`the directory of ${file} is ${e.message}: use --mount ${dirname(host)}:${dirname(host)}[:ro]`)
      }
      throw e
    }
    guestFile = host
  }
  // The guest's stdio is ours, passed on explicitly: stdin (read to its end before the run; a
  // terminal is not read, the guest sees end of file) and its output as the exact bytes.
  const stdio = {
    stdin: hostStdin(),
    stdoutBytes: (b: Uint8Array) => void process.stdout.write(b),
    stderrBytes: (b: Uint8Array) => void process.stderr.write(b),
  }
  const compileCache = compileCacheDir === false ? false : new DirectoryCompileCache(compileCacheDir)
  const sandbox = await createSandbox({
    files,
    mounts,
    env,
    argv: args,
    cwd: cwd ?? dirname(guestFile),
    memoryLimit,
    storageLimit,
    timeout,
    webAssembly,
    exposeInternals,
    compileCache,
    ...stdio,
  }).catch((e: unknown) => {
    // a mount that cannot be made (missing directory...) is a usage error, not a crash
    if (e instanceof Error && /cannot mount/.test(e.message)) fail(e.message.replace(/^quickjs-wasmfs: /, ""))
    throw e
  })
  // (after the mounts, whose own errors say more)
  if (mounts.length > 0) checkFile()
  try {
    const result = await sandbox.runFile(guestFile)
    return result.exitCode
  } finally {
    sandbox.dispose()
  }
}

async function compat(argv: string[]): Promise<number> {
  const inputs: string[] = []
  const env: Record<string, string> = {}
  let json: string | undefined
  let md: string | undefined
  let filter: RegExp | undefined
  let expect: string | undefined
  let timeout: number | undefined
  let jobs: number | undefined
  let node: string | undefined
  let quiet = false
  let browser = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const value = () => argv[++i] ?? fail(`${a} needs a value`)
    if (a === "--json") json = value()
    else if (a === "--md") md = value()
    else if (a === "--filter") {
      const re = value()
      try {
        filter = new RegExp(re)
      } catch {
        fail(`--filter: invalid regular expression ${re}`)
      }
    } else if (a === "--expect") expect = value()
    else if (a === "--timeout") timeout = Number(value())
    else if (a === "--jobs") jobs = Number(value())
    else if (a === "--node") node = value()
    else if (a === "--env") {
      const [k, ...v] = value().split("=")
      env[k!] = v.join("=")
    } else if (a === "--quiet") quiet = true
    else if (a === "--browser") browser = true
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${usage}\n`)
      return 0
    } else if (a.startsWith("--")) fail(`unknown option ${a}`)
    else inputs.push(a)
  }
  if (inputs.length === 0) fail("compat needs files or directories")
  for (const input of inputs) {
    try {
      statSync(input)
    } catch {
      fail(`no such file or directory: ${input}`)
    }
  }
  if (timeout !== undefined && !(timeout > 0)) fail("--timeout takes a number of ms")
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) fail("--jobs takes a positive integer")
  const report = await runCompat({
    inputs,
    filter,
    expect,
    timeout,
    jobs,
    node,
    env,
    browser,
    onResult: (r) => {
      if (!quiet || r.status === "sandbox-fail") process.stdout.write(`${formatResult(r)}\n`)
    },
  })
  if (json) writeFileSync(json, toJSON(report))
  if (md) writeFileSync(md, formatMarkdown(report))
  process.stdout.write(`${formatSummary(report)}\n`)
  return report.unexpected.length > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // the sandbox itself failed: one line (QJSW_DEBUG=1 adds the host stack, for a bug report)
    const detail = err instanceof Error ? (process.env.QJSW_DEBUG ? err.stack : err.message) : String(err)
    process.stderr.write(`quickjs-wasmfs: ${detail}\n`)
    process.exit(70)
  },
)
