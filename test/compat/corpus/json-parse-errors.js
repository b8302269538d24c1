'use strict';
// JSON.parse's syntax errors in V8's words (positions, context with ellipses, the special
// strings), and JSON's grammar exactly (numbers, escapes): listed cases, then seeded random
// mutations of valid documents and random strings of JSON's characters.
const cases = ['', ' ', '{', '{"a":}', '{"a":1,}', '[1,]', '[1 2]', 'x', 'xyz', '{a:1}', "{'a':1}", '"abc', '"a\nb"', '"\\x"',
  '1 2', '01', '-', '1.', '1.e5', '1e', '.5', 'tru', 'trux', 't103', 'nul', 'undefined', 'NaN', 'Infinity', '[object Object]',
  '{"a" 1}', '{"a"x}', '{"a":1,"c"x}', '{"a":1,"b" "c"}', '{"a":1 "b":2}', '[', '[1', '{"a":1', '"\\u12"', '"\\u{41}"', '"\\v"',
  '"a\\\nb"', '"\\', '+1', '{"a":1}}', '[1]]', '"\\u00zz"', '\u2028', '\u0000\tn12{', 'true false', '1e+', '-x', '[,1]', '{,}',
  '{"a":1,,"b":2}', 'a'.repeat(50), '{"abcdefghijklmnopqrstuvwxyz":x}', '0123456789x0123456789', '{ "k" : [ Infinity] } ',
  '["\\😀"]', '"\u001f"', '[1,2,3,4g', '{"b" : "\\a"}', '{"a": 0.bs}', '{"a": 3}a', '[1e]'];
const show = (s) => {
  try {
    return 'ok ' + JSON.stringify(JSON.parse(s));
  } catch (e) {
    return `${e.name}: ${JSON.stringify(e.message)}`;
  }
};
for (const c of cases) console.log(JSON.stringify(c), show(c));
console.log(show({}), show(undefined), show(Buffer.from('{x')), show({ toString: () => '[1,]' }));

let seed = 20261207;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', ' ', '\n', '\t', '\r', 'a',
  't', 'r', 'ue', 'true', 'false', 'null', 'n', 'x', '\u00e9', '\u2028', '\ud83d\ude00', '\ud800', '\v', '\f', '\u0000',
  '\u001f', '/', 'b', 'f', '"a"', '"k":', '12', '1.5', '1e5', "'", 'NaN', 'Infinity'];
const valid = ['{"a":[1,2,{"b":null}],"c":"x\\u0041y","d":-1.5e-3}', '[true,false,null,"\\n\\t\\/"]', '"str"', '123', '{}', '[]',
  ' { "k" : [ ] } '];
for (let i = 0; i < 1500; i++) {
  let s;
  if (i % 2) {
    const n = 1 + rnd(12);
    s = '';
    for (let k = 0; k < n; k++) s += alphabet[rnd(alphabet.length)];
  } else {
    s = valid[rnd(valid.length)];
    for (let k = 1 + rnd(3); k > 0; k--) {
      const at = rnd(s.length + 1);
      const op = rnd(3);
      const piece = alphabet[rnd(alphabet.length)];
      s = op === 0 ? s.slice(0, at) + s.slice(at + 1) : op === 1 ? s.slice(0, at) + piece + s.slice(at) : s.slice(0, at) + piece + s.slice(at + 1);
    }
    if (rnd(5) === 0) s = s.repeat(1 + rnd(4));
  }
  console.log(JSON.stringify(s), show(s));
}
