// What the newcomer test takes from README.md: its ts/js code blocks and its CLI lines, as
// written, so that the test follows the README wherever it changes.
import { readFileSync } from "node:fs"
import { join } from "node:path"

export interface CodeBlock {
  /** the block's first line that is not blank: how PENDING names it */
  title: string
  /** README line of the opening fence */
  line: number
  code: string
  /** imports quickjs-wasmfs/browser (a page's code) rather than the Node entry */
  browser: boolean
}

const readme = () => readFileSync(join(__dirname, "..", "README.md"), "utf8")

function fenced(langs: RegExp): { lang: string; line: number; code: string }[] {
  const out: { lang: string; line: number; code: string }[] = []
  const lines = readme().split("\n")
  for (let i = 0; i < lines.length; i++) {
    // (fences indented in a list item too)
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i])
    if (!open) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(open[1].length))
    if (langs.test(open[2])) out.push({ lang: open[2], line: start + 1, code: body.join("\n") })
  }
  return out
}

export function codeBlocks(): CodeBlock[] {
  return fenced(/^(js|ts|javascript|typescript|mjs)$/).map(({ line, code }) => ({
    title: code
      .split("\n")
      .find((l) => l.trim() !== "")!
      .trim(),
    line,
    code,
    browser: /from\s+["']quickjs-wasmfs\/browser["']/.test(code),
  }))
}

/** `npx quickjs-wasmfs …` lines of the README's shell blocks, comments dropped. */
export function cliLines(): string[] {
  return fenced(/^(sh|bash|shell|console)$/)
    .flatMap((b) => b.code.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("npx quickjs-wasmfs"))
}

/** Shell words of a README line (plain words and quotes; no expansions in these lines). */
export function shellWords(line: string): string[] {
  const words: string[] = []
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g
  for (let m; (m = re.exec(line));) words.push(m[1] ?? m[2] ?? m[3])
  return words
}

/**
 * A CLI line's meaning, read generically so that the test holds whichever order the README
 * documents: the script is the first `.js`/`.mjs`/`.cjs` word after `run`; `--opt value` pairs
 * are options wherever they stand; the other words after the script are its arguments.
 */
export interface CliLine {
  words: string[]
  command: string | undefined
  script: string | undefined
  args: string[]
  env: Record<string, string>
  mounts: { host: string; guest: string }[]
}

const TAKES_VALUE = new Set(["--env", "--mount", "--timeout", "--cwd", "--memory-limit", "--storage-limit"])

export function parseCliLine(line: string): CliLine {
  const words = shellWords(line).slice(2) // npx quickjs-wasmfs
  const command = words[0]?.startsWith("-") ? undefined : words[0]
  const parsed: CliLine = { words, command, script: undefined, args: [], env: {}, mounts: [] }
  for (let i = command ? 1 : 0; i < words.length; i++) {
    const w = words[i]
    if (TAKES_VALUE.has(w)) {
      const v = words[++i]
      if (w === "--env") parsed.env[v.slice(0, v.indexOf("="))] = v.slice(v.indexOf("=") + 1)
      if (w === "--mount") parsed.mounts.push({ host: v.split(":")[0], guest: v.split(":")[1] })
    } else if (w.startsWith("-")) {
      continue
    } else if (parsed.script === undefined && /\.(c|m)?js$/.test(w)) {
      parsed.script = w
    } else if (parsed.script !== undefined) {
      parsed.args.push(w)
    }
  }
  return parsed
}
