'use strict';
// A kept-alive socket an agent gives to a second request starts a new async life, as Node's
// AsyncReset: a destroy for its old id and an init of a new TCPWRAP (a ReusedHandle).
const common = require('../common');
const assert = require('assert');
const http = require('http');
const ah = require('async_hooks');

// (only TCPWRAP resources: the resource objects of others differ, and Node's destroy hooks come
// in a later batch, so what happened is printed at the end)
const tcp = new Set();
const reused = [];
let tcpDestroyed = 0;
ah.createHook({
  init(id, type, trigger, resource) {
    if (type !== 'TCPWRAP') return;
    tcp.add(id);
    if (resource.constructor.name === 'ReusedHandle') reused.push(`${type} ${resource.type}`);
  },
  destroy(id) { if (tcp.has(id)) tcpDestroyed++; },
}).enable();
const als = new ah.AsyncLocalStorage();

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const server = http.createServer((req, res) => res.end('ok')).listen(0, () => {
  const { port } = server.address();
  const get = (store, next) => als.run(store, () => {
    http.get({ agent, port }, common.mustCall((res) => {
      res.on('data', () => {});
      res.on('end', common.mustCall(() => {
        console.log(store, 'store in end:', als.getStore(), 'reused:', res.req.reusedSocket);
        if (next) setImmediate(next);
        else finish();
      }));
    }));
  });
  const finish = () => setImmediate(() => {
    console.log('reused:', reused, 'TCPWRAP ids destroyed:', tcpDestroyed);
    server.close();
    agent.destroy();
  });
  get('one', () => get('two'));
});
