// The one adaptation of Node's test/common to the sandbox, run in the sandbox just before each
// test file of `make conformance` (scripts/conformance.mjs). It changes no test and no assertion:
// it only stands in for what a sandbox cannot have. Everything else the tests need is the
// sandbox's job, and a test that needs it fails and is listed in known-failures.json.
//
// Command-line flags. Node's test runner starts a file with its `// Flags:` (--expose-internals,
// --expose-gc, --no-warnings, ...); when they are missing, test/common/index.js starts the file
// again as a child process with them (spawnSync(process.execPath, [...flags, file])). A sandbox
// has no Node command line to take them and no child processes, and that spawnSync returns
// `status: null`, which common passes to process.exit(): the file would "pass" without running.
// So the flags are reported as given (process.execArgv, as Node shows them), and the test runs
// in the sandbox without them: one that needs what a flag turns on fails on it. The exception is
// --expose-internals, which the runner grants as a host (createSandbox's exposeInternals); the
// sandbox then shows it in process.execArgv itself.
"use strict"

module.exports = function shim(flags) {
  process.execArgv.push(...flags.filter((flag) => !process.execArgv.includes(flag)))
}
