// node:net over the sandbox's own loopback: a server the guest listens with is reachable from
// the guest's sockets, with Node's events in Node's order, its errors and its handle counts.
const net = require('net');
const assert = require('assert');
const log = (...a) => console.log(...a);

function step1(next) {
  let accepted;
  const server = net.createServer((c) => {
    accepted = c;
    log('S connection', c.remoteAddress, c.localAddress, c.remoteFamily, c.localPort === server.address().port, typeof c.remotePort);
    c.setEncoding('utf8');
    c.on('data', (d) => { log('S data', d); c.write(d.toUpperCase()); });
    c.on('end', () => log('S end', c.readyState));
    c.on('finish', () => log('S finish'));
    c.on('close', (hadError) => log('S close', hadError, c.bytesRead, c.bytesWritten));
  });
  log('listening before', server.listening, server.address());
  server.listen(0, () => {
    const { address, family, port } = server.address();
    log('listening', address, family, typeof port, port >= 1024, server.listening);
    log('resources', process.getActiveResourcesInfo().filter((t) => t.startsWith('TCP')));
    const client = net.connect(port, () => {
      log('C connect', client.remoteAddress, client.remotePort === port, client.localAddress, client.remoteFamily, client.readyState, client.pending);
      const handles = process._getActiveHandles();
      log('handles', [server, client, accepted].map((h) => handles.includes(h)));
      client.write('hello ');
      client.write(Buffer.from('world'));
      client.end('!');
      log('C after end', client.readyState);
    });
    log('C connecting', client.connecting, client.readyState, client.pending);
    client.on('lookup', (err, addr, fam, host) => log('C lookup', err, addr, fam, host));
    client.on('ready', () => log('C ready'));
    let got = '';
    client.on('data', (d) => { got += d; });
    client.on('end', () => log('C end', got));
    client.on('close', (hadError) => {
      log('C close', hadError, client.bytesRead, client.bytesWritten, client.readyState);
      server.getConnections((err, n) => {
        log('connections', err, n);
        server.close((err) => { log('server closed', err); next(); });
      });
    });
  });
}

function step2(next) {
  const a = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = a.address();
    log('a', a.address().address, a.address().family);
    const b = net.createServer();
    b.on('error', (e) => {
      log('b error', e.message.replace(String(port), 'PORT'), e.code, e.errno, e.syscall, e.address, e.port === port);
      const c = net.connect({ port, host: '::1' });
      c.on('error', (e2) => {
        log('c error', e2.message.replace(String(port), 'PORT'), e2.code, e2.errno, e2.syscall, e2.address, e2.port === port);
        c.on('close', (hadError) => {
          log('c close', hadError);
          a.close();
          a.close((e3) => { log('close again', e3.code, e3.message); next(); });
        });
      });
    });
    b.listen(port, '127.0.0.1');
  });
}

function step3(next) {
  // allowHalfOpen: the server keeps writing after the client's end, then ends itself
  const server = net.createServer({ allowHalfOpen: true }, (c) => {
    c.resume();
    c.on('end', () => {
      log('S3 end, writable', c.writable);
      c.write('late reply');
      c.end();
    });
  });
  server.listen(0, () => {
    const client = net.connect({ port: server.address().port, allowHalfOpen: false });
    client.setEncoding('utf8');
    client.end('bye');
    client.on('data', (d) => log('C3 data', d));
    client.on('close', () => { server.close(next); });
  });
}

function step4(next) {
  // idle timeout, destroy, and a write after the peer is gone
  const server = net.createServer((c) => {
    c.setTimeout(20, () => {
      log('S4 timeout', c.timeout);
      c.destroy();
    });
  });
  server.listen(0, () => {
    const client = net.connect(server.address().port);
    client.on('end', () => log('C4 end'));
    client.on('close', () => {
      log('C4 close');
      try { client.write('x', 'buffer'); } catch (e) { log('write', e.code, e.message); }
      server.close(next);
    });
  });
}

function step5(next) {
  // errors of arguments
  for (const f of [() => net.connect(70000), () => net.connect({ port: -1 }), () => net.connect({ port: true }),
    () => net.connect({}), () => net.createServer().listen({}), () => net.createServer().listen(65536), () => net.Socket().setTimeout(-1)]) {
    try { f(); log('no error'); } catch (e) { log(e.name, e.code, e.message); }
  }
  const s = net.createServer().listen(0, () => {
    try { s.listen(0); } catch (e) { log(e.code, e.message); }
    s.close(next);
  });
}

function step6() {
  // an unref'd server lets the process end; the run's exit sees no handles
  const s = net.createServer().listen(0);
  s.unref();
  log('unref handles', process._getActiveHandles().includes(s));
  process.on('exit', (code) => log('exit', code, s.listening));
}

step1(() => step2(() => step3(() => step4(() => step5(step6)))));
