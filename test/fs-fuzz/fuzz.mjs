// Differential fs fuzzer: seeded random operation sequences (generate.mjs) run in real Node in a
// temp dir and in the sandbox (in memory, or on a mounted host dir), transcripts compared entry
// by entry, the final tree included; a diverging sequence is shrunk to the fewest operations
// that still diverge the same way.
//
//   node test/fs-fuzz/fuzz.mjs [--seed S] [--count N] [--length L] [--profile valid|mixed]
//                              [--where memory|mount] [--json file] [--no-shrink]
// Prints one line per divergence kind (its signature, a minimal script) and a summary.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { generate } from "./generate.mjs"

const require = createRequire(import.meta.url)
const EXECUTE = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "execute.cjs")
const fuzzExecute = require(EXECUTE)
const EXECUTE_SOURCE = fs.readFileSync(EXECUTE, "utf8")
const MARK = "\u0001fuzz:"

/** Runs sequences in real Node, each in a fresh base dir; returns their transcripts. */
export async function runNode(seqs) {
  seqs = JSON.parse(JSON.stringify(seqs)) // as the sandbox gets them
  const top = fs.mkdtempSync(join(tmpdir(), "qjsw-fsfuzz-"))
  try {
    const out = []
    for (let i = 0; i < seqs.length; i++) {
      const base = join(top, String(i))
      fs.mkdirSync(join(base, "root"), { recursive: true })
      out.push(await new Promise((resolve) => fuzzExecute(fs, join(base, "root"), seqs[i], resolve)))
    }
    return out
  } finally {
    removeTree(top)
  }
}

// A tree Node's cpSync made by copying a directory into itself through a link is thousands
// of levels deep, too deep for rmSync's recursion (RangeError): rm(1) takes it then.
function removeTree(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true })
  } catch {
    execFileSync("rm", ["-rf", dir])
  }
}

/** A sandbox to run sequences in: `where` is "memory" (under /fz) or "mount" (a host temp dir at /mnt/fz). */
export async function openSandbox(where) {
  const { createSandbox } = await import("../../dist/index.mjs")
  let hostDir
  const mounts = {}
  if (where === "mount") {
    hostDir = fs.mkdtempSync(join(tmpdir(), "qjsw-fsfuzz-mount-"))
    mounts["/mnt/fz"] = hostDir
  }
  let text = ""
  const sandbox = await createSandbox({
    mounts,
    stdout: (t) => {
      text += t
    },
    stderr: (t) => {
      text += t
    },
    timeout: 60_000,
  })
  const top = where === "mount" ? "/mnt/fz" : "/fz"
  let batch = 0
  return {
    async run(seqs) {
      text = ""
      const dir = `${top}/${batch++}`
      const code = `${EXECUTE_SOURCE}
const fs = require('fs');
const seqs = ${JSON.stringify(seqs)};
(function next(i) {
  if (i >= seqs.length) return;
  const root = ${JSON.stringify(dir)} + '/' + i + '/root';
  fs.mkdirSync(root, { recursive: true });
  fuzzExecute(fs, root, seqs[i], (t) => { process.stdout.write(${JSON.stringify(MARK)} + i + ' ' + JSON.stringify(t) + '\\n'); next(i + 1); });
})(0);`
      const result = await sandbox.run(code, { filename: "/fuzz.js" })
      const out = seqs.map(() => null)
      for (const line of text.split("\n")) {
        if (!line.startsWith(MARK)) continue
        const sp = line.indexOf(" ")
        out[Number(line.slice(MARK.length, sp))] = JSON.parse(line.slice(sp + 1))
      }
      for (let i = 0; i < out.length; i++) {
        if (!out[i]) out[i] = [["run", "ended early", result.exitCode, result.error?.message ?? null, text.slice(-500)]]
      }
      return out
    },
    dispose() {
      sandbox.dispose()
      if (hostDir) fs.rmSync(hostDir, { recursive: true, force: true })
    },
  }
}

/** Index of the first entry where two transcripts differ, or -1. */
export function firstDifference(a, b) {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i
  return -1
}

// The first way two final trees differ: a path on one side only, or a field of a path.
function treeDifference(a, b) {
  const map = (t) => new Map((t?.[1] ?? []).map((e) => [e[0], e]))
  const ma = map(a),
    mb = map(b)
  for (const [path, ea] of ma) {
    const eb = mb.get(path)
    if (!eb) return "extra in node"
    if (JSON.stringify(ea) === JSON.stringify(eb)) continue
    for (const k of Object.keys(ea[1])) if (JSON.stringify(ea[1][k]) !== JSON.stringify(eb[1]?.[k])) return k
    return ea[1].type === "link" ? "link target" : "content"
  }
  return "extra in sandbox"
}

function summary(entry) {
  if (!entry) return "<none>"
  if (entry[0] === "tree") return "tree"
  if (entry[0] === "run") return `run ${entry[1]}`
  const [, , kind, value] = entry
  if (value && typeof value === "object" && "code" in value)
    return `${kind} ${value.code ?? value.name}${value.syscall ? ` (${value.syscall})` : ""}`
  return kind
}

// On a host mount a symlink target with '..' after a name is stored with that '..' resolved
// lexically (native/wasmfs/mount_backend.cpp, host_target: host tools following the link never
// leave the mount), so whatever such a link is used for may answer differently from Linux: one
// documented kind, whatever operation shows it.
const DOTDOT_AFTER_NAME = /(^|\/)(?!\.\.?(\/|$))[^/]+\/\.\.(\/|$)/
function linksResolvedLexically(ops) {
  // (a {$p} target is the root's path joined with it: any '..' in it comes after a name)
  const dotdot = (t) => (typeof t === "string" ? DOTDOT_AFTER_NAME.test(t) : /(^|\/)\.\.(\/|$)/.test(t?.$p ?? ""))
  return ops.some((o) => (o.op === "symlinkSync" || o.op === "symlink" || o.op === "promises.symlink") && dotdot(o.args[0]))
}

/** What kind of divergence this is: the operation and how each side answered. */
export function signature(ops, node, sandbox, where = "memory") {
  if (where === "mount" && linksResolvedLexically(ops)) return "a link target with '..' after a name, stored resolved"
  const i = firstDifference(node, sandbox)
  const n = node[i],
    s = sandbox[i]
  const op = n && typeof n[0] === "number" ? ops[n[0]]?.op : n?.[0]
  if (n?.[0] === "tree" && s?.[0] === "tree") return `tree: ${treeDifference(n, s)}`
  return `${op}: node ${summary(n)} / sandbox ${summary(s)}`
}

/** Drops operations while the sequence still diverges with the same signature. */
export async function shrink(ops, box, sig, where = "memory") {
  let cur = ops
  let changed = true
  while (changed) {
    changed = false
    for (let i = cur.length - 1; i >= 0; i--) {
      const cand = cur.slice(0, i).concat(cur.slice(i + 1))
      const [n] = await runNode([cand])
      const [s] = await box.run([cand])
      if (firstDifference(n, s) >= 0 && signature(cand, n, s, where) === sig) {
        cur = cand
        changed = true
      }
    }
  }
  return cur
}

/** A readable script of a sequence (for reports). */
export function script(ops) {
  return ops.map((o) => `${o.kind === "cb" ? "cb:" : ""}${o.op}(${o.args.map((a) => JSON.stringify(a)).join(", ")})`).join("; ")
}

/**
 * Runs `count` sequences from `seed` and returns the divergences grouped by signature, each
 * with its first (shrunk) example.
 */
export async function fuzz({ seed = 1, count = 100, length = 20, profile = "valid", where = "memory", shrinkFailures = true, batch = 50 }) {
  const box = await openSandbox(where)
  const kinds = new Map()
  let diverging = 0
  try {
    for (let start = 0; start < count; start += batch) {
      const seqs = []
      for (let k = start; k < Math.min(count, start + batch); k++) seqs.push(generate(seed * 1_000_003 + k, { length, profile }))
      const nodeT = await runNode(seqs)
      const boxT = await box.run(seqs)
      for (let k = 0; k < seqs.length; k++) {
        if (firstDifference(nodeT[k], boxT[k]) < 0) continue
        diverging++
        const sig = signature(seqs[k], nodeT[k], boxT[k], where)
        const seen = kinds.get(sig)
        if (seen) {
          seen.count++
          continue
        }
        const small = shrinkFailures ? await shrink(seqs[k], box, sig, where) : seqs[k]
        const [n] = await runNode([small])
        const [s] = await box.run([small])
        const i = firstDifference(n, s)
        kinds.set(sig, {
          signature: sig,
          count: 1,
          seq: seed * 1_000_003 + start + k,
          script: script(small),
          node: n[i] ?? null,
          sandbox: s[i] ?? null,
        })
      }
    }
  } finally {
    box.dispose()
  }
  return { seed, count, length, profile, where, diverging, kinds: [...kinds.values()] }
}

async function main() {
  // an error Node throws from a callback after its sequence was given up on must not end a
  // long run: it is counted, not compared
  let strays = 0
  process.on("uncaughtException", () => {
    strays++
  })
  // an error of the harness itself taken as a stray would end the run with nothing said
  let finished = false
  process.on("exit", () => {
    if (finished) return
    console.error("fs fuzz: stopped before the end (an error was taken for a stray one)")
    process.exitCode = 1
  })
  const { values: o } = parseArgs({
    options: {
      seed: { type: "string", default: "1" },
      count: { type: "string", default: "200" },
      length: { type: "string", default: "20" },
      profile: { type: "string", default: "valid" },
      where: { type: "string", default: "memory" },
      json: { type: "string" },
      "no-shrink": { type: "boolean", default: false },
    },
  })
  const r = await fuzz({
    seed: Number(o.seed),
    count: Number(o.count),
    length: Number(o.length),
    profile: o.profile,
    where: o.where,
    shrinkFailures: !o["no-shrink"],
  })
  for (const k of r.kinds) {
    console.log(
      `\n${k.signature}  (x${k.count}, seq ${k.seq})\n  ${k.script}\n  node:    ${JSON.stringify(k.node)}\n  sandbox: ${JSON.stringify(k.sandbox)}`,
    )
  }
  console.log(
    `\n${r.diverging} of ${r.count} ${r.profile} sequences diverge (${r.where}), ${r.kinds.length} kinds${strays ? `; ${strays} stray errors in Node` : ""}`,
  )
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(r, null, 2))
  finished = true
}

if (process.argv[1] && new URL(import.meta.url).pathname === fs.realpathSync(process.argv[1])) await main()
