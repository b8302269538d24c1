// Arrays and typed arrays with holes and keys of their own, and grouped arrays of wide, combining
// and colored strings: the index keys skipped and the widths counted as Node does.
const util = require('util');
const cases = [];
const a1 = [1, , 3]; cases.push(a1);
const a2 = [1, 2, 3]; a2.x = 1; a2[-1] = 2; cases.push(a2);
const a3 = new Array(5); a3[4] = 1; a3.y = 'z'; cases.push(a3);
const a4 = Array.from({ length: 30 }, (_, i) => i * 7); a4.tag = true; cases.push(a4);
cases.push(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1)));
cases.push(Array.from({ length: 12 }, (_, i) => '日本'.repeat(i % 3) + 'é' + 'e\u0301'));
cases.push(Array.from({ length: 12 }, (_, i) => '\u001b[31mred\u001b[39m' + i));
cases.push(new Uint8Array(40), Object.assign(new Float64Array([1.5, -0, NaN]), { extra: 1 }));
cases.push({ '0': 'a', '01': 'b', '4294967295': 'c', '4294967294': 'd', x: 1 });
const sparse = []; sparse[10] = 1; sparse['010'] = 2; cases.push(sparse);
for (const c of cases) { console.log(util.inspect(c)); console.log(util.inspect(c, { colors: true, breakLength: 40 })); }
console.log(util.getStringWidth ? 'has' : 'no');
console.log(util.stripVTControlCharacters('\u001b[1mbold\u001b[22m plain \u009b31mx'));
