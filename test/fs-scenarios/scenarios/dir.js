// opendirSync / fs.opendir / fs.promises.opendir and the Dir class.

function fill(dir) {
  fs.mkdirSync(dir + '/d');
  fs.writeFileSync(dir + '/d/a', 'a');
  fs.writeFileSync(dir + '/d/b', 'b');
  fs.mkdirSync(dir + '/d/sub');
  fs.symlinkSync('a', dir + '/d/link');
}
function byName(list) {
  return list.slice().sort((x, y) => (String(x.name) < String(y.name) ? -1 : 1));
}
function readAllSync(d) {
  const out = [];
  for (let e = d.readSync(); e !== null; e = d.readSync()) out.push(e);
  return byName(out);
}

scenario('opendirSync and readSync', (dir) => {
  fill(dir);
  const d = rec('opendirSync', () => fs.opendirSync(dir + '/d'));
  rec('instanceof fs.Dir', () => d instanceof fs.Dir);
  rec('path', () => d.path);
  rec('entries', () => readAllSync(d));
  rec('readSync after end', () => d.readSync());
  rec('readSync again after end', () => d.readSync());
  rec('closeSync', () => d.closeSync());
  rec('closeSync twice', () => d.closeSync());
  rec('readSync after close', () => d.readSync());
});

scenario('opendirSync on empty directory and options', (dir) => {
  fs.mkdirSync(dir + '/e');
  fs.writeFileSync(dir + '/f', 'x');
  const d = fs.opendirSync(dir + '/e');
  rec('first read is null', () => d.readSync());
  d.closeSync();
  const d2 = rec('bufferSize 1', () => fs.opendirSync(dir, { bufferSize: 1 }));
  rec('entries with bufferSize 1', () => readAllSync(d2));
  d2.closeSync();
  rec('bufferSize 0', () => fs.opendirSync(dir, { bufferSize: 0 }));
  rec('bufferSize -1', () => fs.opendirSync(dir, { bufferSize: -1 }));
  rec('bufferSize 1.5', () => fs.opendirSync(dir, { bufferSize: 1.5 }));
  rec('bufferSize string', () => fs.opendirSync(dir, { bufferSize: '4' }));
  const d3 = rec('encoding buffer', () => fs.opendirSync(dir, { encoding: 'buffer' }));
  rec('buffer names', () => {
    const names = [];
    for (let e = d3.readSync(); e !== null; e = d3.readSync()) names.push([Buffer.isBuffer(e.name), e.name.toString()]);
    return names.sort();
  });
  d3.closeSync();
  const d4 = fs.opendirSync(dir, { recursive: true });
  rec('recursive option', () => readAllSync(d4).map((e) => e.name));
  d4.closeSync();
});

scenario('opendirSync errors', (dir) => {
  fs.writeFileSync(dir + '/f', 'x');
  rec('missing', () => fs.opendirSync(dir + '/missing'));
  rec('file', () => fs.opendirSync(dir + '/f'));
  rec('through file', () => fs.opendirSync(dir + '/f/x'));
  rec('empty path', () => fs.opendirSync(''));
  rec('number', () => fs.opendirSync(3));
  rec('null byte', () => fs.opendirSync(dir + '\u0000'));
  rec('bad encoding', () => fs.opendirSync(dir, { encoding: 'nope' }));
});

scenario('Dir.read promise and callback', async (dir) => {
  fill(dir);
  const d = fs.opendirSync(dir + '/d');
  const got = [];
  for (let i = 0; i < 5; i++) {
    const e = await d.read();
    got.push(e === null ? null : e.name);
  }
  rec('promise reads (sorted non-null, then nulls)', () => [got.filter((x) => x !== null).sort(), got.filter((x) => x === null).length]);
  await recAsync('close promise', () => d.close());
  await recAsync('read after close', () => d.read());
  await recAsync('close after close', () => d.close());
  const d2 = fs.opendirSync(dir + '/d');
  const names = [];
  for (let i = 0; i < 5; i++) {
    // Entry order is unspecified: record only whether an entry came back.
    const args = await recCallback('read cb ' + i, (cb) => d2.read((err, e) => { if (e) names.push(e.name); cb(err, e === null ? null : typeof e); }));
  }
  rec('callback names', () => names.sort());
  await recCallback('close cb', (cb) => d2.close(cb));
  await recCallback('close cb again', (cb) => d2.close(cb));
});

scenario('Dir async iteration', async (dir) => {
  fill(dir);
  const d = fs.opendirSync(dir + '/d');
  const names = [];
  for await (const e of d) names.push(e.name);
  rec('names', () => names.sort());
  rec('closed after iteration', () => d.closeSync());
  const d2 = fs.opendirSync(dir + '/d');
  let first = null;
  for await (const e of d2) { first = e.name; break; }
  rec('break closes', () => [typeof first, (() => { try { d2.closeSync(); return 'was open'; } catch (e) { return e.code; } })()]);
  const d3 = fs.opendirSync(dir + '/d');
  rec('Symbol.asyncIterator', () => typeof d3[Symbol.asyncIterator]);
  d3.closeSync();
});

scenario('fs.opendir callback and promises.opendir', async (dir) => {
  fill(dir);
  const args = await recCallback('opendir cb', (cb) => fs.opendir(dir + '/d', cb));
  if (args && args[1]) {
    rec('entries', () => readAllSync(args[1]).map((e) => e.name));
    args[1].closeSync();
  }
  await recCallback('opendir cb missing', (cb) => fs.opendir(dir + '/missing', cb));
  await recCallback('opendir cb options', (cb) => fs.opendir(dir + '/d', { bufferSize: 2 }, (err, d) => { if (d) d.closeSync(); cb(err, !!d); }));
  rec('opendir bad path', () => fs.opendir(42, () => {}));
  const d = await recAsync('promises.opendir', () => fs.promises.opendir(dir + '/d'));
  if (d) {
    const names = [];
    for await (const e of d) names.push(e.name);
    rec('iterated', () => names.sort());
  }
  await recAsync('promises.opendir missing', () => fs.promises.opendir(dir + '/missing'));
  await recAsync('promises.opendir file', () => fs.promises.opendir(dir + '/d/a'));
});

scenario('Dir sees entries removed while open', (dir) => {
  fs.mkdirSync(dir + '/d');
  fs.writeFileSync(dir + '/d/x', '');
  const d = fs.opendirSync(dir + '/d');
  rec('read', () => { const e = d.readSync(); return e && e.name; });
  rec('then null', () => d.readSync());
  d.closeSync();
  fs.rmSync(dir + '/d', { recursive: true });
  rec('gone', () => fs.existsSync(dir + '/d'));
});
