// What a shell's own echo prints (dash's and bash's differ): the sandbox's sh
// (qjsw:internal/programs/sh) and the one-command lines node:child_process runs itself.
import { Buffer } from 'node:buffer';

// echo as the shell's builtin prints it: dash's takes -n and always reads backslash escapes
// (\c ends the output); bash's reads them only after -e.
export function echoBytes(kind, args) {
  let newline = true;
  let escapes = kind === 'dash';
  let i = 0;
  if (kind === 'dash') {
    if (args[0] === '-n') {
      newline = false;
      i = 1;
    }
  } else {
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      for (const c of args[i].slice(1)) {
        if (c === 'n') newline = false;
        else escapes = c === 'e';
      }
    }
  }
  const out = [];
  const text = (t) => out.push(...Buffer.from(t));
  const simple = { __proto__: null, a: 7, b: 8, e: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  for (let k = i; k < args.length; k++) {
    if (k > i) out.push(32);
    const arg = args[k];
    if (!escapes) {
      text(arg);
      continue;
    }
    for (let j = 0; j < arg.length; j++) {
      if (arg[j] !== '\\' || j + 1 >= arg.length) {
        text(arg[j]);
        continue;
      }
      const c = arg[++j];
      if (c === 'c') return Buffer.from(out);
      if (c === '0') {
        const digits = /^[0-7]{0,3}/.exec(arg.slice(j + 1))[0];
        out.push(parseInt(digits || '0', 8) & 255);
        j += digits.length;
      } else if (simple[c] !== undefined && (c !== 'e' || kind === 'bash')) out.push(simple[c]);
      else text(`\\${c}`);
    }
  }
  if (newline) out.push(10);
  return Buffer.from(out);
}
