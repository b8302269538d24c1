// sandbox: --wasm
'use strict';
// sql.js: SQLite compiled by Emscripten, its 16 MiB memory written by the Wasm and by its glue
const initSqlJs = require('sql.js');

initSqlJs().then((SQL) => {
  const db = new SQL.Database();
  db.run("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL); INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', NULL), (3, 'thrée', -2);");
  console.log(JSON.stringify(db.exec("SELECT a, upper(b), c FROM t WHERE a > 1 ORDER BY a DESC")));
  const stmt = db.prepare('INSERT INTO t (b, c) VALUES (?, ?)');
  for (let i = 0; i < 500; i++) stmt.run(['row ' + i, i / 4]);
  stmt.free();
  console.log(JSON.stringify(db.exec('SELECT count(*), sum(c), max(length(b)) FROM t')));
  const q = db.prepare('SELECT b FROM t WHERE a % 100 = ?');
  q.bind([7]);
  const rows = [];
  while (q.step()) rows.push(q.get()[0]);
  q.free();
  console.log(rows.join('|'));
  try { db.run('SELECT * FROM missing'); } catch (e) { console.log(e.message); }
  const bytes = db.export();
  console.log(bytes.length, String.fromCharCode(...bytes.subarray(0, 15)));
  const copy = new SQL.Database(bytes);
  console.log(JSON.stringify(copy.exec('SELECT b FROM t WHERE a = 3')));
  db.close();
  copy.close();
});
