#!/usr/bin/env node
// `make demo`: a guest script writes a file with node:fs and reads it back. Both calls run in C
// against WasmFS inside the Wasm module; the host is only asked to print the result.
import { newQuickJSWASMModuleWithWasmFS } from "../dist/index.mjs"

const guest = `
import fs from 'node:fs';

fs.mkdirSync('/project/notes', { recursive: true });
fs.writeFileSync('/project/notes/hello.txt', 'Hello from QuickJS: this file lives in WasmFS.\\n');
print('guest read back: ' + fs.readFileSync('/project/notes/hello.txt', 'utf8'));

try {
  fs.readFileSync('/project/missing.txt');
} catch (err) {
  print('guest error, as Node words it: ' + err.message + ' (errno ' + err.errno + ')');
}
`

const started = performance.now()
const wasm = await newQuickJSWASMModuleWithWasmFS()
const ctx = wasm.newContext()
let hostCalls = 0
const print = ctx.newFunction("print", (text) => {
  hostCalls++
  process.stdout.write(ctx.getString(text).replace(/\n?$/, "\n"))
})
ctx.setProp(ctx.global, "print", print)
print.dispose()

const result = ctx.evalCode(guest, "/project/main.mjs", { type: "module" })
ctx.unwrapResult(result).dispose()
ctx.dispose()
console.log(
  `host calls made by the guest: ${hostCalls} (both print; none for fs), ${(performance.now() - started).toFixed(0)} ms including Wasm startup`,
)
