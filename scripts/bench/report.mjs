// What `npm run bench` and `npm run bench:browser` share: their options, number formats and
// the table layout, so both print and parse alike.

// --time SECONDS, --filter REGEX, --json FILE (also --flag=value); `usage(code)` on a bad one.
export function parseArgs(argv, usage) {
  const opts = { time: 0.5, filter: null, json: null }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
    const value = () => {
      if (inline !== undefined) return inline
      if (i + 1 >= argv.length) usage(2)
      return argv[++i]
    }
    if (flag === "--time") {
      opts.time = Number(value())
      if (!(opts.time > 0)) usage(2)
    } else if (flag === "--filter") opts.filter = new RegExp(value())
    else if (flag === "--json") opts.json = value()
    else if (flag === "--help" || flag === "-h") usage(0)
    else {
      process.stderr.write(`unknown argument: ${arg}\n`)
      usage(2)
    }
  }
  return opts
}

export function fmtOps(v) {
  if (v >= 100) return Math.round(v).toLocaleString("en-US")
  return v.toFixed(v >= 10 ? 1 : 2)
}

// The ratio of two cells' ops/s, when both ran.
export function ratio(a, b) {
  return a?.status === "ok" && b?.status === "ok" ? a.opsPerSec / b.opsPerSec : null
}

export // Left-aligns the first and last columns, right-aligns the numbers; widths fit the content.
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const fmt = (r) =>
    r
      .map((text, i) => (i === 0 || i === r.length - 1 ? text.padEnd(widths[i]) : text.padStart(widths[i])))
      .join("  ")
      .trimEnd()
  const lines = rows.map(fmt)
  lines.splice(1, 0, "-".repeat(Math.max(...lines.map((l) => l.length))))
  return lines.join("\n")
}
