// A response the client cannot parse fails as Node's llhttp fails it: as soon as the bad byte
// arrives (a letter where a chunk size must start), with its HPE_ code, ending the request and
// the response; the server's side then closes too.
const http = require('http');
const server = http.createServer((req, res) => {
  res.write('HELLO\n', () => {
    console.log('write cb');
    res.socket.write('H');
    server.close(() => console.log('server closed'));
  });
}).listen(0, () => {
  const req = http.get({ host: 'localhost', port: server.address().port });
  req.on('response', (res) => {
    res.on('data', (d) => console.log('data', JSON.stringify(String(d))));
    res.on('error', (e) => console.log('res error', e.code, e.message));
  });
  req.on('error', (e) => console.log('req error', e.code, e.message, e.bytesParsed));
  req.on('close', () => console.log('req close'));
});
