// The seeded out-of-memory fuzz (test/security/oom-fuzz.mjs) with a few small programs: each
// guest fills its heap to the limit somewhere QuickJS allocates, catches the error and goes on.
// `npm run fuzz:oom` runs more, with larger limits.
import { describe, expect, it } from "vitest"
// @ts-expect-error: a plain .mjs script, shared with `npm run fuzz:oom`
import { runOne } from "./oom-fuzz.mjs"

const SEEDS = Array.from({ length: 8 }, (_, i) => 1001 + i)

describe("out-of-memory fuzz", () => {
  it.each(SEEDS)("seed %i: the guest catches its out-of-memory error and the sandbox goes on", async (seed) => {
    const outcome = await runOne(seed, 10)
    expect(outcome.problems).toEqual([])
  }, 120_000)
})
