#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path"
import type { Mount } from "./mounts"
import { createSandbox } from "./sandbox"

const usage = `Usage: quickjs-wasmfs run <file> [args...] [options]

Runs <file> (CommonJS, or ESM for .mjs / "type": "module") in a quickjs-wasmfs sandbox,
streams its stdout/stderr and exits with its exit code.

Options:
  --mount hostDir:guestDir[:ro]  show a host directory at guestDir (repeatable): the guest
                                 reads and writes it directly, live, and reaches nothing
                                 outside it; with :ro every change fails with EROFS
  --cwd dir                      working directory in the sandbox
  --env K=V                      set an environment variable (repeatable)
  --memory-limit MB              cap the guest's JS heap
  --timeout ms                   CPU budget for the run
  -h, --help                     show this text

Without --mount, the directory of <file> is copied in at the same path (a snapshot:
the guest's writes stay in the sandbox and the host is left as it was). With --mount, a
<file> inside a mounted host directory runs from its guest path; any other <file> is a
guest path. Options go before <file>: what follows it is the script's own arguments.`

function fail(message: string): never {
  process.stderr.write(`quickjs-wasmfs: ${message}\n\n${usage}\n`)
  process.exit(2)
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
  if (argv[0] !== "run") fail(`unknown command '${argv[0]}'`)
  const mounts: Mount[] = []
  const env: Record<string, string> = {}
  let cwd: string | undefined
  let memoryLimit: number | undefined
  let timeout: number | undefined
  let file: string | undefined
  const args: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    const value = () => argv[++i] ?? fail(`${a} needs a value`)
    if (file !== undefined) args.push(a)
    else if (a === "--mount") {
      const parts = value().split(":")
      const readonly = parts.length > 2 && parts[parts.length - 1] === "ro"
      if (parts.length > 2 && (readonly || parts[parts.length - 1] === "rw")) parts.pop()
      const guest = parts.pop()
      const host = parts.join(":")
      if (!host || !guest?.startsWith("/")) fail("--mount takes hostDir:guestDir[:ro] (guestDir absolute)")
      mounts.push({ hostPath: resolve(host), guestPath: guest, readonly })
    } else if (a === "--cwd") cwd = value()
    else if (a === "--env") {
      const [k, ...v] = value().split("=")
      env[k!] = v.join("=")
    } else if (a === "--memory-limit") memoryLimit = Number(value()) * 1024 * 1024
    else if (a === "--timeout") timeout = Number(value())
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${usage}\n`)
      return 0
    } else if (a.startsWith("--")) fail(`unknown option ${a}`)
    else file = a
  }
  if (file === undefined) fail("run needs a file")
  const files: Record<string, Uint8Array> = {}
  // With mounts, a <file> on the host inside a mounted directory runs from its guest path;
  // any other <file> is taken as a guest path.
  let guestFile = file
  for (const m of mounts) {
    const host = resolve(file)
    const rel = relative(m.hostPath, host)
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      guestFile = posix.join(m.guestPath, rel.split(sep).join("/"))
      break
    }
  }
  if (mounts.length === 0) {
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
  const sandbox = await createSandbox({ files, mounts, env, argv: args, cwd: cwd ?? dirname(guestFile), memoryLimit, timeout }).catch(
    (e: unknown) => {
      // a mount that cannot be made (missing directory...) is a usage error, not a crash
      if (e instanceof Error && /cannot mount/.test(e.message)) fail(e.message.replace(/^quickjs-wasmfs: /, ""))
      throw e
    },
  )
  try {
    const result = await sandbox.runFile(guestFile)
    return result.exitCode
  } finally {
    sandbox.dispose()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`quickjs-wasmfs: ${err instanceof Error ? err.stack : String(err)}\n`)
    process.exit(70)
  },
)
