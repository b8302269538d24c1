// V8's stack API (QuickJS patch 024): Error.captureStackTrace, stackTraceLimit,
// prepareStackTrace with CallSites, and a stack formatted when first read.
const here = (s) => s.split(__filename).join('<file>');
function f() { const o = {}; Error.captureStackTrace(o); return o.stack; }
console.log(typeof Error.captureStackTrace, Error.captureStackTrace.length, Error.stackTraceLimit);
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')));
console.log(here(f().split('\n').slice(0, 2).join('|')));
function g() { return new Error('x'); }
console.log(here(g().stack.split('\n').slice(0, 2).join('|')));

class Late extends Error { constructor(m) { super(m); this.name = 'Late'; } }
console.log(new Late('named after super').stack.split('\n')[0]);
class Skipped extends Error { constructor() { super('m'); Error.captureStackTrace(this, Skipped); } }
function make() { return new Skipped(); }
console.log(here(make().stack.split('\n').slice(0, 2).join('|')));
function notOnStack() {}
const o = {};
Error.captureStackTrace(o, notOnStack);
console.log(JSON.stringify(o.stack));

Error.prepareStackTrace = (err, sites) => sites.slice(0, 1).map((s) =>
  [err.message, s.getFunctionName(), typeof s.getFileName(), typeof s.getLineNumber(), typeof s.getColumnNumber(), s.isNative()].join(':')).join(';');
function h() { return new Error('p').stack; }
console.log(h());
Error.prepareStackTrace = (_, s) => s;
function siteOf() { return new Error().stack; }
const sites = siteOf();
console.log(Array.isArray(sites), sites[0].getFileName() === __filename, here(String(sites[0])), sites[0].getFunctionName());
Error.prepareStackTrace = (err) => 'inner ' + err.stack.split('\n')[0];
console.log(new Error('nested').stack);
Error.prepareStackTrace = () => { throw new TypeError('from prepare'); };
try { new Error('t').stack; } catch (err) { console.log('threw', err.message); }
Error.prepareStackTrace = undefined;

Error.stackTraceLimit = 1;
console.log(new Error('one').stack.split('\n').length);
Error.stackTraceLimit = 0;
console.log(JSON.stringify(new Error('zero').stack));
Error.stackTraceLimit = 'x';
console.log(new Error('none').stack, 'stack' in new Error('none'));
Error.stackTraceLimit = 10;

try { Error.captureStackTrace(1); } catch (e) { console.log(e.name, e.message); }
const changed = new Error('m'); changed.message = 'changed later'; console.log(changed.stack.split('\n')[0]);
const set = new Error('s'); set.stack = 'custom'; console.log(set.stack);
console.log(JSON.stringify(Object.keys(new Error('k'))), Object.getOwnPropertyNames(new Error('k')).includes('stack'));
const frozen = Object.freeze(new Error('frozen'));
console.log(frozen.stack.split('\n')[0], frozen.stack.split('\n')[0]);
const plain = { name: 'Custom', message: 'obj' }; Error.captureStackTrace(plain); console.log(plain.stack.split('\n')[0]);
