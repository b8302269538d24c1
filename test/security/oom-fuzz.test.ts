// The seeded out-of-memory fuzz (test/security/oom-fuzz.mjs) with a few small programs: each
// guest fills its heap to the limit somewhere QuickJS allocates, catches the error and goes on.
// `npm run fuzz:oom` runs more, with larger limits.
import { describe, expect, it } from "vitest"
// @ts-expect-error: a plain .mjs script, shared with `npm run fuzz:oom`
import { runOne } from "./oom-fuzz.mjs"

const SEEDS = Array.from({ length: 8 }, (_, i) => 1001 + i)

describe("out-of-memory fuzz", () => {
  it.each(SEEDS)(
    "seed %i: the guest catches its out-of-memory error and the sandbox goes on",
    async (seed) => {
      const outcome = await runOne(seed, 10)
      expect(outcome.problems).toEqual([])
    },
    120_000,
  )

  // Seed 531 keeps bound functions from a `finally` at 4 MiB. In some layouts its error was the
  // context's ready-made one, which took the thrower's frames as its stack and kept the filled
  // array alive with the context: the next run found the heap full (3 of these 11 layouts).
  // Seed 270 (vm contexts and async functions at 15 MiB) left its garbage in cycles while the
  // catch block's reserve was open, when a failing allocation does not collect: the next run
  // could not get its room until the sandbox collected before it (bootstrap's resetRun).
  it("seed 270: garbage a run leaves in cycles is collected before the next run", async () => {
    const outcome = await runOne(270, 20)
    expect(outcome.problems).toEqual([])
  }, 120_000)

  it("seed 531 at eleven heap layouts: nothing of a run at the limit is kept for the next", async () => {
    for (let shift = 0; shift <= 40; shift += 4) {
      const outcome = await runOne(531, 20, shift)
      expect({ shift, problems: outcome.problems }).toEqual({ shift, problems: [] })
    }
  }, 120_000)
})
