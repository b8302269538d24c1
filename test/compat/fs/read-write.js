// readFileSync / writeFileSync / appendFileSync: data types, flags, modes, errors.

scenario('write and read utf8', (dir) => {
  rec('write', () => fs.writeFileSync(dir + '/hello.txt', 'héllo, wörld ✓ 🎉'));
  rec('read utf8', () => fs.readFileSync(dir + '/hello.txt', 'utf8'));
  rec('read options object', () => fs.readFileSync(dir + '/hello.txt', { encoding: 'utf8' }));
  rec('read buffer', () => fs.readFileSync(dir + '/hello.txt'));
  rec('read encoding buffer', () => fs.readFileSync(dir + '/hello.txt', 'buffer'));
  rec('read encoding null', () => fs.readFileSync(dir + '/hello.txt', { encoding: null }));
});

scenario('readdir probe', (dir) => {
  fs.writeFileSync(dir + '/a', 'x');
  rec('readdir', () => fs.readdirSync(dir));
});

scenario('callback probe', async (dir) => {
  fs.writeFileSync(dir + '/a', 'x');
  await recCallback('readFile', (cb) => fs.readFile(dir + '/a', 'utf8', cb));
  await recAsync('promises.readFile', () => fs.promises.readFile(dir + '/a', 'utf8'));
});
