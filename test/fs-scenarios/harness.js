(function createHarness(fs, Buffer, root, hooks) {
  // The fs scenarios' harness (see runner.ts): read as text by runner.ts and evaluated as is in
  // real Node and in the sandbox, so both worlds record and normalise the same way. Keep this
  // file a single function expression in plain ES2020, with nothing before its parenthesis.
  'use strict';
  var scenarios = [];
  var current = null;
  var waiters = [];
  var HEX = '0123456789abcdef';
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function cleanStr(s) { return root ? s.split(root).join('<root>') : s; }
  function bytesOf(v) {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  function hex(bytes, n) {
    var s = '';
    for (var i = 0; i < bytes.length && i < n; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return s;
  }
  function latin1(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }
  function base64(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
      s += i + 2 < bytes.length ? B64[n & 63] : '=';
    }
    return s;
  }
  // Strict UTF-8 decode; null if the bytes are not valid UTF-8.
  function utf8(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length;) {
      var b = bytes[i], cp, need;
      if (b < 0x80) { s += String.fromCharCode(b); i++; continue; }
      if (b >= 0xc2 && b <= 0xdf) { cp = b & 0x1f; need = 1; }
      else if (b >= 0xe0 && b <= 0xef) { cp = b & 0x0f; need = 2; }
      else if (b >= 0xf0 && b <= 0xf4) { cp = b & 0x07; need = 3; }
      else return null;
      for (var k = 1; k <= need; k++) {
        var c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) return null;
        cp = (cp << 6) | (c & 0x3f);
      }
      if ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff))) return null;
      s += String.fromCodePoint(cp);
      i += need + 1;
    }
    return s;
  }
  function fnv(bytes) {
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return ('0000000' + h.toString(16)).slice(-8);
  }
  function ctorName(v) {
    try { return v.constructor && v.constructor.name ? v.constructor.name : Object.prototype.toString.call(v).slice(8, -1); }
    catch (e) { return '?'; }
  }

  function normErr(e, opts) {
    if (!(e instanceof Error) && !(e && typeof e === 'object' && typeof e.message === 'string')) {
      return { $: 'thrown', value: norm(e, opts, 0) };
    }
    var out = { $: 'error', name: e.name, message: cleanStr(String(e.message)) };
    var keys = ['code', 'errno', 'syscall', 'path', 'dest'];
    for (var i = 0; i < keys.length; i++) {
      if (e[keys[i]] !== undefined) out[keys[i]] = norm(e[keys[i]], opts, 1);
    }
    return out;
  }

  function isStats(v) { return typeof v.isFile === 'function' && 'nlink' in v && 'mode' in v; }
  function isDirent(v) { return typeof v.isFile === 'function' && 'name' in v && !('mode' in v); }
  function isDir(v) { return typeof v.readSync === 'function' && typeof v.closeSync === 'function'; }
  function isFileHandle(v) { return typeof v.fd === 'number' && typeof v.close === 'function' && typeof v.stat === 'function'; }

  function normStats(v, opts) {
    var isDirectory = v.isDirectory();
    var out = {
      $: typeof v.size === 'bigint' ? 'BigIntStats' : 'Stats',
      isFile: v.isFile(), isDirectory: isDirectory, isSymbolicLink: v.isSymbolicLink(),
      isFIFO: v.isFIFO(), isSocket: v.isSocket(), isBlockDevice: v.isBlockDevice(),
      isCharacterDevice: v.isCharacterDevice(),
    };
    // Directory size and link count depend on the host file system (ext4, tmpfs, btrfs
    // disagree), so Node itself does not pin them down: only non-directories record them.
    if (!isDirectory) { out.size = norm(v.size, opts, 1); out.nlink = norm(v.nlink, opts, 1); }
    if (opts.mode) out.mode = typeof v.mode === 'bigint' ? 'bigint:' + (v.mode & BigInt(511)).toString(8) : (v.mode & 511).toString(8);
    if (opts.times) {
      out.atimeMs = norm(v.atimeMs, opts, 1);
      out.mtimeMs = norm(v.mtimeMs, opts, 1);
      out.atime = v.atime instanceof Date ? v.atime.getTime() : String(v.atime);
      out.mtime = v.mtime instanceof Date ? v.mtime.getTime() : String(v.mtime);
      if (typeof v.size === 'bigint') { out.atimeNs = norm(v.atimeNs, opts, 1); out.mtimeNs = norm(v.mtimeNs, opts, 1); }
    }
    return out;
  }

  function norm(v, opts, depth) {
    opts = opts || {};
    depth = depth || 0;
    if (v === undefined) return { $: 'undefined' };
    if (v === null) return null;
    switch (typeof v) {
      case 'boolean': return v;
      case 'number':
        if (opts.fd && depth === 0 && Number.isInteger(v) && v >= 0) return { $: 'fd' };
        if (Number.isNaN(v)) return { $: 'NaN' };
        if (v === Infinity || v === -Infinity) return { $: String(v) };
        if (Object.is(v, -0)) return { $: '-0' };
        return v;
      case 'bigint': return { $: 'bigint', v: v.toString() };
      case 'string': return cleanStr(v);
      case 'symbol': return { $: 'symbol', v: String(v) };
      case 'function': return { $: 'function', name: v.name };
    }
    if (depth > 8) return { $: 'too deep' };
    if (typeof v.then === 'function') {
      try { v.then(null, function () {}); } catch (e) {}
      return { $: 'Promise' };
    }
    if (v instanceof Error) return normErr(v, opts);
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      var bytes = bytesOf(v);
      var out = { $: ctorName(v), length: v instanceof ArrayBuffer || v instanceof DataView ? v.byteLength : v.length };
      var text = bytes.length <= 8192 && root ? latin1(bytes) : '';
      // the length includes the root path, which differs between the two worlds
      if (text && text.indexOf(root) >= 0) { delete out.length; out.withRoot = cleanStr(text); return out; }
      out.bytes = hex(bytes, 64);
      return out;
    }
    if (v instanceof Date) return { $: 'Date', t: v.getTime() };
    if (Array.isArray(v)) {
      var arr = [];
      for (var i = 0; i < v.length; i++) arr.push(norm(v[i], opts, depth + 1));
      return arr;
    }
    if (isStats(v)) return normStats(v, opts);
    if (isDirent(v)) {
      var d = { $: 'Dirent', name: norm(v.name, opts, depth + 1), isFile: v.isFile(), isDirectory: v.isDirectory(), isSymbolicLink: v.isSymbolicLink() };
      if ('parentPath' in v) d.parentPath = norm(v.parentPath, opts, depth + 1);
      if ('path' in v) d.path = norm(v.path, opts, depth + 1);
      return d;
    }
    if (isDir(v)) return { $: 'Dir', path: norm(v.path, opts, depth + 1) };
    if (isFileHandle(v)) return { $: 'FileHandle' };
    var keys = Object.keys(v).sort();
    var o = {};
    var name = ctorName(v);
    if (name !== 'Object') o.$ = name;
    for (var j = 0; j < keys.length; j++) o[keys[j]] = norm(v[keys[j]], opts, depth + 1);
    return o;
  }

  function push(t, entry) { t.push(entry); }

  function rec(label, fn, opts) {
    var t = current;
    try {
      var value = fn();
      push(t, [label, 'ok', norm(value, opts, 0)]);
      return value;
    } catch (e) {
      push(t, [label, 'threw', normErr(e, opts)]);
      return undefined;
    }
  }

  // Resolves with {ok, value} / {ok: false, error} / {stalled: true}. The host (sandbox) or a
  // timer (Node) stalls a waiter when nothing else can make progress (see stall()).
  function wait(promise, outer) {
    return new Promise(function (resolve) {
      var w = { done: false, disarm: null, outer: !!outer };
      w.finish = function (r) {
        if (w.done) return;
        w.done = true;
        var i = waiters.indexOf(w);
        if (i >= 0) waiters.splice(i, 1);
        if (w.disarm) w.disarm();
        resolve(r);
      };
      w.stall = function () { w.finish({ stalled: true }); };
      waiters.push(w);
      w.disarm = hooks.arm(w);
      Promise.resolve(promise).then(function (v) { w.finish({ ok: true, value: v }); },
        function (e) { w.finish({ ok: false, error: e }); });
    });
  }

  async function recAsync(label, fn, opts) {
    var t = current;
    var p;
    try { p = fn(); } catch (e) { push(t, [label, 'threw', normErr(e, opts)]); return undefined; }
    if (!p || typeof p.then !== 'function') { push(t, [label, 'not a promise', norm(p, opts, 0)]); return p; }
    var r = await wait(p);
    if (r.stalled) { push(t, [label, 'never settled']); return undefined; }
    if (r.ok) { push(t, [label, 'resolved', norm(r.value, opts, 0)]); return r.value; }
    push(t, [label, 'rejected', normErr(r.error, opts)]);
    return undefined;
  }

  async function recCallback(label, fn, opts) {
    var t = current;
    var calls = [];
    var returned = false;
    var first;
    var fired = new Promise(function (resolve) { first = resolve; });
    function cb() {
      calls.push({ sync: !returned, args: Array.prototype.slice.call(arguments) });
      first();
    }
    function normArgs(args) {
      var n = args.length;
      while (n > 0 && args[n - 1] === undefined) n--;
      var out = [];
      for (var i = 0; i < n; i++) out.push(norm(args[i], opts, 0));
      return out;
    }
    try {
      fn(cb);
    } catch (e) {
      returned = true;
      push(t, [label, 'threw', normErr(e, opts)]);
      await hooks.settle();
      if (calls.length) push(t, [label, 'callback called after throwing', calls.length]);
      return undefined;
    }
    returned = true;
    if (!calls.length) {
      var r = await wait(fired);
      if (r.stalled) { push(t, [label, 'callback never called']); return undefined; }
    }
    await hooks.settle();
    push(t, [label, 'cb', normArgs(calls[0].args)]);
    if (calls[0].sync) push(t, [label, 'callback called synchronously']);
    if (calls.length > 1) push(t, [label, 'callback called ' + calls.length + ' times', normArgs(calls[1].args)]);
    return calls[0].args;
  }

  function scenario(name, fn) {
    if (typeof name !== 'string' || typeof fn !== 'function') throw new TypeError('scenario(name, fn)');
    scenarios.push({ name: name, fn: fn });
  }

  function tree(dir) {
    if (typeof fs.readdirSync !== 'function' || typeof fs.lstatSync !== 'function' || typeof fs.readlinkSync !== 'function') return 'unavailable';
    var out = [];
    function walk(abs, rel) {
      var names = fs.readdirSync(abs).slice().sort();
      for (var i = 0; i < names.length; i++) {
        var p = abs + '/' + names[i], r = rel ? rel + '/' + names[i] : names[i];
        var st = fs.lstatSync(p);
        if (st.isSymbolicLink()) out.push([r, 'symlink', cleanStr(String(fs.readlinkSync(p)))]);
        else if (st.isDirectory()) { out.push([r, 'dir']); walk(p, r); }
        else if (st.isFile()) {
          var bytes = bytesOf(fs.readFileSync(p));
          var entry = [r, 'file', bytes.length];
          if (bytes.length < 4096) {
            var s = utf8(bytes);
            entry.push(s !== null ? cleanStr(s) : 'base64:' + base64(bytes));
          } else entry.push('fnv1a:' + fnv(bytes));
          out.push(entry);
        } else out.push([r, 'other']);
      }
    }
    try { walk(dir, ''); } catch (e) { return { treeError: normErr(e, {}) }; }
    return out;
  }

  async function load(defineFile) {
    current = [];
    var t = current;
    await defineFile(fs, Buffer, root, scenario, rec, recAsync, recCallback);
    return JSON.stringify({ names: scenarios.map(function (s) { return s.name; }), problems: t.map(function (e) { return e[0] + ' ' + e[1]; }) });
  }

  async function runOne(i) {
    var s = scenarios[i];
    current = [];
    var t = current;
    var dir = root + '/' + i;
    try { fs.mkdirSync(dir); } catch (e) { push(t, ['<mkdir scenario dir>', 'threw', normErr(e, {})]); }
    try {
      var p = s.fn(dir);
      if (p && typeof p.then === 'function') {
        var r = await wait(p, true);
        if (r.stalled) push(t, ['<scenario>', 'stalled']);
        else if (!r.ok) push(t, ['<scenario>', 'rejected', normErr(r.error, {})]);
      }
    } catch (e) {
      push(t, ['<scenario>', 'threw', normErr(e, {})]);
    }
    await hooks.settle();
    current = null;
    push(t, ['<tree>', 'tree', tree(dir)]);
    return JSON.stringify({ transcript: t, missing: missingFunctions(s.fn) });
  }

  // The fs functions a scenario's source names that this world's fs does not have.
  function missingFunctions(fn) {
    var names = [];
    var re = /\bfs\.(promises\.)?([A-Za-z]+)(\.native)?\b/g, m;
    var src = String(fn);
    while ((m = re.exec(src))) {
      var base = m[1] ? fs.promises : fs;
      var v = base && base[m[2]];
      if (m[3] && v) v = v.native;
      var name = 'fs.' + (m[1] || '') + m[2] + (m[3] || '');
      if (v === undefined && names.indexOf(name) < 0) names.push(name);
    }
    return names;
  }

  // Stalls the newest wait inside a scenario (a rec* call) before the scenario itself.
  function stall() {
    var w = null;
    for (var i = waiters.length - 1; i >= 0 && !w; i--) if (!waiters[i].outer) w = waiters[i];
    if (!w) w = waiters[waiters.length - 1];
    if (!w) return false;
    w.stall();
    return true;
  }

  return { load: load, runOne: runOne, stall: stall, count: function () { return scenarios.length; } };
})
