#!/usr/bin/env node
// Generates, from the QuickJSFFI interface that @jitl/quickjs-ffi-types declares:
//   runtime/generated/ffi.ts  the FFI class quickjs-emscripten-core instantiates (cwrap per QTS_*)
//   <out>/exports.json        EXPORTED_FUNCTIONS for emcc
// so the C side, the list of exports and the TS class cannot drift from the declared interface;
// and, from our C headers, the values both sides of a contract use:
//   runtime/generated/native.ts      for the host's TypeScript
//   <out>/native_constants.js        a --js-library for the Emscripten glue (native/glue/*.js)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const [outDir, tsOut] = process.argv.slice(2)
if (!outDir || !tsOut) {
  console.error("usage: gen-ffi.mjs <exports-dir> <ffi.ts>")
  process.exit(2)
}
const require = createRequire(import.meta.url)
const dts = readFileSync(join(dirname(require.resolve("@jitl/quickjs-ffi-types/package.json")), "dist/index.d.ts"), "utf8")
const body = dts.match(/interface QuickJSFFI \{([\s\S]*?)\n\}/)
if (!body) throw new Error("QuickJSFFI interface not found in @jitl/quickjs-ffi-types")

const fns = []
for (const line of body[1].split("\n")) {
  const m = line.match(/^\s*(QTS_\w+): \((.*)\) => (.+);$/)
  if (!m) continue
  const [, name, params, ret] = m
  const argTypes = params
    ? params.split(/, (?=\w+: )/).map((p) => {
        const type = p.slice(p.indexOf(":") + 1).trim()
        return type === "string" ? "string" : type === "boolean" ? "boolean" : "number"
      })
    : []
  fns.push({ name, argTypes, ret: ret.trim() === "void" ? null : "number" })
}
if (fns.length < 60) throw new Error(`only ${fns.length} QTS_ functions parsed`)

// Our own exports beyond the QuickJSFFI interface (declared in native/*/*.h), reached from
// runtime/ through the same FFI object: module.getFFI().qjsw_mount(...).
const extras = [
  // native/wasmfs/mounts.h: int qjsw_mount(int host_id, const char *host_dir, const char *guest, int readonly)
  {
    name: "qjsw_mount",
    argTypes: ["number", "string", "string", "number"],
    ret: "number",
    type: "(hostId: number, hostDir: string, guest: string, readonly: number) => number",
  },
  { name: "qjsw_unmount", argTypes: ["string"], ret: "number", type: "(guest: string) => number" },
  // native/bindings/uv.h: const char *qjsw_errno_name(int wasi_errno)
  { name: "qjsw_errno_name", argTypes: ["number"], ret: "string", type: "(errno: number) => string" },
  // native/bindings/uv.h: int qjsw_uv_errno(int wasi_errno), Node's (negative) errno for it
  { name: "qjsw_uv_errno", argTypes: ["number"], ret: "number", type: "(errno: number) => number" },
  // native/journal/journal.h: the host's reader of the change journal, and changes the host saw
  { name: "qjsw_journal_watch", argTypes: ["number", "number"], ret: null, type: "(reader: number, on: number) => void" },
  { name: "qjsw_journal_drain", argTypes: ["number"], ret: "number", type: "(reader: number) => number" },
  {
    name: "qjsw_journal_record",
    argTypes: ["number", "string", "string"],
    ret: null,
    type: "(type: number, path: string, oldPath: string | null) => void",
  },
  // native/wasmfs/storage.h: the in-memory tree's storage bound (bytes; -1: none)
  { name: "qjsw_storage_set_limit", argTypes: ["number"], ret: null, type: "(limit: number) => void" },
  { name: "qjsw_storage_used", argTypes: [], ret: "number", type: "() => number" },
  { name: "qjsw_storage_limit", argTypes: [], ret: "number", type: "() => number" },
  { name: "qjsw_journal_active", argTypes: [], ret: "number", type: "() => number" },
  // native/loader/module_loader.c: the host's one boot window for qjsw: ids in a fresh context
  // native/fs/process_cwd.c: WasmFS's working directory ("" when it cannot be read), and chdir
  { name: "qjsw_cwd_get", argTypes: [], ret: "string", type: "() => string" },
  { name: "qjsw_cwd_set", argTypes: ["string"], ret: "number", type: "(path: string) => number" },
  // native/ffi/qts_values.c: 1 Array, 2 ArrayBuffer, 0 else, by class (no JS runs)
  { name: "qjsw_value_kind", argTypes: ["number", "number"], ret: "number", type: "(ctx: number, value: number) => number" },
  { name: "qjsw_internals_boot", argTypes: ["number", "number"], ret: "number", type: "(ctx: number, open: number) => number" },
  // native/wasmfs/stdio.cpp: fds 0-2 and /dev/std* back on the guest's streams (each run starts so)
  { name: "qjsw_stdio_reset", argTypes: [], ret: null, type: "() => void" },
  // native/ffi/qts_runtime.c: a child sandbox's runtime within its parent's stack budget
  {
    name: "qjsw_runtime_share_stack",
    argTypes: ["number", "number", "number"],
    ret: "number",
    type: "(child: number, parent: number, min: number) => number",
  },
  // native/ffi/qts_values.c, native/ffi/qts_runtime.c: a guest WebAssembly.Memory's buffer in place, what guest code wrote to it,
  // its detaching, and what a runtime's allocations take (runtime/webassembly/memory-mirror.ts; the allocations: webassembly.ts)
  {
    name: "qjsw_array_buffer_data",
    argTypes: ["number", "number", "number"],
    ret: "number",
    type: "(ctx: number, value: number, out: number) => number",
  },
  { name: "qjsw_array_buffer_track", argTypes: ["number", "number"], ret: "number", type: "(ctx: number, value: number) => number" },
  {
    name: "qjsw_array_buffer_take_writes",
    argTypes: ["number", "number", "number"],
    ret: "number",
    type: "(ctx: number, value: number, out: number) => number",
  },
  { name: "qjsw_array_buffer_detach", argTypes: ["number", "number"], ret: null, type: "(ctx: number, value: number) => void" },
  { name: "qjsw_runtime_malloc_size", argTypes: ["number"], ret: "number", type: "(rt: number) => number" },
]

mkdirSync(outDir, { recursive: true })
writeFileSync(
  join(outDir, "exports.json"),
  JSON.stringify([...fns.map((f) => `_${f.name}`), ...extras.map((f) => `_${f.name}`), "_malloc", "_free"]) + "\n",
)

const q = (s) => JSON.stringify(s)
const ts = `// Generated by scripts/gen-ffi.mjs from @jitl/quickjs-ffi-types; do not edit.
import type { QuickJSEmscriptenModule, QuickJSFFI as FFI } from "@jitl/quickjs-ffi-types"

export class QuickJSFFI implements FFI {
  readonly DEBUG = false
${fns.map((f) => `  readonly ${f.name}: FFI[${q(f.name)}]`).join("\n")}
${extras.map((f) => `  readonly ${f.name}: ${f.type}`).join("\n")}

  constructor(module: QuickJSEmscriptenModule) {
${[...fns, ...extras].map((f) => `    this.${f.name} = module.cwrap(${q(f.name)}, ${q(f.ret)}, ${JSON.stringify(f.argTypes)})`).join("\n")}
  }
}
`
mkdirSync(dirname(tsOut), { recursive: true })
writeFileSync(tsOut, ts)

// The values of our C headers that the host's code needs too.
const header = (name) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../native", name), "utf8")
const journal = header("journal/journal.h")
const changes = [...journal.matchAll(/QJSW_CHANGE_([A-Z]+) = (\d+)/g)].map(([, n, v]) => [n.toLowerCase(), Number(v)])
const hostReader = /QJSW_JOURNAL_HOST = (\d+)/.exec(journal)?.[1]
const noOldPath = /#define QJSW_JOURNAL_NO_OLD_PATH (0x[0-9A-Fa-f]+)u/.exec(journal)?.[1]
const mounts = header("wasmfs/mount_internal.h")
const pending = /#define QJSW_HOST_PENDING \((-?\d+)\)/.exec(mounts)?.[1]
const statFields = /struct HostStat \{\s*double ([^;]+);/
  .exec(mounts)?.[1]
  .split(",")
  .map((f) => f.trim())
if (changes.length !== 5 || hostReader === undefined || noOldPath === undefined || pending === undefined || statFields?.length !== 8) {
  throw new Error("gen-ffi: native/journal/journal.h or native/wasmfs/mount_internal.h no longer declares what it parses")
}
writeFileSync(
  join(dirname(tsOut), "native.ts"),
  `// Generated by scripts/gen-ffi.mjs from native/journal/journal.h and native/wasmfs/mount_internal.h; do not edit.
/** The change journal's change types (QJSW_CHANGE_*), by name. */
export const CHANGE_TYPES = ${JSON.stringify(Object.fromEntries(changes))} as const
export type ChangeType = keyof typeof CHANGE_TYPES
/** The same, by number. */
export const CHANGE_NAMES: Record<number, ChangeType | undefined> = ${JSON.stringify(Object.fromEntries(changes.map(([n, v]) => [v, n])))}
/** The journal's reader for the host (QJSW_JOURNAL_HOST). */
export const JOURNAL_HOST_READER = ${hostReader}
/** A drained record's old path length when it has none (QJSW_JOURNAL_NO_OLD_PATH). */
export const JOURNAL_NO_OLD_PATH = ${noOldPath}
/** A mount host's stat, in the order of struct HostStat's fields. */
export const HOST_STAT_FIELDS = ${JSON.stringify(statFields)} as const
`,
)
writeFileSync(
  join(outDir, "native_constants.js"),
  `// Generated by scripts/gen-ffi.mjs from native/wasmfs/mount_internal.h; do not edit.
addToLibrary({
  $QJSW_HOST_PENDING: ${pending},
  $QJSW_HOST_STAT_FIELDS: ${JSON.stringify(statFields)},
});
`,
)
console.error(`gen-ffi: ${fns.length} QTS_ functions`)
