// How util.inspect and console show URL and URLSearchParams.
const u = new URL('https://user:pw@example.com:8080/a/b?x=1&y=2#frag');
console.log(u);
console.log(u.searchParams);
console.log([new URL('file:///tmp/x')], { u: new URLSearchParams('a=1') });
console.log(require('os').EOL === '\n', typeof require('os').cpus()[0].model);
