#!/usr/bin/env node
// Compiles the guest JS below modules/ (and bundles/) to QuickJS bytecode at build time and
// writes it as a C table (native/loader/builtins.h: qjsw_builtins), so a sandbox loads builtins from
// inside the Wasm module without parsing any of them. The compiler is a small Wasm build of the
// same QuickJS objects (native/tools/compile_builtin.c), so its bytecode is what the engine reads.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import { pathToFileURL } from "node:url"
import { brotliCompressSync, constants as zlibConstants } from "node:zlib"

// modules/<id>.js becomes <id>; bundles/<name>/index.js, bundled with the npm packages it
// imports, becomes internal/<name>.
const [compilerPath, modulesDir, out, bundlesDir] = process.argv.slice(2)
if (!compilerPath || !modulesDir || !out) {
  console.error("usage: compile-builtins.mjs <compiler.mjs> <modules-dir> <out.c> [bundles-dir]")
  process.exit(2)
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(p)
    else if (entry.name.endsWith(".js")) yield p
  }
}

const { default: createCompiler } = await import(pathToFileURL(resolve(compilerPath)).href)
const compiler = await createCompiler()

// The module name the loader gives each id (native/loader/module_loader.c): it is baked into the
// bytecode and is the base its own imports resolve against.
const moduleName = (id) => (id.startsWith("internal/") ? `qjsw:${id}` : `node:${id}`)

// Heap views are read from `compiler` after each call: a memory growth replaces them.
function compile(name, source) {
  const nameBytes = Buffer.from(`${name}\0`)
  const namePtr = compiler._malloc(nameBytes.length)
  compiler.HEAPU8.set(nameBytes, namePtr)
  const srcPtr = compiler._malloc(source.length + 1)
  compiler.HEAPU8.set(source, srcPtr)
  compiler.HEAPU8[srcPtr + source.length] = 0
  const lenPtr = compiler._malloc(4)
  const bytesPtr = compiler._qjsw_compile(namePtr, srcPtr, source.length, lenPtr)
  let bytecode = null
  if (bytesPtr) {
    bytecode = Buffer.from(compiler.HEAPU8.subarray(bytesPtr, bytesPtr + compiler.HEAPU32[lenPtr >> 2]))
    compiler._qjsw_free_bytecode(bytesPtr)
  }
  for (const p of [lenPtr, srcPtr, namePtr]) compiler._free(p)
  return bytecode
}

// ICU's root collation order over the scripts in common use, read from this Node's ICU (for
// bundles/intl/collator.js): the characters in collation order, and for each the level at
// which it differs from the one before (0 none, 1 primary, 2 secondary, 3 tertiary; the first
// compares with ''). Characters NFD would decompose are left out: the guest compares in NFD.
function collationData() {
  const ranges = [
    [0x0000, 0x052f],
    [0x0590, 0x06ff],
    [0x2000, 0x2bff],
    [0x3000, 0x303f],
  ]
  const chars = []
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c)
      if (ch.normalize("NFD") === ch) chars.push(ch)
    }
  }
  const collator = (sensitivity) => new Intl.Collator("en", { sensitivity }).compare
  const [variant, accent, base] = [collator("variant"), collator("accent"), collator("base")]
  chars.sort((a, b) => variant(a, b) || (a < b ? -1 : 1))
  let levels = ""
  let p = 0,
    s = 0,
    t = 0
  for (const [i, ch] of chars.entries()) {
    const prev = i ? chars[i - 1] : ""
    const level = base(prev, ch) ? 1 : accent(prev, ch) ? 2 : variant(prev, ch) ? 3 : 0
    if (level === 1) (p++, (s = 0), (t = 0))
    else if (level === 2) (s++, (t = 0))
    else if (level === 3) t++
    // the guest packs p * 8192 + s * 32 + t
    if (s > 255 || t > 31) throw new Error(`collation: U+${ch.charCodeAt(0).toString(16)} needs more bits (s ${s}, t ${t})`)
    levels += level
  }
  return `export const chars = ${JSON.stringify(chars.join(""))};\nexport const levels = ${JSON.stringify(levels)};\n`
}

// Changes to bundled packages, each checked against the pinned version's text (a changed
// package fails the build rather than being silently left unpatched). FormatJS's
// DateTimeFormat reads zones from its own tz tables, which we do not ship: it asks the host's
// (bundles/intl/zones.js). Its Segmenter defaults to "en" and applies CLDR's sentence-break
// suppressions ("Mr." ends no sentence), which ICU does only when asked (-u-ss-standard).
const patches = [
  [
    /@formatjs[\\/]intl-datetimeformat[\\/]polyfill-force\.js$/,
    "zones.js",
    "{ zoneData as __qjswZoneData, canonicalZone as __qjswCanonicalZone }",
    [
      [
        "function getApplicableZoneData(t, timeZone, tzData) {",
        "$&\n\tconst fromHost = __qjswZoneData(t, timeZone);\n\tif (fromHost) return fromHost;",
      ],
      [
        "function CanonicalizeTimeZoneName(tz, { zoneNames, uppercaseLinks }) {",
        "$&\n\tconst fromHost = __qjswCanonicalZone(tz);\n\tif (fromHost) return fromHost;",
      ],
      // Node 20's V8 takes no offset zones ("+05:30"), and names the zone it refuses
      [
        "function IsValidTimeZoneName(tz, { zoneNamesFromData, uppercaseLinks }) {",
        "$&\n\tif (/^[+-]/.test(tz)) return false;\n\tif (__qjswCanonicalZone(tz)) return true;",
      ],
      ['throw new RangeError("Invalid timeZoneName");', "throw new RangeError(`Invalid time zone specified: ${timeZone}`);"],
      // ICU's longOffset is always GMT±HH:mm, and shortOffset at zero is GMT+0
      ['if (style === "long") offsetStr =', 'if (style === "long" || style === "longOffset") offsetStr ='],
      [
        "\telse if (mins || hours) {",
        '\telse if (style === "shortOffset" && !mins && !hours) offsetStr = pattern.replace(/:?m+/, "").replace(/H+/, "0");\n$&',
      ],
    ],
  ],
  [
    /@formatjs[\\/]intl-segmenter[\\/]polyfill-force\.js$/,
    null,
    null,
    [
      [
        'ResolveLocale(Segmenter.availableLocales, requestedLocales, opt, [], {}, () => "en")',
        'ResolveLocale(Segmenter.availableLocales, requestedLocales, opt, [], {}, () => "en-US")',
      ],
      ['if ("suppressions" in mergedSegmentationTypeValue) {', "if (false) {"],
    ],
  ],
]

const packagePatches = (dir) => ({
  name: "qjsw-package-patches",
  setup(b) {
    for (const [filter, helper, names, edits] of patches) {
      b.onLoad({ filter }, (args) => {
        let contents = readFileSync(args.path, "utf8")
        for (const [find, replace] of edits) {
          if (!contents.includes(find)) throw new Error(`${args.path}: "${find}" not found (package changed?)`)
          contents = contents.replaceAll(find, () => replace.replace("$&", find))
        }
        if (helper) contents = `import ${names} from ${JSON.stringify(resolve(dir, helper))};\n${contents}`
        return { contents, loader: "js" }
      })
    }
    b.onResolve({ filter: /^qjsw-gen:collation$/ }, () => ({ path: "collation", namespace: "qjsw-gen" }))
    b.onLoad({ filter: /.*/, namespace: "qjsw-gen" }, () => ({ contents: collationData(), loader: "js" }))
  },
})

async function bundle(dir) {
  const { build } = await import("esbuild")
  const result = await build({
    entryPoints: [join(dir, "index.js")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    // the bytecode keeps each function's source for Function.prototype.toString
    minify: true,
    legalComments: "none",
    charset: "utf8",
    external: ["qjsw:*"],
    plugins: [packagePatches(dir)],
    logLevel: "error",
  })
  return Buffer.from(result.outputFiles[0].contents)
}

function pack(bytes) {
  const { BROTLI_PARAM_QUALITY, BROTLI_MAX_QUALITY, BROTLI_PARAM_SIZE_HINT } = zlibConstants
  return brotliCompressSync(bytes, { params: { [BROTLI_PARAM_QUALITY]: BROTLI_MAX_QUALITY, [BROTLI_PARAM_SIZE_HINT]: bytes.length } })
}

const entries = []
let c = `/* Generated by scripts/compile-builtins.mjs from modules/; do not edit. */\n#include "loader/builtins.h"\n\n`
let failed = false
const sources = [...walk(modulesDir)].map((file) => [file, relative(modulesDir, file)])
if (bundlesDir) {
  for (const entry of readdirSync(bundlesDir, { withFileTypes: true })) {
    if (entry.isDirectory()) sources.push([join(bundlesDir, entry.name), `internal/${entry.name}.js`, true])
  }
}
for (const [i, [file, name, bundled]] of sources.entries()) {
  const id = name.split(sep).join("/").replace(/\.js$/, "")
  const bytecode = compile(moduleName(id), bundled ? await bundle(file) : readFileSync(file))
  if (!bytecode) {
    console.error(`compile-builtins: ${file} does not compile`)
    failed = true
    continue
  }
  // A bundle loads on first use only, and is large: stored brotli-compressed (unpacked by
  // native/loader/builtin_unpack.c), it costs a fifth of its size in the module that every sandbox
  // instance copies into its memory at boot.
  // The sandbox's own programs (modules/internal/programs/) load only in a child that runs one:
  // packed the same way.
  const packed = bundled || id.startsWith("internal/programs/")
  const stored = packed ? pack(bytecode) : bytecode
  const rows = []
  for (let o = 0; o < stored.length; o += 24) rows.push("  " + [...stored.subarray(o, o + 24)].join(","))
  c += `static const uint8_t bc_${i}[] = {\n${rows.join(",\n")}\n};\n`
  entries.push(`  {${JSON.stringify(id)}, bc_${i}, ${bytecode.length}, ${packed ? stored.length : 0}},`)
}
if (failed) process.exit(1)
c += `\nconst QJSWBuiltin qjsw_builtins[] = {\n${entries.join("\n")}\n};\n`
c += `const size_t qjsw_builtin_count = ${entries.length};\n`
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, c)
