// Patterns anchored with ^ (engine patch 029 tries them at the start only): the same answers
// as trying every position, for lastIndex, g/y/m flags, alternatives and groups.
const cases = [
  [/^a/g, 'aaa', 1], [/^a/g, 'aaa', 0], [/^a/y, 'aaa', 1], [/^a/m, 'b\na', 0], [/^a/gm, 'a\na', 1],
  [/^(?:a|b)c/, 'zbc', 0], [/^a|b/, 'zb', 0], [/^(a)|(b)/, 'b', 0], [/^$/, '', 0], [/^/, 'q', 0],
  [/(?:^x)/, 'ax', 0], [/^x/i, 'Xa', 0], [/^\d+/, '123abc', 0], [/^(?=a)a/, 'a', 0], [/^(?<n>a)/, 'ab', 0],
  [/^[^]*$/, 'a\nb', 0], [/^a+?/, 'aaa', 0], [/^\u{1F600}/u, '\u{1F600}x', 0], [/^/g, 'ab', 0],
];
for (const [re, input, lastIndex] of cases) {
  re.lastIndex = lastIndex;
  const m = re.exec(input);
  console.log(String(re), JSON.stringify(input), lastIndex, m && [...m], m && m.index, re.lastIndex, m && m.groups);
}
console.log('xa\na'.replace(/^a/g, 'B'), 'a\na'.replace(/^a/gm, 'B'), 'aba'.split(/^a/), 'abab'.match(/^ab/g));
console.log('q'.replace(/^/, '>'), [...'ab'.matchAll(/^/g)].map((m) => m.index), 'aaa'.search(/^a/), 'baa'.search(/^a/));
