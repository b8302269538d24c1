// The JS-bridge baseline: how sandboxes give a QuickJS guest a filesystem today. The guest's
// `fs` is a thin guest-side shim over host functions made with quickjs-emscripten-core's
// `context.newFunction`; each host function unmarshals its arguments from guest handles, calls
// memfs on the host, and marshals the result back (strings with getString/newString, bytes with
// getArrayBuffer/newArrayBuffer, stats as a guest object with one property per numeric field).
//
// The shim does the cheap type dispatch in the guest (string vs bytes, utf8 vs Buffer), so every
// call crosses the boundary exactly once with already-typed arguments. It is meant to be a fair,
// reasonably tight bridge, not a straw man.

// Numeric fields of Node's fs.Stats, all of which a guest may read.
const STAT_FIELDS = [
  "dev",
  "ino",
  "mode",
  "nlink",
  "uid",
  "gid",
  "rdev",
  "size",
  "blksize",
  "blocks",
  "atimeMs",
  "mtimeMs",
  "ctimeMs",
  "birthtimeMs",
]

/** Installs `globalThis.__bridgeHost` (host functions) in ctx, backed by the memfs Volume vol. */
export function installBridgeHost(ctx, vol) {
  const host = ctx.newObject()
  const def = (name, fn) => {
    const f = ctx.newFunction(name, fn)
    ctx.setProp(host, name, f)
    f.dispose()
  }

  def("writeFileString", (pathH, dataH) => {
    vol.writeFileSync(ctx.getString(pathH), ctx.getString(dataH))
  })
  def("writeFileBytes", (pathH, abH) => {
    const path = ctx.getString(pathH)
    // A view on Wasm memory that is freed on dispose: copy it out first.
    const view = ctx.getArrayBuffer(abH)
    let bytes
    try {
      bytes = Buffer.from(view.value)
    } finally {
      view.dispose()
    }
    vol.writeFileSync(path, bytes)
  })
  def("readFileText", (pathH, encH) => ctx.newString(vol.readFileSync(ctx.getString(pathH), ctx.getString(encH))))
  def("readFileBytes", (pathH) => {
    const b = vol.readFileSync(ctx.getString(pathH))
    // newArrayBuffer copies into Wasm memory; pass the whole backing buffer when it is exact.
    return ctx.newArrayBuffer(b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b)
  })
  def("existsSync", (pathH) => (vol.existsSync(ctx.getString(pathH)) ? ctx.true : ctx.false))
  def("statSync", (pathH) => {
    const s = vol.statSync(ctx.getString(pathH))
    const obj = ctx.newObject()
    for (const key of STAT_FIELDS) {
      const v = ctx.newNumber(Number(s[key]))
      ctx.setProp(obj, key, v)
      v.dispose()
    }
    return obj
  })
  def("readdirSync", (pathH) => {
    const names = vol.readdirSync(ctx.getString(pathH))
    const arr = ctx.newArray()
    for (let i = 0; i < names.length; i++) {
      const s = ctx.newString(String(names[i]))
      ctx.setProp(arr, i, s)
      s.dispose()
    }
    return arr
  })
  def("mkdirSync", (pathH, recursiveH) => {
    const r = vol.mkdirSync(ctx.getString(pathH), { recursive: ctx.dump(recursiveH) === true })
    return r === undefined ? ctx.undefined : ctx.newString(r)
  })

  ctx.setProp(ctx.global, "__bridgeHost", host)
  host.dispose()
}

// Guest source: builds `fs` from __bridgeHost. Expects `Buffer` in scope.
export const BRIDGE_SHIM_SOURCE = String.raw`
var fs = (function (host) {
  var S_IFMT = 0o170000, S_IFREG = 0o100000, S_IFDIR = 0o040000, S_IFLNK = 0o120000;
  var StatsProto = {
    isFile: function () { return (this.mode & S_IFMT) === S_IFREG; },
    isDirectory: function () { return (this.mode & S_IFMT) === S_IFDIR; },
    isSymbolicLink: function () { return (this.mode & S_IFMT) === S_IFLNK; },
  };
  function encodingOf(options) {
    if (typeof options === 'string') return options;
    return options && options.encoding ? options.encoding : null;
  }
  function toArrayBuffer(view) {
    var ab = view.buffer;
    return view.byteOffset === 0 && view.byteLength === ab.byteLength ? ab : ab.slice(view.byteOffset, view.byteOffset + view.byteLength);
  }
  return {
    writeFileSync: function (path, data) {
      if (typeof data === 'string') host.writeFileString(String(path), data);
      else host.writeFileBytes(String(path), data instanceof ArrayBuffer ? data : toArrayBuffer(data));
    },
    readFileSync: function (path, options) {
      var enc = encodingOf(options);
      if (enc && enc !== 'buffer') return host.readFileText(String(path), enc);
      return Buffer.from(host.readFileBytes(String(path)));
    },
    existsSync: function (path) { return host.existsSync(String(path)); },
    statSync: function (path) { return Object.setPrototypeOf(host.statSync(String(path)), StatsProto); },
    readdirSync: function (path) { return host.readdirSync(String(path)); },
    mkdirSync: function (path, options) {
      return host.mkdirSync(String(path), !!(options && options.recursive));
    },
  };
})(globalThis.__bridgeHost);
`
