// The differential fs fuzzer (test/fs-fuzz/) in `make test`: fixed seeds, a few hundred
// sequences per profile and place, each run in real Node and in the sandbox. Every divergence
// kind seen must be listed in test/fs-fuzz/known-divergences.json with its reason, and every
// listed kind must still be seen: the list can only shrink. More: `npm run fuzz:fs`.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
// @ts-expect-error plain ES module without types
import { fuzz } from "./fs-fuzz/fuzz.mjs"

interface Kind {
  signature: string
  count: number
  script: string
  node: unknown
  sandbox: unknown
}
const known = JSON.parse(readFileSync(join(__dirname, "fs-fuzz/known-divergences.json"), "utf8")) as Record<string, string>

const RUNS = [
  { profile: "valid", where: "memory", seed: 1, count: 300 },
  { profile: "mixed", where: "memory", seed: 1, count: 300 },
  { profile: "valid", where: "mount", seed: 1, count: 200 },
  { profile: "mixed", where: "mount", seed: 3, count: 150 },
] as const

describe("fs matches Node 20 under random operation sequences", () => {
  for (const run of RUNS) {
    it(`${run.count} ${run.profile} sequences, ${run.where}, seed ${run.seed}`, async () => {
      const r = (await fuzz(run)) as { kinds: Kind[] }
      const prefix = `${run.where}/${run.profile}: `
      const seen = new Set(r.kinds.map((k) => prefix + k.signature))
      const unlisted = r.kinds.filter((k) => !(prefix + k.signature in known))
      const stale = Object.keys(known).filter((k) => k.startsWith(prefix) && !seen.has(k))
      const lines = unlisted.map(
        (k) =>
          `${prefix}${k.signature} (x${k.count})\n  ${k.script}\n  node:    ${JSON.stringify(k.node)}\n  sandbox: ${JSON.stringify(k.sandbox)}`,
      )
      if (stale.length) lines.push(`no longer seen; remove from known-divergences.json:\n  ${stale.join("\n  ")}`)
      if (lines.length) expect.fail(lines.join("\n"))
    }, 600_000)
  }
})
