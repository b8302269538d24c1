// A promise callback runs in the domain its .then() was called in, as Node 20's domain hook
// (with the engine's promise hook) makes it; a promise made in a domain but continued outside
// is not in it.
const domain = require('domain');
const d = domain.create();
d.run(() => {
  Promise.resolve().then(() => console.log('then1', process.domain === d));
  Promise.resolve().then(() => {}).then(() => {}).then(() => console.log('then3', process.domain === d));
});
const d2 = domain.create();
let p;
d2.run(() => { p = Promise.resolve(); });
p.then(() => console.log('created in d2, then outside', process.domain === d2));
