// An ES module's frames name its file by URL, as V8 names a module's script (QuickJS patch
// 045), so tools that turn stack frames back into paths (mocha's stack filter) see Node's.
const here = (s) => s.split(import.meta.url).join('<url>');
// (without the frames of Node's module loader below the module's own)
function show(err) {
  console.log(here(err.stack.split('\n').filter((l) => !l.includes('node:internal/modules/')).join('\n')));
}
function plain() { return new Error('plain'); }
show(plain());
class Foo { method() { return new Error('method'); } }
show(new Foo().method());
show([1].map(() => new Error('arrow'))[0]);
const ctx = { title: 'context' };
show((function () { return new Error('anonymous, with a receiver'); }).call(ctx));
Error.prepareStackTrace = (err, sites) => here(String(sites[0].getFileName())) + ' ' + sites[0].getLineNumber();
console.log(new Error().stack);
Error.prepareStackTrace = undefined;
setImmediate(function () { show(new Error('immediate')); });
