// Seeded generator of fs operation sequences for the differential fuzzer (see execute.cjs for the
// encoding). Profile "valid": arguments of the right types (paths may be missing, fds closed,
// names too long: the errors are what Linux gives). Profile "mixed": some arguments of wrong
// types or out of range, where Node's validation answers before any syscall.
import { mulberry32 } from "../seeded-random.mjs"

const NAMES = ["a", "b", "c"]
const STRINGS = ["", "x", "hello", "ünï", "0123456789abcdef"]
const STRING_FLAGS = ["r", "r+", "rs+", "w", "wx", "w+", "wx+", "a", "ax", "a+", "ax+", "as", "as+"]
// O_RDONLY 0, O_WRONLY 1, O_RDWR 2, O_CREAT 64, O_EXCL 128, O_TRUNC 512, O_APPEND 1024,
// O_DIRECTORY 65536, O_NOFOLLOW 131072; 3 is no access mode at all
const NUMERIC_FLAGS = [0, 1, 2, 3, 65, 66, 194, 577, 578, 1089, 1090, 65536, 65600, 131072, 131138, 642]
// owner rwx always set: the runs are compared with Node as root and as a plain user alike
const MODES = [0o700, 0o755, 0o777, 0o744, 0o711, 0o2755, 0o1777, 0o4755]
const FILE_MODES = [0o600, 0o644, 0o666, 0o640, 0o755, 0o700]
const TIMES = [1e9, 1234567890, 1.5e9 + 0.25, 946684800]

export function rng(seed) {
  const next = mulberry32(seed >>> 0 || 1)
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (a) => a[Math.floor(next() * a.length)],
    chance: (p) => next() < p,
  }
}

const P = (p) => ({ $p: p })
const FD = (k) => ({ $fd: k })
const BUF = (s) => ({ $buf: Buffer.from(s).toString("base64") })

function pathOf(r) {
  const depth = 1 + r.int(r.chance(0.7) ? 2 : 3)
  const parts = []
  for (let i = 0; i < depth; i++) parts.push(r.pick(NAMES))
  let p = parts.join("/")
  if (r.chance(0.08)) p += r.pick(["/", "/.", "/..", "//"])
  if (r.chance(0.03)) p = r.pick(["", ".", "..", "a/../b", "./a"])
  if (r.chance(0.02)) p += "/" + "n".repeat(r.pick([255, 256, 300]))
  return P(p)
}

function dataOf(r) {
  const s = r.pick(STRINGS).repeat(1 + r.int(3))
  return r.chance(0.5) ? s : BUF(s)
}

function timeOf(r) {
  return r.chance(0.5) ? r.pick(TIMES) : { $date: r.pick(TIMES) * 1000 }
}

// Arguments of wrong types or values, for the mixed profile.
const BAD = [
  null,
  { $undef: 1 },
  { $nan: 1 },
  { $inf: 1 },
  -1,
  1.5,
  2 ** 32,
  "str",
  true,
  {},
  [],
  { $fn: 1 },
  { $big: "5" },
  { $date: "invalid" },
]

function sometimesBad(r, profile, value) {
  return profile === "mixed" && r.chance(0.12) ? r.pick(BAD) : value
}

const GENERATORS = [
  [6, (r) => ({ op: "mkdirSync", args: [pathOf(r), r.chance(0.5) ? { recursive: true } : r.chance(0.3) ? r.pick(MODES) : { $undef: 1 }] })],
  [
    7,
    (r) => ({
      op: "writeFileSync",
      args: [pathOf(r), dataOf(r), ...(r.chance(0.3) ? [{ flag: r.pick(STRING_FLAGS), mode: r.pick(FILE_MODES) }] : [])],
    }),
  ],
  [2, (r) => ({ op: "appendFileSync", args: [pathOf(r), dataOf(r)] })],
  [5, (r) => ({ op: "openSync", args: [pathOf(r), r.chance(0.6) ? r.pick(STRING_FLAGS) : r.pick(NUMERIC_FLAGS), r.pick(FILE_MODES)] })],
  [3, (r) => ({ op: "readSync", args: [FD(r.int(4)), BUF("\0".repeat(8)), r.int(3), r.int(6), r.chance(0.5) ? null : r.int(10)] })],
  [4, (r) => ({ op: "writeSync", args: [FD(r.int(4)), dataOf(r), ...(r.chance(0.5) ? [r.int(12)] : [])] })],
  [1, (r) => ({ op: "writevSync", args: [FD(r.int(4)), [BUF("ab"), BUF("cde")], ...(r.chance(0.5) ? [r.int(8)] : [])] })],
  [1, (r) => ({ op: "readvSync", args: [FD(r.int(4)), [BUF("\0\0\0"), BUF("\0\0")], ...(r.chance(0.5) ? [r.int(8)] : [])] })],
  [2, (r) => ({ op: "ftruncateSync", args: [FD(r.int(4)), r.int(20)] })],
  [2, (r) => ({ op: "truncateSync", args: [pathOf(r), r.int(20)] })],
  [3, (r) => ({ op: "closeSync", args: [FD(r.int(4))] })],
  [2, (r) => ({ op: "fstatSync", args: [FD(r.int(4))] })],
  [1, (r) => ({ op: "fsyncSync", args: [FD(r.int(4))] })],
  [1, (r) => ({ op: "fchmodSync", args: [FD(r.int(4)), r.pick(FILE_MODES)] })],
  [1, (r) => ({ op: "futimesSync", args: [FD(r.int(4)), timeOf(r), timeOf(r)] })],
  [5, (r) => ({ op: "renameSync", args: [pathOf(r), pathOf(r)] })],
  [3, (r) => ({ op: "unlinkSync", args: [pathOf(r)] })],
  [3, (r) => ({ op: "rmdirSync", args: [pathOf(r)] })],
  [2, (r) => ({ op: "rmSync", args: [pathOf(r), { recursive: r.chance(0.5), force: r.chance(0.5) }] })],
  [3, (r) => ({ op: "symlinkSync", args: [r.chance(0.5) ? r.pick(["a", "b", "../a", "c/b", "missing", "."]) : pathOf(r), pathOf(r)] })],
  [2, (r) => ({ op: "readlinkSync", args: [pathOf(r)] })],
  [2, (r) => ({ op: "realpathSync", args: [pathOf(r)] })],
  [2, (r) => ({ op: "chmodSync", args: [pathOf(r), r.pick(r.chance(0.5) ? MODES : FILE_MODES)] })],
  [2, (r) => ({ op: "utimesSync", args: [pathOf(r), timeOf(r), timeOf(r)] })],
  [2, (r) => ({ op: "copyFileSync", args: [pathOf(r), pathOf(r), ...(r.chance(0.3) ? [1] : [])] })],
  [1, (r) => ({ op: "cpSync", args: [pathOf(r), pathOf(r), { recursive: r.chance(0.7) }] })],
  [
    3,
    (r) => ({
      op: "readdirSync",
      args: [pathOf(r), ...(r.chance(0.6) ? [{ withFileTypes: r.chance(0.5), recursive: r.chance(0.5) }] : [])],
    }),
  ],
  [4, (r) => ({ op: r.pick(["statSync", "lstatSync"]), args: [pathOf(r), ...(r.chance(0.2) ? [{ throwIfNoEntry: false }] : [])] })],
  [2, (r) => ({ op: "existsSync", args: [pathOf(r)] })],
  [2, (r) => ({ op: "accessSync", args: [pathOf(r), ...(r.chance(0.5) ? [r.int(8)] : [])] })],
  [3, (r) => ({ op: "readFileSync", args: [pathOf(r), ...(r.chance(0.5) ? ["utf8"] : [])] })],
  [1, (r) => ({ op: "opendirSync", args: [pathOf(r)] })],
  [1, (r) => ({ op: "mkdtempSync", args: [{ $p: r.pick(["a/t-", "t-", "missing/t-"]) }] })],
  [1, (r) => ({ op: "readFile", kind: "cb", args: [pathOf(r), ...(r.chance(0.5) ? ["utf8"] : [])] })],
  [1, (r) => ({ op: "writeFile", kind: "cb", args: [pathOf(r), dataOf(r)] })],
  [1, (r) => ({ op: "stat", kind: "cb", args: [pathOf(r)] })],
  [1, (r) => ({ op: "promises.readFile", args: [pathOf(r), "utf8"] })],
  [1, (r) => ({ op: "promises.mkdir", args: [pathOf(r), { recursive: r.chance(0.5) }] })],
  [1, (r) => ({ op: "promises.rename", args: [pathOf(r), pathOf(r)] })],
  [1, (r) => ({ op: "promises.realpath", args: [pathOf(r)] })],
]
const TOTAL = GENERATORS.reduce((n, [w]) => n + w, 0)

function one(r, profile) {
  let k = r.int(TOTAL)
  for (const [w, g] of GENERATORS) {
    if (k < w) {
      const op = g(r)
      op.args = op.args.map((a) => sometimesBad(r, profile, a))
      return op
    }
    k -= w
  }
  throw new Error("unreachable")
}

/** A sequence: a few setup steps that make a tree to work on, then random operations. */
export function generate(seed, { length = 20, profile = "valid" } = {}) {
  const r = rng(seed)
  const ops = []
  if (r.chance(0.8)) ops.push({ op: "mkdirSync", args: [P("a/b"), { recursive: true }] })
  if (r.chance(0.6)) ops.push({ op: "writeFileSync", args: [P(r.pick(["a/c", "b", "a/b/c"])), "seed"] })
  while (ops.length < length) ops.push(one(r, profile))
  return ops
}
