'use strict';
// node --input-type=module|commonjs with -e, -p and a script on stdin: module source runs as an
// ES module (import, top-level await, no require), -p of module input is an error, and an
// input type that is neither is refused before anything runs.
const cp = require('child_process');

const runs = [
  [['--input-type', 'module', '-e', 'import fs from "fs"; console.log(typeof fs.readFileSync, typeof require, typeof import.meta)']],
  [['--input-type=module', '-e', 'const x = await Promise.resolve(5); console.log("tla", x)']],
  [['--input-type=module', '-e', 'import { sep } from "node:path"; export const a = 1; console.log(sep, this)']],
  [['--input-type', 'commonjs', '-e', 'console.log(typeof require, typeof module, this === module.exports)']],
  [['--input-type=module', '-e', 'import assert from "assert";\nassert.ok(0 === 2);\n']],
  [['--input-type=commonjs', '-e', 'const assert = require("assert");\nassert.ok(0 === 2);\n']],
  [['--input-type=module', '-e', 'throw new TypeError("thrown at the top")']],
  [['--input-type=module', '-e', 'import "./qjsw-missing-module.mjs"']],
  [['--input-type=module', '-p', '1 + 1']],
  [['--input-type=bogus', '-e', 'console.log("ran")']],
  [['--input-type=module'], 'import os from "os"; console.log("stdin module", typeof os.cpus)'],
  [['--input-type=module', '-e', 'await new Promise(() => {})']],
];

for (const [args, input] of runs) {
  const r = cp.spawnSync(process.execPath, args, { input, encoding: 'utf8' });
  const lines = r.stderr.split('\n');
  const error = lines.find((l) => /^\w*Error\b|^\[?\w*Error|--input-type|--print/.test(l));
  console.log(JSON.stringify(args), r.status, JSON.stringify(r.stdout), JSON.stringify(error && error.split(process.execPath).join('NODE').replace(/ \[ERR_\w+\]/, '').replace(/^\[/, '')));
}
