'use strict';
// express served on the sandbox's loopback and tested with supertest, as an app's own tests
// do: routing, JSON bodies, params, status codes, headers, middleware errors, 404s.
const express = require('express');
const request = require('supertest');

const app = express();
app.use(express.json());
app.use((req, res, next) => {
  res.set('X-Seen', req.method + ' ' + req.path);
  next();
});
const items = new Map([[1, { id: 1, name: 'one' }]]);
app.get('/items', (req, res) => res.json([...items.values()]));
app.get('/items/:id', (req, res) => {
  const item = items.get(Number(req.params.id));
  if (!item) return res.status(404).json({ error: 'no such item' });
  res.json(item);
});
app.post('/items', (req, res) => {
  const id = items.size + 1;
  items.set(id, { id, ...req.body });
  res.status(201).location(`/items/${id}`).json(items.get(id));
});
app.get('/boom', () => {
  throw new Error('boom');
});
app.use((err, req, res, next) => res.status(500).type('text').send(`caught: ${err.message}`));

async function main() {
  const show = (r) => console.log(r.status, r.headers['content-type'], r.headers['x-seen'], r.headers.location, JSON.stringify(r.body), r.text.length);
  show(await request(app).get('/items'));
  show(await request(app).post('/items').send({ name: 'two' }).set('Accept', 'application/json'));
  show(await request(app).get('/items/2'));
  show(await request(app).get('/items/9'));
  show(await request(app).get('/boom'));
  show(await request(app).get('/nowhere'));
  await request(app).get('/items/1').expect(200).expect('Content-Type', /json/).expect({ id: 1, name: 'one' });
  try {
    await request(app).get('/items/1').expect(418);
  } catch (e) {
    console.log('expect failed:', e.message);
  }
}
main().then(() => console.log('done'), (e) => { console.log('failed', e); process.exitCode = 1; });
