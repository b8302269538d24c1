#!/usr/bin/env node
// Prints vitest's JSON report as one closing line, `N passed, M failed[, K skipped]`, and exits
// non-zero when anything failed or nothing ran.
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2], "utf8"))
const passed = report.numPassedTests
// A suite that fails to load has no failed tests of its own: count it once.
const failed = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0)
const skipped = report.numPendingTests + report.numTodoTests
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 || passed === 0 || !report.success ? 1 : 0)
