// The rewriting of one function body for wasm-store-tracker.ts: the opcode table that decodes its
// instructions, and the code inserted around each memory write to widen the written ranges.
import { fail, Reader, Writer } from "./wasm-binary"
import type { GlobalIndices } from "./wasm-store-tracker"

export const I32 = 0x7f
const I64 = 0x7e
const F32 = 0x7d
const F64 = 0x7c
const V128 = 0x7b

// Access size and value type of the 7-op atomic groups (store, each rmw, cmpxchg):
// i32, i64, i32 8-bit, i32 16-bit, i64 8-bit, i64 16-bit, i64 32-bit.
const ATOMIC_SIZE = [4, 8, 1, 2, 1, 2, 4]
const ATOMIC_TYPE = [I32, I64, I32, I32, I64, I64, I64]
// 0x36..0x3E
const STORE_SIZE = [4, 8, 4, 8, 1, 2, 1, 2, 4]
const STORE_TYPE = [I32, I64, F32, F64, I32, I32, I64, I64, I64]

// Immediates of the one-byte opcodes.
const NONE = 0
const LEB = 1
const LEB2 = 2
const BLOCK = 3
const MEMARG = 4
const STORE = 5
const BR_TABLE = 6
const SELECT_T = 7
const BYTES4 = 8
const BYTES8 = 9
const PREFIX_FC = 10
const PREFIX_FD = 11
const PREFIX_FE = 12
const TRY_TABLE = 13
const HEAP_TYPE = 14
const UNKNOWN = 255

const OPCODES = new Uint8Array(256).fill(UNKNOWN)
{
  const set = (from: number, to: number, kind: number) => OPCODES.fill(kind, from, to + 1)
  set(0x00, 0x01, NONE) // unreachable nop
  set(0x02, 0x04, BLOCK) // block loop if
  set(0x05, 0x05, NONE) // else
  set(0x06, 0x06, BLOCK) // try
  set(0x07, 0x09, LEB) // catch throw rethrow
  set(0x0a, 0x0b, NONE) // throw_ref end
  set(0x0c, 0x0d, LEB) // br br_if
  set(0x0e, 0x0e, BR_TABLE)
  set(0x0f, 0x0f, NONE) // return
  set(0x10, 0x10, LEB) // call
  set(0x11, 0x11, LEB2) // call_indirect
  set(0x12, 0x12, LEB) // return_call
  set(0x13, 0x13, LEB2) // return_call_indirect
  set(0x18, 0x18, LEB) // delegate
  set(0x19, 0x1b, NONE) // catch_all drop select
  set(0x1c, 0x1c, SELECT_T)
  set(0x1f, 0x1f, TRY_TABLE)
  set(0x20, 0x26, LEB) // local.* global.* table.get table.set
  set(0x28, 0x35, MEMARG)
  set(0x36, 0x3e, STORE)
  set(0x3f, 0x40, LEB) // memory.size memory.grow
  set(0x41, 0x42, LEB) // i32.const i64.const
  set(0x43, 0x43, BYTES4)
  set(0x44, 0x44, BYTES8)
  set(0x45, 0xc4, NONE) // numeric, sign extension
  set(0xd0, 0xd0, HEAP_TYPE) // ref.null
  set(0xd1, 0xd1, NONE) // ref.is_null
  set(0xd2, 0xd2, LEB) // ref.func
  set(0xfc, 0xfc, PREFIX_FC)
  set(0xfd, 0xfd, PREFIX_FD)
  set(0xfe, 0xfe, PREFIX_FE)
}

// Temp locals a function may need, in slot order: the address (or dst) and the operands saved
// around a write. Allocated on first use so a function only gets those it needs.
const SLOT_ADDR = 0
const SLOT_I32 = 1
const SLOT_I32B = 2
const SLOT_I64 = 3
const SLOT_I64B = 4
const SLOT_F32 = 5
const SLOT_F64 = 6
const SLOT_V128 = 7
const SLOT_TYPE = [I32, I32, I32, I64, I64, F32, F64, V128]
const VALUE_SLOT: Record<number, number> = { [I32]: SLOT_I32, [I64]: SLOT_I64, [F32]: SLOT_F32, [F64]: SLOT_F64, [V128]: SLOT_V128 }
const SECOND_SLOT: Record<number, number> = { [I32]: SLOT_I32B, [I64]: SLOT_I64B }

/** Rewrites function bodies so that each write to memory 0 widens the ranges in globals `g`. */
export class FunctionRewriter {
  private readonly code = new Writer(1 << 16)
  private readonly decl = new Writer(64)
  private slots = new Int32Array(8)
  private added: number[] = []
  private base = 0
  private copied = 0
  private src!: Uint8Array

  constructor(private readonly g: GlobalIndices) {}

  /** Rewrites the body in [start, end) of `r.buf` into `out` (size LEB included). */
  rewrite(r: Reader, start: number, end: number, params: number, out: Writer): void {
    const buf = r.buf
    this.src = buf
    r.pos = start
    r.end = end
    let groups = r.u32()
    const firstGroup = r.pos
    let locals = params
    for (let i = 0; i < groups; i++) {
      locals += r.u32()
      r.valType()
    }
    if (locals > 50000) fail() // engines' limit; also keeps garbage counts out
    const groupsEnd = r.pos
    this.base = locals
    this.slots.fill(-1)
    this.added.length = 0
    this.code.len = 0
    this.copied = groupsEnd
    this.walk(r, end)
    if (this.added.length === 0) {
      out.u32(end - start)
      out.bytes(buf, start, end)
      return
    }
    this.flush(end)
    const added = this.added
    let extra = 0
    for (let i = 0; i < added.length; i++) if (i === 0 || added[i] !== added[i - 1]) extra++
    const decl = this.decl
    decl.len = 0
    decl.u32(groups + extra)
    decl.bytes(buf, firstGroup, groupsEnd)
    for (let i = 0; i < added.length;) {
      let j = i
      while (j < added.length && added[j] === added[i]) j++
      decl.u32(j - i)
      decl.byte(added[i])
      i = j
    }
    out.u32(decl.len + this.code.len)
    out.bytes(decl.buf, 0, decl.len)
    out.bytes(this.code.buf, 0, this.code.len)
  }

  private slot(s: number): number {
    let index = this.slots[s]
    if (index < 0) {
      index = this.base + this.added.length
      this.slots[s] = index
      this.added.push(SLOT_TYPE[s])
    }
    return index
  }

  private flush(upTo: number): void {
    this.code.bytes(this.src, this.copied, upTo)
    this.copied = upTo
  }

  private get(local: number): void {
    this.code.byte(0x20)
    this.code.u32(local)
  }

  private set(local: number): void {
    this.code.byte(0x21)
    this.code.u32(local)
  }

  // Saves the operands of the instruction at [at, next) into the locals of slots a, b (and c),
  // re-pushes them, then copies the instruction itself.
  private around(at: number, next: number, a: number, b: number, c = -1): void {
    this.flush(at)
    const la = this.slot(a)
    const lb = this.slot(b)
    const lc = c < 0 ? -1 : this.slot(c)
    if (lc >= 0) this.set(lc)
    this.set(lb)
    this.set(la)
    this.get(la)
    this.get(lb)
    if (lc >= 0) this.get(lc)
    this.flush(next)
  }

  // global[g] = (local <op>_u global[g]) ? local : global[g], with `local` already on the stack
  private widen(local: number, global: number, cmp: number): void {
    const c = this.code
    c.byte(0x23)
    c.u32(global)
    this.get(local)
    c.byte(0x23)
    c.u32(global)
    c.byte(cmp)
    c.byte(0x1b) // select
    c.byte(0x24)
    c.u32(global)
  }

  // Widens the range of the write starting at `local` (first byte) and ending `last` bytes further
  // (a constant) or at `last` (a local, then `lastIsLocal`): the first range below the split,
  // the second at or above it. `local` is clobbered.
  private record(local: number, last: number, lastIsLocal: boolean): void {
    const c = this.code
    this.get(local)
    c.byte(0x23)
    c.u32(this.g.split)
    c.byte(0x49) // i32.lt_u
    c.byte(0x04) // if
    c.byte(0x40)
    this.widenRange(local, last, lastIsLocal, this.g.lo, this.g.hi)
    c.byte(0x05) // else
    this.widenRange(local, last, lastIsLocal, this.g.lo2, this.g.hi2)
    c.byte(0x0b)
  }

  private widenRange(local: number, last: number, lastIsLocal: boolean, lo: number, hi: number): void {
    const c = this.code
    this.get(local)
    this.widen(local, lo, 0x49) // i32.lt_u
    if (lastIsLocal) this.get(last)
    else this.get(local)
    if (!lastIsLocal && last > 0) {
      c.byte(0x41)
      c.s32(last)
      c.byte(0x6a)
    }
    c.byte(0x22) // local.tee
    c.u32(local)
    this.widen(local, hi, 0x4b) // i32.gt_u
  }

  private store(at: number, next: number, offset: number, size: number, type: number, second = false): void {
    this.around(at, next, SLOT_ADDR, VALUE_SLOT[type], second ? SECOND_SLOT[type] : -1)
    const addr = this.slots[SLOT_ADDR]
    const c = this.code
    if (offset !== 0) {
      this.get(addr)
      c.byte(0x41)
      c.s32(offset)
      c.byte(0x6a) // i32.add
      this.set(addr)
    }
    this.record(addr, size - 1, false)
  }

  private bulk(at: number, next: number): void {
    this.around(at, next, SLOT_ADDR, SLOT_I32, SLOT_I32B)
    const dst = this.slots[SLOT_ADDR]
    const n = this.slots[SLOT_I32B]
    const c = this.code
    this.get(n)
    c.byte(0x04) // if: n == 0 writes nothing, and dst + n - 1 would be wrong
    c.byte(0x40)
    this.get(dst)
    this.get(n)
    c.byte(0x6a)
    c.byte(0x41)
    c.byte(0x01)
    c.byte(0x6b) // i32.sub
    this.set(n)
    this.record(dst, n, true)
    c.byte(0x0b)
  }

  // memarg: returns the static offset; only memory 0 exists
  private memarg(r: Reader): number {
    const align = r.u32()
    if (align & 0x40 && r.u32() !== 0) fail()
    return r.u32()
  }

  private walk(r: Reader, end: number): void {
    const buf = r.buf
    while (r.pos < end) {
      const at = r.pos
      const op = buf[r.pos++]
      switch (OPCODES[op]) {
        case NONE:
          break
        case LEB:
          r.skipLeb()
          break
        case LEB2:
          r.skipLeb()
          r.skipLeb()
          break
        case BLOCK:
          r.blockType()
          break
        case MEMARG:
          this.memarg(r)
          break
        case STORE: {
          const offset = this.memarg(r)
          this.store(at, r.pos, offset, STORE_SIZE[op - 0x36], STORE_TYPE[op - 0x36])
          break
        }
        case BR_TABLE: {
          const n = r.u32()
          for (let i = 0; i <= n; i++) {
            r.skipLeb()
            if (r.pos > end) fail()
          }
          break
        }
        case SELECT_T: {
          const n = r.u32()
          for (let i = 0; i < n; i++) r.valType()
          break
        }
        case BYTES4:
          r.pos += 4
          break
        case BYTES8:
          r.pos += 8
          break
        case TRY_TABLE: {
          r.blockType()
          const n = r.u32()
          for (let i = 0; i < n; i++) {
            const kind = r.byte()
            if (kind > 3) fail()
            if (kind < 2) r.skipLeb()
            r.skipLeb()
          }
          break
        }
        case HEAP_TYPE: {
          const b = buf[r.pos]
          if (b === 0x70 || b === 0x6f || b === 0x69) r.pos++
          else if (!r.s33IsIndex()) fail()
          break
        }
        case PREFIX_FC:
          this.prefixFC(r, at)
          break
        case PREFIX_FD:
          this.prefixFD(r, at)
          break
        case PREFIX_FE:
          this.prefixFE(r, at)
          break
        default:
          fail()
      }
    }
    if (r.pos !== end || buf[end - 1] !== 0x0b) fail()
  }

  private prefixFC(r: Reader, at: number): void {
    const sub = r.u32()
    if (sub <= 7) return // saturating truncations
    switch (sub) {
      case 8: // memory.init data mem
        r.skipLeb()
        if (r.u32() !== 0) fail()
        this.bulk(at, r.pos)
        return
      case 10: // memory.copy mem mem
        if (r.u32() !== 0 || r.u32() !== 0) fail()
        this.bulk(at, r.pos)
        return
      case 11: // memory.fill mem
        if (r.u32() !== 0) fail()
        this.bulk(at, r.pos)
        return
      case 9: // data.drop
      case 13: // elem.drop
      case 15: // table.grow
      case 16: // table.size
      case 17: // table.fill
        r.skipLeb()
        return
      case 12: // table.init
      case 14: // table.copy
        r.skipLeb()
        r.skipLeb()
        return
      default:
        fail()
    }
  }

  private prefixFD(r: Reader, at: number): void {
    const sub = r.u32()
    if (sub <= 10 || sub === 92 || sub === 93)
      this.memarg(r) // loads
    else if (sub === 11) {
      const offset = this.memarg(r)
      this.store(at, r.pos, offset, 16, V128)
    } else if (sub === 12 || sub === 13)
      r.pos += 16 // v128.const, i8x16.shuffle
    else if (sub >= 21 && sub <= 34)
      r.pos++ // extract/replace lane
    else if (sub >= 84 && sub <= 87) {
      this.memarg(r) // load lane
      r.pos++
    } else if (sub >= 88 && sub <= 91) {
      const offset = this.memarg(r)
      r.pos++ // lane
      this.store(at, r.pos, offset, 1 << (sub - 88), V128)
    } else if (sub > 0x113) fail() // past relaxed SIMD
  }

  private prefixFE(r: Reader, at: number): void {
    const sub = r.u32()
    if (sub === 3) {
      if (r.byte() !== 0) fail() // atomic.fence
    } else if (sub <= 2 || (sub >= 0x10 && sub <= 0x16))
      this.memarg(r) // notify, wait, loads
    else if (sub >= 0x17 && sub <= 0x4e) {
      const offset = this.memarg(r)
      const k = (sub - 0x17) % 7
      this.store(at, r.pos, offset, ATOMIC_SIZE[k], ATOMIC_TYPE[k], sub >= 0x48)
    } else fail()
  }
}
