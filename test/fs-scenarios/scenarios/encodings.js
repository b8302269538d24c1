// Every encoding Node's fs accepts, for reading and writing files.

const ENCODINGS = ['utf8', 'utf-8', 'utf16le', 'utf-16le', 'ucs2', 'ucs-2', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'ascii'];
const TEXT = 'Aé✓\u{1F389}~\u0000\u007f';

function allBytes() {
  const b = new Uint8Array(256);
  for (let i = 0; i < 256; i++) b[i] = i;
  return b;
}

for (const enc of ENCODINGS) {
  scenario('write text then read as ' + enc, (dir) => {
    fs.writeFileSync(dir + '/f', TEXT);
    rec('read ' + enc, () => fs.readFileSync(dir + '/f', enc));
    rec('read options ' + enc, () => fs.readFileSync(dir + '/f', { encoding: enc }));
  });
}

for (const enc of ENCODINGS) {
  scenario('write with encoding ' + enc, (dir) => {
    rec('write string', () => fs.writeFileSync(dir + '/f', TEXT, enc));
    rec('bytes', () => fs.readFileSync(dir + '/f'));
    rec('round trip', () => fs.readFileSync(dir + '/f', enc));
    rec('write options object', () => fs.writeFileSync(dir + '/g', 'abcdef012345', { encoding: enc }));
    rec('bytes g', () => fs.readFileSync(dir + '/g'));
    rec('append', () => fs.appendFileSync(dir + '/g', 'ZZ', enc));
    rec('bytes after append', () => fs.readFileSync(dir + '/g'));
  });
}

scenario('all 256 byte values read in every encoding', (dir) => {
  fs.writeFileSync(dir + '/bytes', allBytes());
  for (const enc of ENCODINGS) rec(enc, () => fs.readFileSync(dir + '/bytes', enc));
});

scenario('encoding names are case-insensitive', (dir) => {
  fs.writeFileSync(dir + '/f', 'hi');
  rec('UTF8', () => fs.readFileSync(dir + '/f', 'UTF8'));
  rec('Utf-8', () => fs.readFileSync(dir + '/f', 'Utf-8'));
  rec('HEX', () => fs.readFileSync(dir + '/f', 'HEX'));
  rec('Base64', () => fs.readFileSync(dir + '/f', 'Base64'));
  rec('LATIN1', () => fs.readFileSync(dir + '/f', 'LATIN1'));
  rec('UCS2', () => fs.readFileSync(dir + '/f', 'UCS2'));
  rec('write HEX', () => { fs.writeFileSync(dir + '/g', '4142', 'HEX'); return fs.readFileSync(dir + '/g', 'utf8'); });
});

scenario('invalid encodings', (dir) => {
  fs.writeFileSync(dir + '/f', 'hi');
  rec('read nope', () => fs.readFileSync(dir + '/f', 'nope'));
  rec('read utf32', () => fs.readFileSync(dir + '/f', 'utf32'));
  rec('read empty string', () => fs.readFileSync(dir + '/f', ''));
  rec('read options nope', () => fs.readFileSync(dir + '/f', { encoding: 'nope' }));
  rec('read options number', () => fs.readFileSync(dir + '/f', { encoding: 42 }));
  rec('read options true', () => fs.readFileSync(dir + '/f', { encoding: true }));
  rec('write nope', () => fs.writeFileSync(dir + '/g', 'x', 'nope'));
  rec('write options nope', () => fs.writeFileSync(dir + '/g', 'x', { encoding: 'nope' }));
  rec('write options number', () => fs.writeFileSync(dir + '/g', 'x', { encoding: 7 }));
  rec('append nope', () => fs.appendFileSync(dir + '/g', 'x', 'nope'));
  rec('g exists', () => fs.existsSync(dir + '/g'));
  rec('read missing file bad encoding', () => fs.readFileSync(dir + '/missing', 'nope'));
});

scenario('malformed hex and base64 input', (dir) => {
  const w = (name, s, enc) => rec(name, () => { fs.writeFileSync(dir + '/' + name, s, enc); return fs.readFileSync(dir + '/' + name); });
  w('hex-odd', 'abc', 'hex');
  w('hex-invalid-char', 'zz41', 'hex');
  w('hex-invalid-middle', '41zz42', 'hex');
  w('hex-upper', 'DEADBEEF', 'hex');
  w('b64-no-padding', 'aGk', 'base64');
  w('b64-whitespace', 'aG k=\n', 'base64');
  w('b64-url-chars', 'a-_b', 'base64');
  w('b64url-std-chars', 'a+/b', 'base64url');
  w('b64-junk', '!!!!', 'base64');
  w('b64-padding-middle', 'aGk=aGk=', 'base64');
});

scenario('invalid UTF-8 bytes decoded as utf8', (dir) => {
  const cases = [[0xff], [0xc3], [0xe2, 0x9c], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x8e], [0xc0, 0x80], [0x61, 0x80, 0x62], [0xf4, 0x90, 0x80, 0x80]];
  cases.forEach((bytes, i) => {
    fs.writeFileSync(dir + '/c' + i, new Uint8Array(bytes));
    rec('case ' + i, () => fs.readFileSync(dir + '/c' + i, 'utf8'));
  });
});

scenario('lone surrogates and BOM written as utf8 and utf16le', (dir) => {
  rec('lone high surrogate utf8', () => { fs.writeFileSync(dir + '/a', 'x\ud800y'); return fs.readFileSync(dir + '/a'); });
  rec('lone low surrogate utf8', () => { fs.writeFileSync(dir + '/b', '\udc00'); return fs.readFileSync(dir + '/b'); });
  rec('lone surrogate utf16le', () => { fs.writeFileSync(dir + '/c', '\ud800', 'utf16le'); return fs.readFileSync(dir + '/c'); });
  rec('BOM kept on read', () => { fs.writeFileSync(dir + '/d', '\ufeffbom'); return fs.readFileSync(dir + '/d', 'utf8'); });
  rec('odd byte count as utf16le', () => { fs.writeFileSync(dir + '/e', new Uint8Array([0x41, 0, 0x42])); return fs.readFileSync(dir + '/e', 'utf16le'); });
  rec('non-latin1 chars written as latin1', () => { fs.writeFileSync(dir + '/f', '✓Ā', 'latin1'); return fs.readFileSync(dir + '/f'); });
  rec('non-ascii written as ascii', () => { fs.writeFileSync(dir + '/g', 'é✓', 'ascii'); return fs.readFileSync(dir + '/g'); });
});

scenario('Buffer data ignores the encoding option', (dir) => {
  rec('write Buffer with hex encoding', () => { fs.writeFileSync(dir + '/a', Buffer.from('zz'), 'hex'); return fs.readFileSync(dir + '/a', 'utf8'); });
  rec('write Uint8Array with base64', () => { fs.writeFileSync(dir + '/b', new Uint8Array([65, 66]), { encoding: 'base64' }); return fs.readFileSync(dir + '/b', 'utf8'); });
  rec('write Buffer with bad encoding', () => fs.writeFileSync(dir + '/c', Buffer.from('x'), 'nope'));
});
