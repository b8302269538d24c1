// The URL parser's fast path (modules/internal/url/parser.js, fastParse) against the state
// machine it skips, and `new URL()` in the guest against real Node's, on seeded inputs built
// around the shapes the fast path takes and the near misses it must leave alone.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"
import { evalModule } from "./guest"
// @ts-expect-error: a plain .mjs module
import { mulberry32 } from "./seeded-random.mjs"

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]

// Each part: [what the fast path takes, near misses and what it leaves alone]
const SCHEMES = [
  ["http", "https", "ws", "wss", "ftp", "file"],
  ["HTTP", "foo", "Https", "file"],
] as const
const HOSTS = [
  ["example.com", "a.b.c", "a-b.com", "-a.com", "a-.com", "9a.com", "a.b9", "x"],
  [
    "a.1",
    "1.2.3.4",
    "a.0x1",
    "0x7f.com",
    "com.0xg",
    "xn--nxasmq6b.com",
    "xn--a.com",
    "a.xn--zz",
    "Example.COM",
    "localhost",
    "a..b",
    "a.",
    "a.9b",
    "",
    "u@h.com",
    "u:p@h.com",
    "h.com:",
    "[::1]",
    "a_b.com",
    "h%41.com",
    "é.com",
  ],
] as const
const PORTS = [
  ["", "", ":80", ":443", ":21", ":8080", ":65535", ":0", ":080"],
  [":65536", ":", ":99999", ":1x"],
] as const
const SEGMENTS = [
  ["a", "b.js", "index.html", "", "a%20b", "it's", "x@y", "q=1", "~u", "x.y.z", "(1)", "*", "!$&+,;=", "a:b", "%zz", "..", "."],
  ["%2e", "%2E%2e", ".%2E", "C:", "c|", "a b", "é", "^", "`", "{x}", "\\", "a:"],
] as const
const QUERIES = [
  ["", "", "?", "?a=1&b=2", "?x?y", "?%zz", "?a:b@c/d"],
  ["?it's", "?a b", "?`", "?é", "?[]"],
] as const
const FRAGMENTS = [
  ["", "", "#", "#f", "#'q'", "#x/y?z"],
  ["#a#b", "#`", "#é", "# ", "#<"],
] as const
const BASES = [
  "https://h.com/a/b/c",
  "http://h.com",
  "https://u:p@h.com:8080/a/b?q#f",
  "file:///home/u/x.js",
  "file:///C:/x/y",
  "file:///",
  "ws://h.com/a/",
  "ftp://h.com/pub/",
  "foo://h/a/b",
  "foo:opaque",
  "HTTPS://H.COM/A/",
  "file:///a:b/c",
]

// [input, base]: absolute URLs (with a base or none), and relative ones against a base. Some
// inputs only of what the fast path takes; the others with a near miss here and there.
function inputs(seed: number, count: number): [string, string | null][] {
  const rand = mulberry32(seed)
  const out: [string, string | null][] = []
  for (let i = 0; i < count; i++) {
    const clean = rand() < 0.4
    const part = (lists: readonly (readonly string[])[]) => pick(rand, lists[clean || rand() < 0.8 ? 0 : 1])
    const path = (n: number, lead: string) => Array.from({ length: n }, () => lead + part(SEGMENTS)).join("")
    if (rand() < 0.5) {
      const scheme = part(SCHEMES)
      const authority = scheme.toLowerCase() === "file" && rand() < 0.7 ? "" : part(HOSTS) + part(PORTS)
      const input = `${scheme}://${authority}${path(Math.floor(rand() * 5), "/")}${part(QUERIES)}${part(FRAGMENTS)}`
      out.push([input, rand() < 0.3 ? pick(rand, BASES) : null])
    } else {
      const start = pick(rand, ["", "", "./", "../", "/", "../../", ...(clean ? [] : ["//", "?", "#", "\\"])])
      const input = start + part(SEGMENTS) + path(Math.floor(rand() * 3), "/") + part(QUERIES) + part(FRAGMENTS)
      out.push([input, pick(rand, BASES)])
    }
  }
  return out
}

// The guest's URL modules, loadable by Node: their `qjsw:` imports made relative.
function loadParser(): Promise<{
  basicParse: (input: string, base?: unknown, url?: unknown) => unknown
  fastParse: (input: string, base: unknown) => unknown
  newURL: () => unknown
  FAILURE: string
}> {
  // (under the repository: vitest loads no module from outside it)
  mkdirSync(join(__dirname, "../build"), { recursive: true })
  const dir = mkdtempSync(join(__dirname, "../build/url-parser-"))
  mkdirSync(join(dir, "url"))
  const source = join(__dirname, "../modules/internal/url")
  for (const name of readdirSync(source)) {
    const text = readFileSync(join(source, name), "utf8")
      .replace(/'qjsw:internal\/url\/([a-z-]+)'/g, "'./$1.mjs'")
      .replace(/'qjsw:internal\/(errors|querystring)'/g, "'../stub.mjs'")
    writeFileSync(join(dir, "url", name.replace(/\.js$/, ".mjs")), text)
  }
  writeFileSync(
    join(dir, "stub.mjs"),
    "export const invalidArgType = () => new TypeError(); export const nodeError = () => new Error(); export const encodeStr = (s) => s;",
  )
  return import(/* @vite-ignore */ join(dir, "url/parser.mjs"))
}

const PARTS = ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"] as const
const describeURL = (input: string, base: string | null): string => {
  try {
    const url = base === null ? new URL(input) : new URL(input, base)
    return PARTS.map((part) => url[part]).join(" | ")
  } catch (error) {
    return `${(error as { code?: string }).code}`
  }
}

describe("URL parsing's fast path", () => {
  const cases = inputs(Number(process.env.URL_SEED ?? 2024), Number(process.env.URL_COUNT ?? 3000))

  it("gives the state machine's record for every input it takes, and leaves the rest to it", async () => {
    const { basicParse, fastParse, newURL, FAILURE } = await loadParser()
    let taken = 0
    const differences: unknown[] = []
    for (const [input, baseText] of cases) {
      const base = baseText === null ? null : basicParse(baseText, null, newURL())
      if (base === FAILURE) continue
      // (given a record to fill in, basicParse runs the state machine alone)
      const slow = basicParse(input, base, newURL())
      const fast = fastParse(input, base)
      if (fast === null) continue
      taken++
      if (JSON.stringify(fast) !== JSON.stringify(slow)) differences.push({ input, base: baseText, fast, slow })
    }
    expect(differences).toEqual([])
    // most inputs are near misses, but the fast path must be taking its share
    if (process.env.URL_COUNT) console.log("taken", taken, "of", cases.length)
    expect(taken).toBeGreaterThan(cases.length / 10)
  })

  it("new URL() in the guest gives real Node's parts and errors", async () => {
    const expected = cases.map(([input, base]) => describeURL(input, base))
    const mod = await newQuickJSWASMModuleWithWasmFS()
    const { got } = evalModule(
      mod,
      `const PARTS = ${JSON.stringify(PARTS)};
       const describeURL = ${describeURL.toString()};
       export const got = ${JSON.stringify(cases)}.map(([input, base]) => describeURL(input, base));`,
    ) as { got: string[] }
    const differences = cases
      .map(([input, base], i) => ({ input, base, node: expected[i], guest: got[i] }))
      .filter((row) => row.node !== row.guest)
    expect(differences).toEqual([])
  })
})
