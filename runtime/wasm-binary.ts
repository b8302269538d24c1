// What the sandbox changes in a guest's Wasm binary for its limits: the maximum of each memory it
// defines, capped at what the sandbox's memory limit allows, so that a memory.grow inside the
// module fails (returns -1) past it, as an allocation failure does, instead of growing host
// memory nobody counts. Anything the parser does not understand is left to the engine, which
// rejects it with its own CompileError.
const MEMORY_SECTION = 5

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0
  let shift = 0
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    value += (bytes[i] & 0x7f) * 2 ** shift
    shift += 7
    if ((bytes[i] & 0x80) === 0) return [value, i + 1]
  }
  return [-1, bytes.length]
}

function leb(value: number): number[] {
  const out: number[] = []
  do {
    let b = value % 128
    value = Math.floor(value / 128)
    if (value > 0) b |= 0x80
    out.push(b)
  } while (value > 0)
  return out
}

export interface MemoryCap {
  bytes: Uint8Array<ArrayBuffer>
  /** Pages the module's own memories take when it is instantiated. */
  initialPages: number
}

/** `bytes` with every defined 32-bit memory's maximum at most `maxPages`. */
export function capMemories(bytes: Uint8Array<ArrayBuffer>, maxPages: number): MemoryCap {
  if (bytes.length < 8) return { bytes, initialPages: 0 }
  let at = 8
  while (at < bytes.length) {
    const id = bytes[at]
    const [size, start] = readLeb(bytes, at + 1)
    if (size < 0 || start + size > bytes.length) break
    if (id === MEMORY_SECTION) {
      const out: number[] = []
      let [count, p] = readLeb(bytes, start)
      out.push(...leb(count))
      let initialPages = 0
      for (; count > 0; count--) {
        const flags = bytes[p]
        // shared (2) and 64-bit (4) memories: left as they are
        if (flags > 1) return { bytes, initialPages: 0 }
        const [min, q] = readLeb(bytes, p + 1)
        let max = maxPages
        let next = q
        if (flags === 1) {
          const [declared, r] = readLeb(bytes, q)
          max = Math.min(declared, maxPages)
          next = r
        }
        if (min < 0 || next > start + size) return { bytes, initialPages: 0 }
        initialPages += min
        out.push(1, ...leb(min), ...leb(Math.max(max, min)))
        p = next
      }
      if (p !== start + size) return { bytes, initialPages: 0 }
      const section = [MEMORY_SECTION, ...leb(out.length), ...out]
      const result = new Uint8Array(at + section.length + bytes.length - p)
      result.set(bytes.subarray(0, at))
      result.set(section, at)
      result.set(bytes.subarray(p), at + section.length)
      return { bytes: result, initialPages }
    }
    at = start + size
  }
  return { bytes, initialPages: 0 }
}
