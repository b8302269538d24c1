// Path spelling: dots, slashes, odd characters, Unicode, length limits.

scenario('dot and dotdot components', (dir) => {
  fs.mkdirSync(dir + '/a/b', { recursive: true });
  fs.writeFileSync(dir + '/a/b/f', 'x');
  rec('read a/./b/f', () => fs.readFileSync(dir + '/a/./b/f', 'utf8'));
  rec('read a/b/../b/f', () => fs.readFileSync(dir + '/a/b/../b/f', 'utf8'));
  rec('read a/missing/../b/f', () => fs.readFileSync(dir + '/a/missing/../b/f', 'utf8'));
  rec('read a/b/f/../f', () => fs.readFileSync(dir + '/a/b/f/../f', 'utf8'));
  rec('write through ..', () => { fs.writeFileSync(dir + '/a/b/../g', 'g'); return fs.readdirSync(dir + '/a').sort(); });
  rec('stat ..', () => fs.statSync(dir + '/a/b/..').isDirectory());
  rec('readdir a/b/..', () => fs.readdirSync(dir + '/a/b/..').sort());
  rec('mkdir a/b/../c', () => fs.mkdirSync(dir + '/a/b/../c'));
  rec('rmdir a/c/', () => fs.rmdirSync(dir + '/a/c/'));
  rec('/.. is /', () => fs.statSync('/..').isDirectory());
  rec('realpath of /../..', () => fs.realpathSync('/../..'));
  rec('rename with dots', () => { fs.renameSync(dir + '/a/./g', dir + '/a/b/../h'); return fs.readdirSync(dir + '/a').sort(); });
  rec('unlink with dots', () => fs.unlinkSync(dir + '/a/b/../h'));
  rec('rm ..', () => fs.rmSync(dir + '/a/b/..', { recursive: true }));
  rec('rmdir .', () => fs.rmdirSync(dir + '/a/b/.'));
  rec('rmdir ..', () => fs.rmdirSync(dir + '/a/b/..'));
});

scenario('repeated and trailing slashes', (dir) => {
  fs.mkdirSync(dir + '/d');
  fs.writeFileSync(dir + '/d/f', 'x');
  rec('read d//f', () => fs.readFileSync(dir + '/d//f', 'utf8'));
  rec('read ///d///f', () => fs.readFileSync(dir + '///d///f', 'utf8'));
  rec('stat d///', () => fs.statSync(dir + '/d///').isDirectory());
  rec('readdir d//', () => fs.readdirSync(dir + '/d//'));
  rec('mkdir e//', () => fs.mkdirSync(dir + '/e//'));
  rec('write f//', () => fs.writeFileSync(dir + '/d/f//', 'y'));
  rec('exists f/', () => fs.existsSync(dir + '/d/f/'));
  rec('exists f/.', () => fs.existsSync(dir + '/d/f/.'));
  rec('rename d/ e/ (e exists, empty)', () => fs.renameSync(dir + '/d/', dir + '/e/'));
  rec('readdir e', () => fs.readdirSync(dir + '/e'));
});

scenario('names with unusual characters', (dir) => {
  const names = ['new\nline', 'tab\there', 'back\\slash', 'colon:star*?', 'quote"\'', '<>|', ' leading space', 'trailing space ', 'trailing dot.', '%20', '#hash', '$dollar', '\u00a0nbsp', '\u200bzero-width', '\u{1F4A9}', 'a'.repeat(255)];
  for (const n of names) rec('create ' + JSON.stringify(n).slice(0, 40), () => fs.writeFileSync(dir + '/' + n, n));
  rec('readdir', () => fs.readdirSync(dir).sort());
  rec('read back', () => names.map((n) => fs.readFileSync(dir + '/' + n, 'utf8') === n));
  rec('stat each', () => names.map((n) => fs.statSync(dir + '/' + n).size));
  rec('error message quoting', () => fs.readFileSync(dir + "/it's missing"));
  rec('error message with newline', () => fs.readFileSync(dir + '/new\nmissing'));
  rec('error message with both quotes', () => fs.readFileSync(dir + '/"it\'s"'));
  rec('invalid arg message quoting', () => fs.readFileSync("it's\u0000"));
});

scenario('Unicode normalization and case are not folded', (dir) => {
  const nfc = 'caf\u00e9', nfd = 'cafe\u0301';
  fs.writeFileSync(dir + '/' + nfc, 'nfc');
  rec('NFD name is a different file', () => fs.existsSync(dir + '/' + nfd));
  fs.writeFileSync(dir + '/' + nfd, 'nfd');
  rec('both listed', () => fs.readdirSync(dir).sort().map((n) => n.length));
  fs.writeFileSync(dir + '/Case', 'upper');
  rec('case sensitive', () => fs.existsSync(dir + '/case'));
  rec('buffer names', () => fs.readdirSync(dir, 'buffer').map((b) => b.toString('hex')).sort());
});

scenario('name length limits in bytes', (dir) => {
  rec('255 ascii', () => fs.writeFileSync(dir + '/' + 'a'.repeat(255), ''));
  rec('256 ascii', () => fs.writeFileSync(dir + '/' + 'b'.repeat(256), ''));
  rec('85 three-byte chars (255 bytes)', () => fs.writeFileSync(dir + '/' + '✓'.repeat(85), ''));
  rec('86 three-byte chars (258 bytes)', () => fs.writeFileSync(dir + '/' + '✓'.repeat(86), ''));
  rec('63 four-byte chars (252 bytes)', () => fs.writeFileSync(dir + '/' + '🎉'.repeat(63), ''));
  rec('64 four-byte chars (256 bytes)', () => fs.writeFileSync(dir + '/' + '🎉'.repeat(64), ''));
  rec('mkdir 256', () => fs.mkdirSync(dir + '/' + 'c'.repeat(256)));
  rec('symlink named 256', () => fs.symlinkSync('x', dir + '/' + 'd'.repeat(256)));
  rec('rename to 256', () => fs.renameSync(dir + '/' + 'a'.repeat(255), dir + '/' + 'e'.repeat(256)));
  rec('listing', () => fs.readdirSync(dir).map((n) => n.length).sort((x, y) => x - y));
});

scenario('dot names as files', (dir) => {
  rec('write .', () => fs.writeFileSync(dir + '/.', 'x'));
  rec('write ..', () => fs.writeFileSync(dir + '/..', 'x'));
  rec('mkdir .', () => fs.mkdirSync(dir + '/.'));
  rec('unlink .', () => fs.unlinkSync(dir + '/.'));
  rec('open . for reading', () => { const fd = fs.openSync(dir + '/.'); fs.closeSync(fd); return 'opened'; });
  rec('symlink .', () => fs.symlinkSync('x', dir + '/.'));
  rec('rename onto ..', () => { fs.mkdirSync(dir + '/sub'); fs.writeFileSync(dir + '/sub/f', ''); return fs.renameSync(dir + '/sub/f', dir + '/sub/..'); });
  rec('... is an ordinary name', () => { fs.writeFileSync(dir + '/...', 'dots'); return fs.readFileSync(dir + '/...', 'utf8'); });
});

scenario('Buffer paths with non-UTF-8 bytes', (dir) => {
  const raw = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0x66, 0xff, 0xfe, 0x67])]);
  rec('write', () => fs.writeFileSync(raw, 'latin'));
  rec('exists', () => fs.existsSync(raw));
  rec('read', () => fs.readFileSync(raw, 'utf8'));
  rec('listed as buffer', () => fs.readdirSync(dir, 'buffer').map((b) => b.toString('hex')));
  rec('listed as string', () => fs.readdirSync(dir).map((n) => Array.from(n).map((c) => c.charCodeAt(0).toString(16))));
  rec('unlink', () => fs.unlinkSync(raw));
});

scenario('root directory', () => {
  rec('stat /', () => fs.statSync('/').isDirectory());
  rec('exists /', () => fs.existsSync('/'));
  rec('readFile /', () => fs.readFileSync('/'));
  rec('rmdir /', () => fs.rmdirSync('/'));
  rec('unlink /', () => fs.unlinkSync('/'));
  rec('open / for writing', () => fs.openSync('/', 'w'));
  rec('realpath /', () => fs.realpathSync('/'));
  rec('realpath //', () => fs.realpathSync('//'));
  rec('realpath.native //', () => fs.realpathSync.native('//'));
});
