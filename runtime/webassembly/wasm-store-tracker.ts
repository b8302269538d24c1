// Rewrites a WebAssembly binary so that every write to its (single) linear memory widens one of
// two [lo, hi] byte ranges kept in exported globals: the first for writes starting below a split
// address the host sets, the second for the others (a program's stack and its heap's top are far
// apart: one range over both would span most of the memory). The guest-WebAssembly bridge resets
// them at each crossing and then only copies what the module really wrote, instead of a whole
// memory of up to 4 GiB. Anything the decoder is not sure about makes it give up (undefined): a
// wrong rewrite would silently miss writes, no rewrite only costs time.

const GLOBAL_NAMES = ["lo", "hi", "lo2", "hi2", "split"] as const
type TrackedNames = Record<(typeof GLOBAL_NAMES)[number], string>
export type GlobalIndices = Record<(typeof GLOBAL_NAMES)[number], number>

export interface TrackedModule extends TrackedNames {
  // ArrayBuffer-backed, so it goes to WebAssembly.Module / instantiate as it is
  bytes: Uint8Array<ArrayBuffer>
}

import { Reader, Writer } from "./wasm-binary"
import { FunctionRewriter, I32 } from "./wasm-function-rewriter"

// Section ids in the order the binary format requires (custom sections, id 0, go anywhere).
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 }
const GLOBAL_SECTION = 6
const EXPORT_SECTION = 7
const CODE_SECTION = 10

interface Section {
  id: number
  /** Offset of the id byte, of the content, and the end of the content. */
  at: number
  start: number
  end: number
}

/** The module rewritten so that exported mutable i32 globals, named `lo` and `hi`, hold the
 * lowest and highest (inclusive) byte address of memory 0 written since the host last set them
 * by writes starting below the global `split`, and `lo2`, `hi2` those of the others. "Clean" is
 * lo > hi (unsigned), the host resets with lo = 0xFFFFFFFF, hi = 0. Initial values: lo = 0,
 * hi = 0xFFFFFFFF ("everything may have changed": data segments, start fn), lo2/hi2 clean,
 * split = 0xFFFFFFFF.
 * undefined when the module cannot or need not be tracked: no memory (defined or imported), more
 * than one memory, a 64-bit memory, an opcode the decoder does not know, malformed input, a
 * memory that starts smaller than `minPages` (copying all of a small memory costs less than
 * counting every store), or code larger than `codePerMemory` times the memory's initial size
 * (the rewritten code is about twice as large, and the engine compiles it: for esbuild-wasm,
 * 9 MB of code and a 20 MiB memory, that cost three times what comparing saved). */
export function trackStores(bytes: Uint8Array, minPages = 0, codePerMemory = Infinity): TrackedModule | undefined {
  try {
    return rewrite(bytes, minPages, codePerMemory)
  } catch {
    // Malformed, or input odd enough to break a typed-array call: either way, not tracked
    return undefined
  }
}

function rewrite(bytes: Uint8Array, minPages: number, codePerMemory: number): TrackedModule | undefined {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
  if (bytes.length < 8 || header.some((b, i) => bytes[i] !== b)) return undefined
  const r = new Reader(bytes)
  r.pos = 8
  const sections: Section[] = []
  const paramCounts: number[] = []
  let funcTypes: number[] = []
  let memories = 0
  let memoryPages = 0
  let importedGlobals = 0
  let definedGlobals = 0
  const exportNames = new Set<string>()
  let lastRank = 0
  while (r.pos < bytes.length) {
    const at = r.pos
    const id = r.byte()
    const size = r.u32()
    const start = r.pos
    const end = start + size
    if (end > bytes.length) return undefined
    if (id !== 0) {
      const rank = SECTION_RANK[id]
      if (rank === undefined || rank <= lastRank) return undefined
      lastRank = rank
    }
    sections.push({ id, at, start, end })
    r.end = end
    switch (id) {
      case 1: // type
        for (let n = r.u32(); n > 0; n--) {
          if (r.byte() !== 0x60) return undefined // GC types: rec, sub, struct, array
          const params = r.u32()
          for (let i = 0; i < params; i++) r.valType()
          for (let i = r.u32(); i > 0; i--) r.valType()
          paramCounts.push(params)
        }
        break
      case 2: // import
        for (let n = r.u32(); n > 0; n--) {
          r.name()
          r.name()
          const kind = r.byte()
          if (kind === 0) r.skipLeb()
          else if (kind === 1) {
            r.valType()
            r.limits()
          } else if (kind === 2) {
            if (r.limits() & 4) return undefined // memory64
            if (r.min < minPages) return undefined
            memoryPages = r.min
            memories++
          } else if (kind === 3) {
            r.valType()
            r.byte()
            importedGlobals++
          } else if (kind === 4) {
            r.byte()
            r.skipLeb()
          } else return undefined
        }
        break
      case 3: // function
        funcTypes = []
        for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32())
        break
      case 5: // memory
        for (let n = r.u32(); n > 0; n--) {
          if (r.limits() & 4) return undefined
          if (r.min < minPages) return undefined
          memoryPages = r.min
          memories++
        }
        break
      case GLOBAL_SECTION:
        definedGlobals = r.u32()
        r.pos = end
        break
      case EXPORT_SECTION:
        for (let n = r.u32(); n > 0; n--) {
          exportNames.add(r.name())
          r.byte()
          r.skipLeb()
        }
        break
      default:
        r.pos = end
    }
    if (r.pos !== end) return undefined
    r.end = bytes.length
  }
  if (memories !== 1) return undefined
  const code = sections.find((x) => x.id === CODE_SECTION)
  if (code && code.end - code.start > codePerMemory * memoryPages * 65536) return undefined

  let suffix = ""
  const taken = () => GLOBAL_NAMES.some((n) => exportNames.has(`__qjsw_store_${n}${suffix}`))
  for (let i = 1; taken(); i++) suffix = String(i)
  const names = Object.fromEntries(GLOBAL_NAMES.map((n) => [n, `__qjsw_store_${n}${suffix}`])) as TrackedNames
  const first = importedGlobals + definedGlobals
  const indices = Object.fromEntries(GLOBAL_NAMES.map((n, i) => [n, first + i])) as GlobalIndices

  const out = new Writer(bytes.length + (bytes.length >> 2) + 64)
  out.bytes(bytes, 0, 8)
  const content = new Writer(64)
  const globals = (s?: Section) => {
    content.len = 0
    content.u32(definedGlobals + GLOBAL_NAMES.length)
    if (s) content.bytes(bytes, r.pos, s.end)
    // mutable i32s: lo 0, hi -1 (all of memory may have been written), lo2 -1, hi2 0 (nothing),
    // split -1 (every address below it)
    for (const init of [0x00, 0x7f, 0x7f, 0x00, 0x7f]) content.bytes(new Uint8Array([I32, 1, 0x41, init, 0x0b]))
    out.section(GLOBAL_SECTION, content)
  }
  const exports = (s?: Section) => {
    content.len = 0
    content.u32(exportNames.size + GLOBAL_NAMES.length)
    if (s) content.bytes(bytes, r.pos, s.end)
    for (const n of GLOBAL_NAMES) {
      content.name(names[n])
      content.byte(0x03)
      content.u32(indices[n])
    }
    out.section(EXPORT_SECTION, content)
  }
  let globalsDone = false
  let exportsDone = false
  const rewriter = new FunctionRewriter(indices)
  const body = new Reader(bytes)
  for (const s of sections) {
    const rank = s.id === 0 ? 0 : SECTION_RANK[s.id]
    if (!globalsDone && rank > SECTION_RANK[GLOBAL_SECTION]) {
      globals()
      globalsDone = true
    }
    if (!exportsDone && rank > SECTION_RANK[EXPORT_SECTION]) {
      exports()
      exportsDone = true
    }
    r.pos = s.start
    r.end = s.end
    if (s.id === GLOBAL_SECTION) {
      r.u32()
      globals(s)
      globalsDone = true
    } else if (s.id === EXPORT_SECTION) {
      // duplicate export names are invalid, so the set's size is the count
      if (r.u32() !== exportNames.size) return undefined
      exports(s)
      exportsDone = true
    } else if (s.id === CODE_SECTION) {
      const count = r.u32()
      if (count !== funcTypes.length) return undefined
      content.len = 0
      content.u32(count)
      for (let i = 0; i < count; i++) {
        const size = r.u32()
        const start = r.pos
        r.pos += size
        if (r.pos > s.end) return undefined
        const params = paramCounts[funcTypes[i]]
        if (params === undefined) return undefined
        rewriter.rewrite(body, start, r.pos, params, content)
      }
      if (r.pos !== s.end) return undefined
      out.section(CODE_SECTION, content)
    } else {
      out.bytes(bytes, s.at, s.end)
    }
  }
  if (!globalsDone) globals()
  if (!exportsDone) exports()
  return { bytes: out.result(), ...names }
}
