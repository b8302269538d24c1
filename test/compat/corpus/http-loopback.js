// node:http over the sandbox's own loopback: a server the guest listens with answers the
// guest's requests, with Node's framing (Content-Length or chunked), headers, keep-alive and
// errors; the process ends once the server closes (its idle connections with it).
const http = require('http');
const net = require('net');
const log = (...a) => console.log(...a);
// what differs from run to run: the date, and the port in Host
const noDate = (h) => { const { date, host, ...rest } = h; return { ...rest, date: typeof date, host: host?.replace(/:\d+$/, ':PORT') }; };

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    log('S', req.method, req.url, req.httpVersion, JSON.stringify(noDate(req.headers)), body.length, req.complete);
    if (req.url === '/json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ got: body.length }));
    } else if (req.url === '/chunked') {
      res.writeHead(201, 'Made', { 'X-Kind': ['a', 'b'] });
      res.write('one,');
      setTimeout(() => res.end('two'), 5);
    } else if (req.url === '/head') {
      res.end('not sent for HEAD');
    } else if (req.url === '/late') {
      res.end('ok');
      try { res.setHeader('x', 'y'); } catch (e) { log('setHeader after end', e.code, e.message); }
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
});

function request(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ port: server.address().port, ...options }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => {
        log('C', options.method ?? 'GET', options.path, res.statusCode, res.statusMessage, res.httpVersion,
          JSON.stringify(noDate(res.headers)), JSON.stringify(data), req.reusedSocket, res.complete);
        resolve();
      });
    });
    req.on('error', reject);
    req.on('finish', () => log('C finish', options.path));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

server.listen(0, async () => {
  await request({ path: '/json', method: 'POST', headers: { 'Content-Type': 'text/plain' } }, 'x'.repeat(100000));
  await request({ path: '/chunked' });
  await request({ path: '/head', method: 'HEAD' });
  await request({ path: '/late' });
  await request({ path: '/missing', agent: false });
  // a raw request on a socket: the response as bytes, Date aside
  await new Promise((resolve) => {
    const c = net.connect(server.address().port, () => {
      c.end('GET /json HTTP/1.0\r\nHost: x\r\n\r\n');
    });
    let raw = '';
    c.on('data', (d) => { raw += d; });
    c.on('close', () => { log(JSON.stringify(raw.replace(/Date: [^\r]*/, 'Date: -'))); resolve(); });
  });
  // a malformed request: 400 and the connection closed
  server.once('clientError', (err, socket) => {
    log('clientError', err.code, err.message);
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  await new Promise((resolve) => {
    const c = net.connect(server.address().port, () => c.write('BAD\r\n\r\n'));
    let raw = '';
    c.on('data', (d) => { raw += d; });
    c.on('close', () => { log(JSON.stringify(raw)); resolve(); });
  });
  // refused and unresolvable
  await request({ path: '/x', port: 1 }).catch((e) => log('refused', e.code, e.message));
  server.close(() => log('server closed'));
});
process.on('exit', () => log('exit'));
