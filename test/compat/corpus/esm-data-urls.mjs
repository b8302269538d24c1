// import() and static imports of data: URLs: text/javascript modules (%-escaped or base64, with
// parameters), application/json with its type attribute, import.meta of such a module, and the
// errors: a missing attribute, an unknown format, a malformed URL, relative specifiers inside.
import staticValue, { named } from 'data:text/javascript,export default "static"; export const named = 1';
import json from 'data:application/json,{"k":[1,2]}' with { type: 'json' };

console.log(staticValue, named, JSON.stringify(json));
const show = async (url, options) => {
  try {
    const m = await import(url, options);
    console.log(JSON.stringify(url).slice(0, 70), Object.keys(m).sort().join(), JSON.stringify(m.default));
  } catch (e) {
    console.log(JSON.stringify(url).slice(0, 70), e.name, e.code, e.message);
  }
};
await show('data:text/javascript,export default 42; export const u = import.meta.url; export const f = import.meta.filename');
await show(`data:text/javascript;base64,${Buffer.from('export default "b64 \u00e9"').toString('base64')}`);
await show('data:application/json,{"a":1}', { with: { type: 'json' } });
await show('data:application/json,{"a":1}');
await show('data:text/javascript,export default 1', { with: { type: 'json' } });
await show('data:text/plain,hello');
await show('data:text/javascript,import "./x.js"');
await show('data:text/javascript,import "/abs.js"');
await show('data:text/javascript,import fs from "fs"; export default typeof fs.readFileSync');
await show('data:text/javascript,import { sep } from "node:path"; export default sep');
await show('data:text/javascript,export default %22pct%20enc %E2%9C%93%22');
await show('data:,export default 1');
await show('data:text/javascript;charset=utf-8,export default 2');
await show('data:text/javascript,throw new Error("thrown inside")');
const m = await import('data:text/javascript,export const u = import.meta.url; export const d = import.meta.dirname');
console.log(m.u, m.d);
const a = await import('data:text/javascript,export const o = {}');
const b = await import('data:text/javascript,export const o = {}');
console.log('same URL, same module', a === b, a.o === b.o);
