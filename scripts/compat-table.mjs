// Regenerates the table of real-package results in README.md (between the compat-packages
// markers) with the compat harness: node scripts/compat-table.mjs (after make build).
// test/compat-packages.test.ts fails when the README's table is not what the harness reports.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "qjsw-compat-table-"))
try {
  const md = join(dir, "table.md")
  const r = spawnSync(
    process.execPath,
    ["dist/cli.mjs", "compat", "test/compat/packages", "--expect", "test/compat/packages/expectations.json", "--md", md, "--quiet"],
    { cwd: root, stdio: "inherit" },
  )
  if (r.status !== 0) process.exit(r.status ?? 1)
  const readme = readFileSync(join(root, "README.md"), "utf8")
  const start = "<!-- compat-packages:start -->\n"
  const end = "<!-- compat-packages:end -->"
  const a = readme.indexOf(start)
  const b = readme.indexOf(end)
  if (a < 0 || b < a) throw new Error("README.md has no compat-packages markers")
  writeFileSync(join(root, "README.md"), readme.slice(0, a + start.length) + readFileSync(md, "utf8") + readme.slice(b))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
