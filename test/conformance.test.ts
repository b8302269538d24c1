// A quick sample of `make conformance` (Node 20's own test/parallel files, scripts/conformance.mjs):
// the files below run in real Node and in a fresh sandbox each. A sample file must pass in Node;
// in the sandbox it must pass unless test/conformance/known-failures.json lists it, and a listed
// file that passes must be taken off the list, so the list only shrinks. The sample is fixed, a
// few files of every group, so that a cold run (which fetches Node's source into the cache
// first) stays short; `make conformance` runs them all.
import { execFileSync } from "node:child_process"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const root = join(__dirname, "..")
const script = join(root, "scripts/conformance.mjs")
const confDir = join(__dirname, "conformance")
const known = JSON.parse(readFileSync(join(confDir, "known-failures.json"), "utf8")) as Record<string, string>
const groups = JSON.parse(readFileSync(join(confDir, "groups.json"), "utf8")).groups as Record<string, string[]>
const out = join(root, "build/conformance-sample.json")

const SAMPLE: string[] = [
  "test-abortsignal-cloneable.js",
  "test-assert-calltracker-verify.js",
  "test-assert-fail.js",
  "test-async-hooks-run-in-async-scope-this-arg.js",
  "test-async-hooks-top-level-clearimmediate.js",
  "test-buffer-ascii.js",
  "test-buffer-over-max-length.js",
  "test-buffer-of-no-deprecation.js",
  "test-buffer-isutf8.js",
  "test-buffer-arraybuffer.js",
  "test-child-process-uid-gid.js",
  "test-child-process-flush-stdio.js",
  "test-console-assign-undefined.js",
  "test-console-clear.js",
  "test-crypto-hash-stream-pipe.js",
  "test-crypto-randomuuid.js",
  "test-async-local-storage-snapshot.js",
  "test-diagnostics-channel-pub-sub.js",
  "test-diagnostics-channel-bind-store.js",
  "test-domain-timers.js",
  "test-domain-intercept.js",
  "test-event-emitter-num-args.js",
  "test-event-emitter-remove-listeners.js",
  "test-event-emitter-no-error-provided-to-error-event.js",
  "test-event-target.js",
  "test-fs-readSync-optional-params.js",
  "test-fs-write-buffer.js",
  "test-fs-assert-encoding-error.js",
  "test-fs-write-stream.js",
  "test-fs-readdir-ucs2.js",
  "test-fs-stream-construct-compat-error-read.js",
  "test-fs-mkdtemp.js",
  "test-microtask-queue-run-immediate.js",
  "test-module-create-require.js",
  "test-module-cache.js",
  "test-module-isBuiltin.js",
  "test-next-tick-when-exiting.js",
  "test-os-eol.js",
  "test-os.js",
  "test-path-posix-exists.js",
  "test-path-resolve.js",
  "test-perf-hooks-resourcetiming.js",
  "test-process-dlopen-undefined-exports.js",
  "test-process-exit-from-before-exit.js",
  "test-process-binding-util.js",
  "test-promise-unhandled-default.js",
  "test-promise-swallowed-event.js",
  "test-querystring-multichar-separator.js",
  "test-querystring.js",
  "test-readable-from.js",
  "test-readable-from-web-enqueue-then-close.js",
  "test-readline-interface-recursive-writes.js",
  "test-readline-set-raw-mode.js",
  "test-stream-readable-resumeScheduled.js",
  "test-stream-readable-error-end.js",
  "test-stream-duplex-end.js",
  "test-stream-write-final.js",
  "test-stream-flatMap.js",
  "test-stream-duplex-destroy.js",
  "test-stream2-unpipe-drain.js",
  "test-stream2-httpclient-response-end.js",
  "test-stream3-pipeline-async-iterator.js",
  "test-string-decoder-end.js",
  "test-timers-api-refs.js",
  "test-timers-timeout-to-interval.js",
  "test-url-parse-query.js",
  "test-url-format.js",
  "test-util-isDeepStrictEqual.js",
  "test-util-deprecate.js",
  "test-util-inspect-getters-accessing-this.js",
  "test-v8-collect-gc-profile-exit-before-stop.js",
  "test-v8-version-tag.js",
  "test-whatwg-url-custom-searchparams-foreach.js",
  "test-whatwg-url-custom-searchparams-set.js",
  "test-worker-exit-event-error.js",
  "test-worker-type-check.js",
  "test-zlib-crc32.js",
  "test-zlib-params.js",
  "test-vm-context-property-forwarding.js",
  "test-webstream-readable-from.js",
  "test-intl.js",
]

interface FileResult {
  file: string
  group: string
  status: "pass" | "fail" | "skipped" | "node-fail"
  reason?: string
}
let results: Map<string, FileResult>

beforeAll(() => {
  execFileSync(process.execPath, [script, "--files", SAMPLE.join(","), "--json", out, "--quiet"], {
    stdio: ["ignore", "ignore", "inherit"],
  })
  const report = JSON.parse(readFileSync(out, "utf8")) as { results: FileResult[] }
  results = new Map(report.results.map((r) => [r.file, r]))
}, 600_000)

describe("Node 20's own tests in the sandbox (a sample of make conformance)", () => {
  for (const file of SAMPLE) {
    it(file, () => {
      const r = results.get(file)!
      expect(r.status, `${file} must pass in Node to be a sample file: ${r.reason}`).toMatch(/^(pass|fail)$/)
      if (known[file] !== undefined) {
        expect(r.status, `${file} passes now: remove it from test/conformance/known-failures.json`).toBe("fail")
      } else {
        expect(r.status, `${file} fails in the sandbox: ${r.reason}`).toBe("pass")
      }
    })
  }

  it("the sample covers every group", () => {
    const covered = new Set(SAMPLE.map((f) => results.get(f)?.group))
    expect(Object.keys(groups).filter((g) => !covered.has(g))).toEqual([])
  })

  it("known-failures.json names files of the groups, each with a one-line reason", () => {
    const parallel = JSON.parse(readFileSync(out, "utf8")).testDir as string
    const names = new Set(readdirSync(join(parallel, "parallel")))
    const inGroup = (name: string) =>
      Object.values(groups).some((stems) =>
        stems.some((s) => name === `test-${s}.js` || name === `test-${s}.mjs` || name.startsWith(`test-${s}-`)),
      )
    for (const [file, reason] of Object.entries(known)) {
      expect(names.has(file) && inGroup(file), `${file} is not a test/parallel file of a group`).toBe(true)
      expect(reason, file).toMatch(/^[^\n]+$/)
    }
  })
})
