// The scenarios of `npm run bench:browser` (scripts/bench-browser.mjs), shared by the driver and
// the worker, and the guest source that the `memory` and `opfs` sandboxes run: the same loops on
// /bench (in-memory root) and /opfs/bench (the OPFS mount). The `raw-sah` loops (in
// browser-worker.mjs) and the `stock-opfs` ones (stock_opfs.c, same scenario numbering) do the
// same file operations with their own APIs.
//
//   readFileSync-100B   a warm working set of 100 files of 100 bytes, read one after another,
//                       each whole: fs.readFileSync(path) (open, fstat, read, close)
//   writeFileSync-100B  those 100 files overwritten in turn with 100 bytes: fs.writeFileSync(path,
//                       buf) (open with O_TRUNC, write, close)
//   read-16MiB          one 16 MiB file read whole per op
//   write-16MiB         one 16 MiB file rewritten whole per op
//   create-new-100B     cold open of a new file: a never-seen file created (flag 'wx'), 100 bytes
//                       written, closed; each batch in a fresh directory, removed untimed after it
//
// makeBrowserBench(fs, Buffer, root, now) returns { setup(name), run(name, n) -> ms,
// teardown(name), finish() }; the guest source sticks to what QuickJS and V8 share.

export const SCENARIOS = ["readFileSync-100B", "writeFileSync-100B", "read-16MiB", "write-16MiB", "create-new-100B"]
export const SMALL_COUNT = 100
export const SMALL_SIZE = 100
export const BIG_SIZE = 16 * 1024 * 1024
// create-new-100B batches hold at least this many new files (an average, not one lucky file).
export const MIN_NEW_FILES = 50

// Byte i of a pattern: the same in every implementation (stock_opfs.c's fill() too).
export const patternByte = (i, seed) => (i * 31 + 7 + seed) & 255

export const GUEST_SOURCE = String.raw`
function makeBrowserBench(fs, Buffer, root, now) {
  var SMALL_COUNT = ${SMALL_COUNT}, SMALL_SIZE = ${SMALL_SIZE}, BIG_SIZE = ${BIG_SIZE};
  function pattern(len, seed) {
    var b = Buffer.alloc(len);
    var block = Math.min(len, 65536);
    for (var i = 0; i < block; i++) b[i] = (i * 31 + 7 + seed) & 255;
    // the pattern repeats every 256 bytes, so doubling a copy keeps it
    for (var filled = block; filled < len; filled *= 2) b.copyWithin(filled, 0, Math.min(filled, len - filled));
    return b;
  }
  function check(cond, what) {
    if (!cond) throw new Error('setup check failed: ' + what);
  }
  var small = pattern(SMALL_SIZE, 1);
  var big = null;
  var smallDir = root + '/small', bigPath = root + '/big.bin';
  var paths = [];
  for (var i = 0; i < SMALL_COUNT; i++) paths.push(smallDir + '/f' + (i < 10 ? '0' : '') + i + '.txt');
  var next = 0, batch = 0, sink = 0;

  function ensureDir(p) {
    if (!fs.existsSync(p)) fs.mkdirSync(p, { recursive: true });
  }
  function setupSmall() {
    ensureDir(smallDir);
    for (var i = 0; i < SMALL_COUNT; i++) fs.writeFileSync(paths[i], small);
    for (var i = 0; i < SMALL_COUNT; i++) check(fs.readFileSync(paths[i]).equals(small), paths[i] + ' content');
    next = 0;
  }
  function setupBig() {
    ensureDir(root);
    if (!big) big = pattern(BIG_SIZE, 0);
    fs.writeFileSync(bigPath, big);
    check(fs.readFileSync(bigPath).equals(big), '16 MiB content');
  }

  var scenarios = {
    'readFileSync-100B': {
      setup: setupSmall,
      run: function (n) {
        var k = next, total = 0;
        var t0 = now();
        for (var i = 0; i < n; i++) {
          total += fs.readFileSync(paths[k]).length;
          k = k + 1 === SMALL_COUNT ? 0 : k + 1;
        }
        var t1 = now();
        next = k;
        check(total === n * SMALL_SIZE, 'read ' + total + ' bytes in ' + n + ' reads');
        return t1 - t0;
      },
      teardown: function () { fs.rmSync(smallDir, { recursive: true, force: true }); },
    },
    'writeFileSync-100B': {
      setup: setupSmall,
      run: function (n) {
        var k = next, d = small;
        var t0 = now();
        for (var i = 0; i < n; i++) {
          fs.writeFileSync(paths[k], d);
          k = k + 1 === SMALL_COUNT ? 0 : k + 1;
        }
        var t1 = now();
        next = k;
        return t1 - t0;
      },
      teardown: function () { fs.rmSync(smallDir, { recursive: true, force: true }); },
    },
    'read-16MiB': {
      setup: setupBig,
      run: function (n) {
        var total = 0;
        var t0 = now();
        for (var i = 0; i < n; i++) total += fs.readFileSync(bigPath).length;
        var t1 = now();
        check(total === n * BIG_SIZE, 'read ' + total + ' bytes in ' + n + ' reads');
        return t1 - t0;
      },
      teardown: function () { fs.rmSync(bigPath, { force: true }); },
    },
    'write-16MiB': {
      setup: setupBig,
      run: function (n) {
        var d = big;
        var t0 = now();
        for (var i = 0; i < n; i++) fs.writeFileSync(bigPath, d);
        return now() - t0;
      },
      teardown: function () { fs.rmSync(bigPath, { force: true }); },
    },
    'create-new-100B': {
      setup: function () { ensureDir(root); },
      run: function (n) {
        var dir = root + '/new' + (++batch), d = small;
        fs.mkdirSync(dir);
        var t0 = now();
        for (var i = 0; i < n; i++) fs.writeFileSync(dir + '/n' + i + '.txt', d, { flag: 'wx' });
        var t1 = now();
        fs.rmSync(dir, { recursive: true });
        return t1 - t0;
      },
      teardown: function () {},
    },
  };

  return {
    setup: function (name) { scenarios[name].setup(); return null; },
    run: function (name, n) { return scenarios[name].run(n); },
    teardown: function (name) { scenarios[name].teardown(); return null; },
    finish: function () { fs.rmSync(root, { recursive: true, force: true }); return sink; },
  };
}
`
