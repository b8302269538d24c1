'use strict';
// vm.SourceTextModule and vm.SyntheticModule under --experimental-vm-modules: states, errors,
// namespaces, import.meta and import() callbacks, as Node shows them. The flag is the child's
// (a script sees it only when its process starts with it).
require('../common');
const { spawnSync } = require('child_process');

if (process.argv[2] !== 'child') {
  const vm = require('vm');
  console.log('without the flag:', typeof vm.SourceTextModule, typeof vm.SyntheticModule, 'Module' in vm);
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', __filename, 'child'], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  console.log('child exit', r.status, r.stderr.includes('ExperimentalWarning'));
} else {
  child();
}

async function child() {
  const vm = require('vm');
  const { inspect } = require('util');
  const show = (label, e) => console.log(label, e?.name, e?.code, e?.message);

  console.log('with the flag:', typeof vm.SourceTextModule, typeof vm.SyntheticModule, typeof vm.Module);

  // states and the namespace through a module's life
  const leaf = new vm.SourceTextModule('export let n = 1; export function inc() { n++; } export default "leaf";',
    { identifier: 'leaf' });
  const root = new vm.SourceTextModule(`
    import d, { n, inc } from 'leaf';
    import * as ns from 'leaf';
    inc();
    export const seen = [d, n, ns.n, Object.keys(ns).join()];
    export { inc };
  `, { identifier: 'root' });
  console.log(root.status, root.identifier, root.dependencySpecifiers, leaf.dependencySpecifiers);
  try { root.namespace; } catch (e) { show('namespace unlinked', e); }
  try { root.error; } catch (e) { show('error unlinked', e); }
  const linking = root.link(async (specifier, referrer) => {
    console.log('linker', specifier, referrer.identifier, root.status);
    return leaf;
  });
  console.log('during link', root.status);
  await linking;
  console.log('linked', root.status, leaf.status, Reflect.ownKeys(root.namespace).map(String));
  // bindings not yet initialized: inspect shows them, Object.keys throws as for any TDZ read
  console.log(inspect(leaf.namespace));
  try { Object.keys(leaf.namespace); } catch (e) { show('keys before evaluate', e); }
  console.log(await root.evaluate(), root.status, leaf.status, root.namespace.seen);
  root.namespace.inc();
  console.log('live', leaf.namespace.n, Object.prototype.toString.call(root.namespace));
  await root.link(() => leaf).catch((e) => show('link again', e));
  console.log(inspect(root));

  // an evaluation that throws, and what depends on it
  const bad = new vm.SourceTextModule('export const before = 1; throw new RangeError("boom");');
  await bad.link(() => {});
  await bad.evaluate().catch((e) => show('evaluate', e));
  console.log(bad.status, bad.error.message, await bad.evaluate().catch((e) => e === bad.error));
  const dependent = new vm.SourceTextModule('import "bad";');
  await dependent.link(() => bad).catch((e) => show('link errored', e) || console.log(e.cause === bad.error, dependent.status));

  // linker results Node refuses
  for (const value of [null, 5, {}, Promise.resolve(undefined)]) {
    const m = new vm.SourceTextModule('import "x";');
    await m.link(() => value).catch((e) => show('linker gave ' + inspect(value), e));
    console.log(m.status);
  }
  const ctx = vm.createContext({ where: 'ctx' });
  const there = new vm.SourceTextModule('export default where', { context: ctx });
  const here = new vm.SourceTextModule('import w from "there"');
  await here.link(() => there).catch((e) => show('other context', e));
  await there.link(() => {});
  await there.evaluate();
  console.log(there.namespace.default, there.identifier, there.context === ctx);
  const missing = new vm.SourceTextModule('import { nope } from "leaf2";');
  await missing.link(() => new vm.SourceTextModule('export const yes = 1')).catch((e) => console.log('missing export', e.name));

  // top-level await, a timeout, status checks
  const tla = new vm.SourceTextModule('export let v = 0; await null; v = 42;');
  await tla.link(() => {});
  const p = tla.evaluate();
  console.log('tla', tla.status, tla.namespace.v);
  await p;
  console.log('tla done', tla.status, tla.namespace.v);
  const spin = new vm.SourceTextModule('while (true) {}');
  await spin.link(() => {});
  await spin.evaluate({ timeout: 10 }).catch((e) => show('timeout', e));
  await new vm.SourceTextModule('').evaluate().catch((e) => show('evaluate unlinked', e));
  await tla.evaluate({ timeout: 0 }).catch((e) => show('timeout 0', e));
  await tla.evaluate({ breakOnSigint: 1 }).catch((e) => show('breakOnSigint', e));

  // a synthetic module
  const synth = new vm.SyntheticModule(['a', 'b'], function () {
    this.setExport('a', 'A');
    console.log('steps', typeof this.setExport, synth.status);
  }, { identifier: 'synth' });
  try { synth.setExport('a', 1); } catch (e) { show('setExport unlinked', e); }
  const user = new vm.SourceTextModule('import { a, b } from "synth"; export const got = () => [a, b];');
  await user.link(() => synth);
  console.log(synth.status, Reflect.ownKeys(synth.namespace).map(String), synth.namespace.a);
  await user.evaluate();
  console.log(user.namespace.got(), synth.status);
  synth.setExport('b', 'B');
  console.log(user.namespace.got());
  try { synth.setExport('c', 1); } catch (e) { console.log('setExport unknown', e.name); }
  const throwing = new vm.SyntheticModule([], () => { throw new TypeError('steps failed'); });
  await throwing.link(() => {});
  await throwing.evaluate().catch((e) => show('synthetic throws', e));
  console.log(throwing.status);
  for (const args of [[['x', 'x'], () => {}], [[1], () => {}], [[], null]]) {
    try { new vm.SyntheticModule(...args); } catch (e) { show('SyntheticModule', e); }
  }

  // import.meta and import()
  const metaModule = new vm.SourceTextModule('export const meta = import.meta; export const again = () => import.meta;', {
    initializeImportMeta(meta, module) {
      console.log('initializeImportMeta', Object.getPrototypeOf(meta), module === metaModule);
      meta.url = 'vm:meta';
    },
  });
  await metaModule.link(() => {});
  await metaModule.evaluate();
  console.log(metaModule.namespace.meta.url, metaModule.namespace.again() === metaModule.namespace.meta);
  const importer = new vm.SourceTextModule('export const load = (s) => import(s);', {
    importModuleDynamically(specifier, referrer, attributes) {
      console.log('importModuleDynamically', specifier, referrer === importer, attributes);
      if (specifier === 'leaf') return leaf;
      if (specifier === 'ns') return synth.namespace;
      if (specifier === 'bad') return bad;
      if (specifier === 'unlinked') return new vm.SourceTextModule('');
      return 'not a module';
    },
  });
  await importer.link(() => {});
  await importer.evaluate();
  for (const s of ['leaf', 'ns', 'bad', 'unlinked', 'other']) {
    await importer.namespace.load(s).then((ns) => console.log('import', s, ns === leaf.namespace || ns === synth.namespace),
      (e) => show('import ' + s, e));
  }
  const script = new vm.Script('import("leaf")', { importModuleDynamically: (s, ref) => (ref === script ? leaf : null) });
  console.log((await script.runInThisContext()) === leaf.namespace);
  const noCallback = new vm.SourceTextModule('export const p = import("leaf");');
  await noCallback.link(() => {});
  await noCallback.evaluate();
  await noCallback.namespace.p.catch((e) => show('no callback', e));
  const ctx2 = vm.createContext({}, { importModuleDynamically: (s, ref) => (ref === ctx2 ? leaf : null) });
  // a job's eval has no script: the context's callback; eval in a script: the script's (none)
  console.log((await vm.runInContext('Promise.resolve("import(\'leaf\')").then(eval)', ctx2)) === leaf.namespace);
  await vm.runInContext('(0, eval)("import(\'leaf\')")', ctx2).catch((e) => show('indirect eval', e));
  await vm.runInContext('eval("import(\'leaf\')")', ctx2).catch((e) => show('direct eval', e));
  await vm.runInContext('new Function("return import(\'leaf\')")()', ctx2).catch((e) => show('new Function', e));

  // arguments Node refuses
  for (const args of [[], [1], ['', null], ['', { context: {} }], ['', { identifier: 1 }], ['', { cachedData: 'x' }],
    ['', { initializeImportMeta: 1 }], ['', { importModuleDynamically: {} }], ['', { lineOffset: 1.5 }]]) {
    try { new vm.SourceTextModule(...args); } catch (e) { show('SourceTextModule', e); }
  }
  try { new vm.Module(); } catch (e) { show('Module', e); }
  for (const name of ['status', 'identifier', 'namespace', 'error', 'context']) {
    try { vm.Module.prototype[name]; } catch (e) { show('Module.prototype.' + name, e); }
  }
  const cached = new vm.SourceTextModule('export const c = 1');
  const data = cached.createCachedData();
  console.log(Buffer.isBuffer(data));
  new vm.SourceTextModule('export const c = 1', { cachedData: data });
  try { new vm.SourceTextModule('export const d = 22', { cachedData: data }); } catch (e) { show('cachedData', e); }
  await cached.link(() => {});
  await cached.evaluate();
  try { cached.createCachedData(); } catch (e) { show('createCachedData', e); }
  try { new vm.SourceTextModule('export const = ;'); } catch (e) { console.log('syntax', e.name); }
}
