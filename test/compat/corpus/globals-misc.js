'use strict';
require('../common');
console.log(typeof structuredClone, typeof queueMicrotask, typeof TextEncoder, typeof AbortController, typeof performance.now());
console.log(structuredClone(new Map([[1, { a: [2] }]])), atob(btoa('hi')), new TextDecoder().decode(new TextEncoder().encode('é')));
const et = new EventTarget();
et.addEventListener('x', (e) => console.log('event', e.type));
et.dispatchEvent(new Event('x'));
console.log(new DOMException('m', 'AbortError').code, AbortSignal.abort().aborted);
