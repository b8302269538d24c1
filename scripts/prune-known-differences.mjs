#!/usr/bin/env node
// Drops from test/fs-scenarios/known-differences.json the scenarios that now match Node, and
// restates each remaining entry as its current first difference, using a report written by
// `QJSW_COMPAT_REPORT=report.json npx vitest run test/fs-scenarios.test.ts`.
// It never adds entries: a new difference must be listed by hand.
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const report = JSON.parse(readFileSync(process.argv[2] ?? "build/fs-scenarios-report.json", "utf8"))
const listPath = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../test/fs-scenarios/known-differences.json")
const known = JSON.parse(readFileSync(listPath, "utf8"))
const differing = new Set(report.filter((r) => !r.same).map((r) => r.id))
const ran = new Set(report.map((r) => r.id))
const byId = new Map(report.map((r) => [r.id, r]))
const show = (entry) => (entry === undefined ? "nothing" : JSON.stringify(entry.slice(1)).slice(0, 140))

// "label: Node …; sandbox …" for the first transcript entry that differs.
function firstDifference(r) {
  const n = Math.max(r.node.length, r.sandbox.length)
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(r.node[i]) !== JSON.stringify(r.sandbox[i])) {
      const label = (r.node[i] ?? r.sandbox[i])[0]
      return `${label}: Node ${show(r.node[i])}; sandbox ${show(r.sandbox[i])}`
    }
  }
  return "transcripts differ"
}

const kept = {}
const dropped = []
for (const [id, reason] of Object.entries(known)) {
  if (ran.has(id) && !differing.has(id)) dropped.push(id)
  else kept[id] = byId.has(id) ? firstDifference(byId.get(id)) : reason
}
writeFileSync(listPath, JSON.stringify(kept, null, 2) + "\n")
console.log(`kept ${Object.keys(kept).length}, dropped ${dropped.length}:`)
for (const id of dropped) console.log(`  ${id}`)
