// Intl's boot cost and the host time zone. Intl's module (FormatJS's polyfills and their data,
// bundles/intl) is the largest builtin, so it must load only when a program touches Intl or a
// locale-sensitive method; the differential scripts in test/compat/corpus/intl-*.js check its
// output. Date#toString's zone name and the default zone follow the host's zone: checked here
// in real Node and the CLI under several TZ values, since the corpus runs in the machine's own.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

async function run(code: string) {
  let stdout = ""
  const sandbox = await createSandbox({ stdout: (t) => (stdout += t), stderr: () => {} })
  try {
    const { exitCode } = await sandbox.run(code)
    expect(exitCode).toBe(0)
    return JSON.parse(stdout)
  } finally {
    sandbox.dispose()
  }
}

// The Intl global is a data property (as in Node) whose value is made on first use (QuickJS
// patch 094): even its descriptor makes it. Whether it was loaded shows in the heap: its module
// and data are megabytes.
const probe = `
  const heap = () => process.memoryUsage().heapUsed;
`

describe("Intl loads on first use", () => {
  it("a program that does not touch Intl does not load it", async () => {
    const r = await run(`${probe}
      const before = heap();
      // what programs do without Intl, including Date's own strings
      const d = new Date(0);
      const s = [d.toString(), d.toTimeString(), d.toISOString(), JSON.stringify({ a: [1, 2] }), (1.5).toFixed(2),
        String(12345), 'abc'.toUpperCase(), 'abc'.toLocaleUpperCase(), 'ABC'.toLocaleLowerCase(undefined), [3, 1, 2].sort().join(), 'a'.normalize('NFD')].join();
      require('util').inspect({ d, n: 1234567 });
      process.stdout.write(JSON.stringify({ grew: heap() - before, s: s.length > 0 }));
    `)
    expect(r).toEqual({ grew: r.grew, s: true })
    expect(r.grew).toBeLessThan(200_000)
  })

  it("touching Intl, or a locale-sensitive method, loads it once", async () => {
    for (const touch of [
      "typeof Intl",
      "(1).toLocaleString()",
      "'a'.localeCompare('b')",
      "new Date(0).toLocaleDateString()",
      "[1].toLocaleString()",
      "'i'.toLocaleUpperCase('tr')",
    ]) {
      const r = await run(`${probe}
        const before = heap();
        ${touch};
        const grew = heap() - before;
        const again = heap();
        void Intl.NumberFormat;
        process.stdout.write(JSON.stringify({ grew, second: heap() - again }));
      `)
      // the module and its data are megabytes of heap: that is what the other test saves
      expect(r.grew, touch).toBeGreaterThan(500_000)
      expect(r.second, touch).toBeLessThan(50_000)
    }
  })

  it("stand-ins have V8's names and lengths before and after loading", async () => {
    const r = await run(`
      const sig = () => [Number.prototype.toLocaleString, Date.prototype.toLocaleString, Date.prototype.toLocaleDateString,
        Date.prototype.toLocaleTimeString, String.prototype.localeCompare, Array.prototype.toLocaleString,
        BigInt.prototype.toLocaleString, Date.prototype.toString, Date.prototype.toTimeString, String.prototype.toLocaleUpperCase,
        String.prototype.toLocaleLowerCase].map((f) => f.name + '/' + f.length);
      const before = sig();
      void Intl;
      process.stdout.write(JSON.stringify({ before, after: sig() }));
    `)
    const want = [
      "toLocaleString/0",
      "toLocaleString/0",
      "toLocaleDateString/0",
      "toLocaleTimeString/0",
      "localeCompare/1",
      "toLocaleString/0",
      "toLocaleString/0",
      "toString/0",
      "toTimeString/0",
      "toLocaleUpperCase/0",
      "toLocaleLowerCase/0",
    ]
    expect(r).toEqual({ before: want, after: want })
  })
})

describe("the guest's time zone is the host's", () => {
  const cli = join(__dirname, "../dist/cli.mjs")
  const script = `
    const dates = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12), Date.UTC(1995, 2, 26, 1, 30), 0].map((t) => new Date(t));
    for (const d of dates) console.log(d.toString(), '|', d.toTimeString(), '|', d.toLocaleString(), '|', d.getTimezoneOffset());
    console.log(Intl.DateTimeFormat().resolvedOptions().timeZone);
    console.log(new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'full' }).format(dates[0]));
    console.log(new Intl.DateTimeFormat('en-US', { hour: 'numeric', timeZoneName: 'short' }).format(dates[1]));
  `
  for (const tz of ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "America/St_Johns"]) {
    it(`TZ=${tz}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "qjsw-intl-"))
      try {
        const file = join(dir, "tz.js")
        writeFileSync(file, script)
        const env = { ...process.env, TZ: tz }
        const node = spawnSync(process.execPath, [file], { env, encoding: "utf8" })
        const sandbox = spawnSync(process.execPath, [cli, "run", file], { env, encoding: "utf8" })
        expect(node.status).toBe(0)
        expect(sandbox.stdout).toBe(node.stdout)
        expect(sandbox.status).toBe(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }, 60_000)
  }
})
