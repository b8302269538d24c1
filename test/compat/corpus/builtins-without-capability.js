// Every Node 20 builtin loads; what needs a capability the sandbox lacks fails when called, as
// Node fails where that capability is missing (a closed port, a missing binary); the small
// modules that need none work (run against Node where the answers are the same).
const { builtinModules } = require('module');
const assert = require('assert');
// what comes asynchronously, from different sources: printed at exit, sorted (the sources'
// relative order is the host's)
const later = [];
const note = (...args) => later.push(args.map((a) => (typeof a === 'string' ? a : require('util').inspect(a))).join(' '));
process.on('exit', () => console.log(later.sort().join('\n')));
console.log(builtinModules.join(' '));
console.log(builtinModules.length, builtinModules.every((id) => require(id) === require('node:' + id)));

const net = require('net');
console.log(net.isIP('127.0.0.1'), net.isIP('::1'), net.isIP('1.2.3'), net.isIPv6('fe80::1%eth0'), net.isIPv4('256.0.0.1'));
const socket = net.connect(1, '127.0.0.1');
socket.on('error', (e) => note('net', e.message, e.code, e.errno, e.syscall, e.address, e.port));
socket.on('close', (hadError) => note('net close', hadError));

const http = require('http');
console.log(http.STATUS_CODES[418], http.METHODS.includes('PATCH'), typeof http.Agent, http.maxHeaderSize);
const req = http.get('http://127.0.0.1:1/x');
req.on('error', (e) => note('http', e.message, e.code, e.syscall));

const cp = require('child_process');
const child = cp.spawn('no-such-binary-qjsw', ['a']);
console.log(child.pid, !!child.stdout, child.spawnfile, child.spawnargs);
child.on('error', (e) => note('spawn', e.message, e.code, e.errno, e.syscall, e.path, e.spawnargs));
child.on('close', (code, signal) => note('spawn close', code, signal));
const sync = cp.spawnSync('no-such-binary-qjsw', ['x']);
console.log(Object.keys(sync), sync.error.message, sync.status, sync.pid);
try { cp.execFileSync('no-such-binary-qjsw'); } catch (e) { console.log('execFileSync', e.message, e.code, Object.keys(e).join()); }
cp.execFile('no-such-binary-qjsw', ['q'], (e, out) => note('execFile', e.message, e.code, e.cmd, JSON.stringify(out)));

const dns = require('dns');
dns.lookup('127.0.0.1', (err, address, family) => note('lookup', err, address, family));
dns.lookup('::1', { all: true }, (err, all) => note('lookup all', err, JSON.stringify(all)));

const { MessageChannel, isMainThread, threadId, parentPort, receiveMessageOnPort } = require('worker_threads');
console.log(isMainThread, threadId, parentPort);
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => { note('port message', JSON.stringify(m)); port2.close(); });
port1.postMessage({ a: [1, 2], d: 'x' });
const ch2 = new MessageChannel();
ch2.port1.postMessage('sync');
console.log('receive', JSON.stringify(receiveMessageOnPort(ch2.port2)), receiveMessageOnPort(ch2.port2));
ch2.port1.close();

const readline = require('readline');
const { Readable, PassThrough } = require('stream');
const rl = readline.createInterface({ input: Readable.from(['one\ntw', 'o\r\nthree']) });
rl.on('line', (l) => note('line', JSON.stringify(l)));
rl.on('close', () => note('rl close'));
(async () => {
  const lines = [];
  for await (const l of readline.createInterface({ input: Readable.from(['a\nb\n', 'c']) })) lines.push(l);
  note('iterated', lines);
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += d));
  const q = require('readline/promises').createInterface({ input, output });
  const answer = q.question('name? ');
  input.write('qjs\n');
  note('answer', await answer, JSON.stringify(shown));
  q.close();
})();

const dc = require('diagnostics_channel');
const channel = dc.channel('qjsw:test');
console.log(channel.hasSubscribers, dc.hasSubscribers('qjsw:test'));
const onMessage = (msg, name) => console.log('published', JSON.stringify(msg), name);
dc.subscribe('qjsw:test', onMessage);
channel.publish({ n: 1 });
console.log(dc.unsubscribe('qjsw:test', onMessage), channel.hasSubscribers);

const consumers = require('stream/consumers');
consumers.text(Readable.from(['h', 'i'])).then((t) => note('text', t));
consumers.json(Readable.from(['{"a"', ':1}'])).then((j) => note('json', j));

const punycode = require('punycode');
console.log(punycode.encode('mañana'), punycode.decode('maana-pta'), punycode.toASCII('mañana.com'), punycode.toUnicode('xn--maana-pta.com'));

const { createHistogram } = require('perf_hooks');
const h = createHistogram();
for (const v of [1, 2, 3, 4]) h.record(v);
console.log('histogram', h.count, h.min, h.max, h.mean);

const zlib = require('zlib');
console.log(zlib.crc32('hello'), zlib.crc32(Buffer.from('world'), 12), zlib.constants.Z_BEST_COMPRESSION, zlib.Z_OK);

const v8 = require('v8');
v8.setFlagsFromString('--harmony');
console.log(typeof v8.getHeapStatistics().heap_size_limit);

const domain = require('domain');
const d = domain.create();
d.on('error', (e) => note('domain caught', e.message, e.domain === d));
d.run(() => { throw new Error('inside'); });

const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const als = new AsyncLocalStorage();
console.log(als.getStore(), als.run({ id: 7 }, () => als.getStore().id), als.getStore());
const bound = als.run('outer', () => AsyncResource.bind(() => als.getStore()));
console.log('bound', bound());

const vm = require('vm');
console.log(vm.runInThisContext('1 + 2'), new vm.Script('typeof globalThis').runInThisContext());
assert.ok(require('sys').format === require('util').format);
