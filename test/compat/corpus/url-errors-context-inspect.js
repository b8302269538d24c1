'use strict';
// WHATWG URL as Node 20 has it: new URL()'s error (the C++ parser's, no code in its String()),
// V8's private-member errors for a receiver that is no URL, the showHidden context, the
// characters pathToFileURL encodes, and IDNA for right-to-left labels ending in punctuation.
require('../common');
const url = require('url');
const util = require('util');

const show = (f) => {
  try {
    return f();
  } catch (e) {
    return `${e} | ${e.name} ${e.code} ${JSON.stringify(Object.keys(e))}`;
  }
};

console.log(show(() => new URL('nope')), show(() => new URL('x', '')), show(() => new URL('', 'also nope')));
console.log(show(() => { new URL('http://a').href = 'nope'; }));
console.log(show(() => url.parse('http://a b/')), show(() => url.parse('http://[a:b')));

for (const name of ['toString', 'toJSON']) console.log(name, show(() => Reflect.apply(URL.prototype[name], {}, [])));
for (const key of ['href', 'origin', 'protocol', 'host', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
  console.log(key, show(() => Reflect.get(URL.prototype, key, {})));
}
for (const key of ['href', 'protocol', 'search', 'hash']) console.log(key, '=', show(() => Reflect.set(URL.prototype, key, 'x', {})));

for (const href of ['https://user:pass@host.name:8080/p/a/?q=1#h', 'file:///a/b?c#d', 'mailto:x@y', 'http://:p@[::1]:90/',
  'web+x:/.//p', 'http://u@h/', 'ws://h:1?', 'sc://h/#']) {
  console.log(util.inspect(new URL(href), { showHidden: true }));
}
class MyURL extends URL {}
console.log(util.inspect(new MyURL('http://a/'), { showHidden: true, breakLength: Infinity }));
console.log(util.inspect({ a: new URL('http://a/') }, { depth: 0 }));

console.log(url.pathToFileURL('/a\r\n\t<>"#%{}|^[\\~]` ?b').href);
console.log(url.pathToFileURL('C:\\a^b|c~d [e]', { windows: true }).href);
console.log(url.pathToFileURL('\\\\server\\share\\a^b', { windows: true }).href);

for (const host of ['ليهمابتكلموشعربي؟.ي؟', 'ي؛', 'ي،', 'ي٪', 'ي۝', 'ש!', 'يa', 'ي١1', '١ي']) {
  console.log(JSON.stringify(host), JSON.stringify(url.domainToASCII(host)), show(() => url.parse(`http://${host}/`).host));
}
