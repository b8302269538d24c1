// --js-library: the only places where C calls out to the host. quickjs-emscripten-core
// installs `Module.callbacks`; the first argument of each callback is the Asyncify handle of
// async builds, always undefined in this sync build. Without a host each function is inert.
// (A JS library rather than EM_JS: Debian's clang-19 does not export EM_JS's data symbols.)
addToLibrary({
  // A host function is a JS frame between the guest and anything it calls back: nothing
  // below it may suspend (see qjsw_host_await in mount_host.js).
  qts_host_call_function: (ctx, thisPtr, argc, argv, id) => {
    const cb = Module["callbacks"]
    if (!cb) return 0
    const active = Module["qjswActive"]
    Module["qjswActive"] = false
    try {
      return cb["callFunction"](undefined, ctx, thisPtr, argc, argv, id)
    } finally {
      Module["qjswActive"] = active
    }
  },
  qts_host_free_host_ref: (rt, id) => {
    const cb = Module["callbacks"]
    if (cb) cb["freeHostRef"](undefined, rt, id)
  },
  qts_host_should_interrupt: (rt) => {
    const cb = Module["callbacks"]
    return cb ? cb["shouldInterrupt"](undefined, rt) : 0
  },
  qts_host_load_module_source__deps: ["$UTF8ToString"],
  qts_host_load_module_source: (rt, ctx, name) => {
    const cb = Module["callbacks"]
    return cb ? cb["loadModuleSource"](undefined, rt, ctx, UTF8ToString(name)) : 0
  },
  qts_host_normalize_module__deps: ["$UTF8ToString"],
  qts_host_normalize_module: (rt, ctx, base, name) => {
    const cb = Module["callbacks"]
    return cb ? cb["normalizeModule"](undefined, rt, ctx, UTF8ToString(base), UTF8ToString(name)) : 0
  },
})

// The guest's standard streams (native/wasmfs/stdio.cpp): Module.qjswStdio is the sandbox's, or what
// the embedder passed in its Emscripten module options; without one stdin is empty (EOF) and
// output is dropped. Never the host process's own stdio.
addToLibrary({
  qjsw_stdio_read: (fd, buf, len) => {
    const io = Module["qjswStdio"]
    if (!io || !io["read"]) return 0
    try {
      const n = io["read"](HEAPU8.subarray(buf, buf + len))
      return n > 0 ? Math.min(n, len) : n | 0
    } catch (e) {
      return -29 // EIO
    }
  },
  qjsw_stdio_write: (fd, buf, len) => {
    const io = Module["qjswStdio"]
    // a copy: the callback may keep it, and the guest's memory may grow under a view
    if (io && io["write"]) {
      try {
        io["write"](fd, HEAPU8.slice(buf, buf + len))
      } catch (e) {
        return -29 // EIO
      }
    }
    return len
  },
})

// The host's time zones for the guest (native/bindings/intl.c): kind 0 the local zone's id, 1 the
// offset in ms of `zone` (or the local zone) at time `t`, 2 the zone name the host's Date
// prints in toString() at `t` (for a `zone`, its long name, which is what V8 prints), 3 every
// zone id the host knows, space-separated, 4 the host's canonical id for `zone`. -1 without
// an answer (a host without Intl, an unknown zone).
addToLibrary({
  $qjswZoneFormats: {},
  $qjswZoneAnswer__deps: ["$qjswZoneFormats"],
  $qjswZoneAnswer: (kind, t, zone) => {
    if (kind === 2) {
      if (zone != null) {
        var named = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "long" }).formatToParts(t)
        return named.find((part) => part.type === "timeZoneName")?.value
      }
      var m = /\(([^()]*)\)$/.exec(new Date(t).toString())
      return m ? m[1] : undefined
    }
    if (typeof Intl !== "object") return undefined
    if (kind === 0) return new Intl.DateTimeFormat().resolvedOptions().timeZone
    if (kind === 3) return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone").join(" ") : undefined
    if (kind === 4) return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone
    if (kind !== 1) return undefined
    if (zone == null) return String(-new Date(t).getTimezoneOffset() * 60000)
    var f = qjswZoneFormats[zone]
    if (!f) {
      f = qjswZoneFormats[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      })
    }
    var p = {}
    f.formatToParts(t).forEach(function (part) {
      p[part.type] = part.value
    })
    var year = +p.year
    if (/^B/.test(p.era)) year = 1 - year
    var d = new Date(0)
    d.setUTCFullYear(year, +p.month - 1, +p.day)
    d.setUTCHours(+p.hour, +p.minute, +p.second, 0)
    return String(d.getTime() - Math.floor(t / 1000) * 1000)
  },
  qjsw_host_zone__deps: ["$qjswZoneAnswer", "$UTF8ToString", "$stringToUTF8", "$lengthBytesUTF8"],
  qjsw_host_zone: (kind, t, zone, buf, len) => {
    var s
    try {
      s = qjswZoneAnswer(kind, t, zone ? UTF8ToString(zone) : null)
    } catch (e) {
      return -1
    }
    if (typeof s !== "string") return -1
    var n = lengthBytesUTF8(s) + 1
    if (n <= len) stringToUTF8(s, buf, len)
    return n
  },
})

// The compile cache (native/loader/compile_cache.c): Module.qjswCodeCache, the host's store of the
// bytecode this engine wrote, by the 32-byte key compile_cache.c made. Without one (or when it
// throws) every file is parsed.
addToLibrary({
  qjsw_host_code_cache_on: () => (Module["qjswCodeCache"] ? 1 : 0),
  qjsw_host_code_cache_get__deps: ["malloc"],
  qjsw_host_code_cache_get: (key, lenPtr) => {
    const cache = Module["qjswCodeCache"]
    if (!cache) return 0
    let bytes
    try {
      bytes = cache["get"](HEAPU8.slice(key, key + 32))
    } catch (e) {
      return 0
    }
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return 0
    const ptr = _malloc(bytes.length)
    if (!ptr) return 0
    HEAPU8.set(bytes, ptr) // (read after the malloc: a growth replaces the view)
    HEAPU32[lenPtr >> 2] = bytes.length
    return ptr
  },
  qjsw_host_code_cache_put: (key, data, len) => {
    const cache = Module["qjswCodeCache"]
    if (!cache) return
    try {
      cache["set"](HEAPU8.slice(key, key + 32), HEAPU8.slice(data, data + len))
    } catch (e) {
      // a store that cannot keep it: the next run parses again
    }
  },
})

// Atomics.wait's sleep (QuickJS patch 100): the thread blocks for `ms` without spinning where the
// host may block it (Node, a worker), else it spins (a page's main thread, no SharedArrayBuffer).
addToLibrary({
  qjsw_host_sleep: (ms) => {
    if (!(ms > 0)) return
    if (Module["qjswSleepCell"] !== false) {
      try {
        Module["qjswSleepCell"] ??= new Int32Array(new SharedArrayBuffer(4))
        Atomics.wait(Module["qjswSleepCell"], 0, 0, ms)
        return
      } catch (e) {
        Module["qjswSleepCell"] = false
      }
    }
    const end = performance.now() + ms
    while (performance.now() < end);
  },
})

// The monotonic clock (clock_gettime, the guest's hrtime and performance.now). In Node the
// `performance` global loads node:perf_hooks on first touch (5 ms of a cold start, inside the
// sandbox's boot); process.hrtime is there already. Only differences of it are used: the
// guest's timeline has its own origin (modules/internal/performance.js).
addToLibrary({
  $qjswNow:
    "typeof process == 'object' && typeof process.hrtime == 'function' && typeof process.versions?.node == 'string' ? () => { const t = process.hrtime(); return t[0] * 1e3 + t[1] / 1e6 } : () => performance.now()",
  emscripten_get_now__deps: ["$qjswNow"],
  emscripten_get_now: () => qjswNow(),
})
