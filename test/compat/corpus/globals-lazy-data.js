'use strict';
// The globals Node 20 has as data properties (made on first use here) against its accessors:
// descriptors, and assigning, redefining or deleting them before their first use.
for (const n of ['URL', 'URLSearchParams', 'structuredClone', 'EventTarget', 'Event', 'CustomEvent', 'Intl', 'Buffer', 'TextEncoder', 'Blob']) {
  const d = Object.getOwnPropertyDescriptor(globalThis, n);
  console.log(n, 'value' in d ? typeof d.value : 'accessor', d.writable, d.enumerable, d.configurable);
}
console.log(new URL('http://a/b?c=1').searchParams.get('c'), URL === require('url').URL);
console.log(structuredClone({ a: [1] }).a[0], new CustomEvent('x', { detail: 2 }).detail, typeof Intl.DateTimeFormat);
