// The benchmark scenarios, as one piece of source text that runs unchanged in all four
// implementations: compiled with `new Function` on the host (node-memfs, node-fs) and embedded in
// a guest module (sandbox, bridge). Every implementation thus runs the same loops over the same
// data; only `fs`, `Buffer`, the root directory and the clock differ.
//
// makeBench(fs, Buffer, root, now) returns:
//   names            the scenario names, in order
//   setup(name)      creates that scenario's files (untimed) and checks the results once;
//                    returns null, or 'missing fs.X' when the fs object lacks a function it needs
//   run(name, n)     runs n operations and returns the elapsed milliseconds, measured with now()
//
// The source sticks to what QuickJS and V8 share; it has no console and no performance.

export const SCENARIO_NAMES = [
  "writeFileSync-100B",
  "readFileSync-100B-utf8",
  "readFileSync-100B-buffer",
  "statSync",
  "existsSync",
  "readdirSync-100",
  "write-16MiB",
  "read-16MiB",
]

export const SMALL_SIZE = 100
export const BIG_SIZE = 16 * 1024 * 1024

export const SCENARIO_SOURCE = String.raw`
function makeBench(fs, Buffer, root, now) {
  var SMALL_SIZE = ${SMALL_SIZE};
  var BIG_SIZE = ${BIG_SIZE};
  var SMALL = '';
  for (var i = 0; SMALL.length < SMALL_SIZE; i++) SMALL += String.fromCharCode(97 + (i * 7) % 26);

  var big = null;
  // 16 MiB of a fixed byte pattern: one 64 KiB block computed, then doubled by copying.
  function bigData() {
    if (big) return big;
    big = Buffer.alloc(BIG_SIZE);
    var block = 65536;
    for (var i = 0; i < block; i++) big[i] = (i * 31 + 7) & 255;
    for (var filled = block; filled < BIG_SIZE; filled *= 2) big.copyWithin(filled, 0, filled);
    return big;
  }

  var P = {
    w100: root + '/w100.txt',
    r100: root + '/r100.txt',
    missing: root + '/does-not-exist.txt',
    dir100: root + '/dir100',
    wbig: root + '/big-w.bin',
    rbig: root + '/big-r.bin',
  };
  var sink = 0;

  function check(cond, what) {
    if (!cond) throw new Error('setup check failed: ' + what);
  }
  function ensureRoot() {
    if (!fs.existsSync(root)) fs.mkdirSync(root, { recursive: true });
  }
  function checkBig(buf, what) {
    check(buf.length === BIG_SIZE, what + ' length ' + buf.length);
    var positions = [0, 1, 65535, 65536, 1234567, BIG_SIZE - 1];
    for (var i = 0; i < positions.length; i++) {
      var p = positions[i];
      check(buf[p] === (((p % 65536) * 31 + 7) & 255), what + ' byte ' + p);
    }
  }

  var scenarios = {
    'writeFileSync-100B': {
      uses: ['writeFileSync', 'readFileSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.w100, SMALL);
        check(fs.readFileSync(P.w100, 'utf8') === SMALL, 'written content');
      },
      run: function (n) {
        var p = P.w100, d = SMALL;
        for (var i = 0; i < n; i++) fs.writeFileSync(p, d);
      },
    },
    'readFileSync-100B-utf8': {
      uses: ['writeFileSync', 'readFileSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.r100, SMALL);
        check(fs.readFileSync(P.r100, 'utf8') === SMALL, 'utf8 content');
      },
      run: function (n) {
        var p = P.r100, s = 0;
        for (var i = 0; i < n; i++) s += fs.readFileSync(p, 'utf8').length;
        sink += s;
      },
    },
    'readFileSync-100B-buffer': {
      uses: ['writeFileSync', 'readFileSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.r100, SMALL);
        var b = fs.readFileSync(P.r100);
        check(Buffer.isBuffer(b), 'result is a Buffer');
        check(b.length === SMALL_SIZE && b[0] === SMALL.charCodeAt(0) && b[99] === SMALL.charCodeAt(99), 'buffer content');
      },
      run: function (n) {
        var p = P.r100, s = 0;
        for (var i = 0; i < n; i++) s += fs.readFileSync(p).length;
        sink += s;
      },
    },
    'statSync': {
      uses: ['writeFileSync', 'statSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.r100, SMALL);
        var st = fs.statSync(P.r100);
        check(st.size === SMALL_SIZE, 'stat size ' + st.size);
        check(st.isFile() === true && st.isDirectory() === false, 'stat isFile/isDirectory');
      },
      run: function (n) {
        var p = P.r100, s = 0;
        for (var i = 0; i < n; i++) s += fs.statSync(p).size;
        sink += s;
      },
    },
    'existsSync': {
      uses: ['writeFileSync', 'existsSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.r100, SMALL);
        check(fs.existsSync(P.r100) === true, 'exists on a file');
        check(fs.existsSync(P.missing) === false, 'not exists on a missing path');
      },
      run: function (n) {
        var p = P.r100, s = 0;
        for (var i = 0; i < n; i++) if (fs.existsSync(p)) s++;
        sink += s;
      },
    },
    'readdirSync-100': {
      uses: ['writeFileSync', 'mkdirSync', 'readdirSync'],
      setup: function () {
        ensureRoot();
        fs.mkdirSync(P.dir100, { recursive: true });
        var expected = [];
        for (var i = 0; i < 100; i++) {
          var name = 'entry-' + (i < 10 ? '00' : i < 100 ? '0' : '') + i + '.txt';
          fs.writeFileSync(P.dir100 + '/' + name, SMALL);
          expected.push(name);
        }
        var got = fs.readdirSync(P.dir100);
        check(got.length === 100, 'readdir length ' + got.length);
        check(got.slice().sort().join('/') === expected.join('/'), 'readdir names');
      },
      run: function (n) {
        var p = P.dir100, s = 0;
        for (var i = 0; i < n; i++) s += fs.readdirSync(p).length;
        sink += s;
      },
    },
    'write-16MiB': {
      uses: ['writeFileSync', 'readFileSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.wbig, bigData());
        checkBig(fs.readFileSync(P.wbig), 'written 16 MiB');
      },
      run: function (n) {
        var p = P.wbig, d = bigData();
        for (var i = 0; i < n; i++) fs.writeFileSync(p, d);
      },
    },
    'read-16MiB': {
      uses: ['writeFileSync', 'readFileSync'],
      setup: function () {
        ensureRoot();
        fs.writeFileSync(P.rbig, bigData());
        checkBig(fs.readFileSync(P.rbig), 'read 16 MiB');
      },
      run: function (n) {
        var p = P.rbig, s = 0;
        for (var i = 0; i < n; i++) s += fs.readFileSync(p).length;
        sink += s;
      },
    },
  };

  return {
    names: Object.keys(scenarios),
    setup: function (name) {
      var sc = scenarios[name];
      for (var i = 0; i < sc.uses.length; i++) {
        if (typeof fs[sc.uses[i]] !== 'function') return 'missing fs.' + sc.uses[i];
      }
      sc.setup();
      return null;
    },
    run: function (name, n) {
      var run = scenarios[name].run;
      var t0 = now();
      run(n);
      return now() - t0;
    },
    sink: function () { return sink; },
  };
}
`
