// Runs one generated fs operation sequence and returns its transcript. The same source runs in
// real Node (required by fuzz.mjs) and in the sandbox (its text is sent as the guest's main
// script), so both sides normalise results identically.
//
// Operations are JSON: { op, args, kind } where kind is 'sync' (default), 'cb' (the callback form,
// recording the callback's arguments) or 'promise' (fs.promises). Arguments use tagged values for
// what JSON cannot carry: {$p: rel} a path under the sequence's root, {$fd: k} the k-th fd this
// sequence opened (closed or not), {$buf: base64}, {$undef: 1}, {$nan: 1}, {$inf: ±1},
// {$big: "n"}, {$date: ms}, {$fn: 1} (a function where an argument is expected), {$sym: 1}.
"use strict"

function fuzzExecute(fs, root, ops, done) {
  var fds = []
  var transcript = []

  function decode(v) {
    if (Array.isArray(v)) return v.map(decode)
    if (v === null || typeof v !== "object") return v
    if ("$p" in v) return v.$p === "" ? "" : root + "/" + v.$p
    if ("$abs" in v) return v.$abs
    if ("$fd" in v) return v.$fd < fds.length ? fds[v.$fd] : 1000 + v.$fd
    if ("$buf" in v) return Buffer.from(v.$buf, "base64")
    if ("$undef" in v) return undefined
    if ("$nan" in v) return NaN
    if ("$inf" in v) return v.$inf * Infinity
    if ("$big" in v) return BigInt(v.$big)
    if ("$date" in v) return new Date(v.$date)
    if ("$fn" in v) return function () {}
    if ("$sym" in v) return Symbol("s")
    var o = {}
    for (var k in v) o[k] = decode(v[k])
    return o
  }

  // the root's parent belongs to the run too ('..' and '../x' links reach it)
  var base = root.slice(0, root.lastIndexOf("/"))
  // the names mkdtemp made, whose last six characters are random
  var temps = []
  function rel(s) {
    if (typeof s !== "string") return s
    s = s.split(base).join("<base>")
    temps.forEach(function (t) {
      s = s.split(t).join(t.slice(0, -6) + "XXXXXX")
    })
    return s
  }

  // mtimes the sequence set itself are small (before 2010); anything else is "now"-ish, whose
  // exact value differs between the two runs.
  function time(ms) {
    if (typeof ms !== "number" || Number.isNaN(ms)) return String(ms)
    return ms < 1.3e12 ? Math.round(ms) : "recent"
  }

  function statOf(s) {
    var type = s.isFile() ? "file" : s.isDirectory() ? "dir" : s.isSymbolicLink() ? "link" : "other"
    var out = { type: type, mode: s.mode & 0o7777 }
    // a directory's size and link count are the file system's own (ext4: 4096, 2 + subdirs)
    // and a link's size is its target's length, which holds the run's own directory
    if (type !== "dir" && type !== "link") {
      out.size = typeof s.size === "bigint" ? "big:" + s.size : s.size
      out.nlink = typeof s.nlink === "bigint" ? Number(s.nlink) : s.nlink
    }
    out.mtime = time(Number(s.mtimeMs))
    return out
  }

  function norm(v, depth) {
    depth = depth || 0
    if (depth > 4) return "<deep>"
    if (v === undefined) return { $undef: 1 }
    if (v === null || typeof v === "boolean") return v
    if (typeof v === "number") return Number.isNaN(v) ? { $nan: 1 } : v
    if (typeof v === "bigint") return { $big: String(v) }
    if (typeof v === "string") return rel(v)
    if (typeof v === "function") return { $fn: 1 }
    if (Buffer.isBuffer(v)) return { $buf: v.toString("base64") }
    if (v instanceof Error) return errorOf(v)
    if (v instanceof fs.Stats || (v && typeof v.isFile === "function" && "mode" in v)) return statOf(v)
    if (v instanceof fs.Dirent) {
      var d = { name: rel(v.name), type: v.isFile() ? "file" : v.isDirectory() ? "dir" : v.isSymbolicLink() ? "link" : "other" }
      if (v.parentPath !== undefined) d.parentPath = rel(v.parentPath)
      return d
    }
    if (Array.isArray(v)) {
      var a = v.map(function (x) {
        return norm(x, depth + 1)
      })
      // a directory's listing order is the file system's own: compare sorted
      if (
        v.every(function (x) {
          return typeof x === "string" || x instanceof fs.Dirent || Buffer.isBuffer(x)
        })
      ) {
        a.sort(function (x, y) {
          var kx = JSON.stringify(x),
            ky = JSON.stringify(y)
          return kx < ky ? -1 : kx > ky ? 1 : 0
        })
      }
      return a
    }
    if (typeof v === "object") {
      var o = {}
      Object.keys(v)
        .sort()
        .forEach(function (k) {
          o[k] = norm(v[k], depth + 1)
        })
      return o
    }
    return String(v)
  }

  function errorOf(e) {
    if (!(e instanceof Error)) return { thrown: norm(e, 3) }
    var out = { name: e.name, code: e.code, message: rel(e.message) }
    ;["errno", "syscall", "path", "dest"].forEach(function (k) {
      if (e[k] !== undefined) out[k] = rel(e[k])
    })
    return out
  }

  function resultOf(op, value) {
    if (/mkdtemp/.test(op) && typeof value === "string" && value.length >= 6) {
      temps.push(value.slice(value.lastIndexOf("/") + 1))
    }
    if (op === "openSync" || op === "open") {
      if (typeof value === "number") {
        fds.push(value)
        return { fd: fds.length - 1 }
      }
    }
    if (op === "promises.open" && value && typeof value.fd === "number") {
      fds.push(value.fd)
      return { fd: fds.length - 1 }
    }
    if (op === "opendirSync" && value && typeof value.readSync === "function") {
      var names = []
      for (var d; (d = value.readSync()) !== null;) names.push(d)
      value.closeSync()
      return { dir: norm(names) }
    }
    return norm(value)
  }

  function target(op) {
    if (op.indexOf("promises.") === 0) return fs.promises[op.slice(9)]
    return fs[op]
  }

  // an exception Node throws later, outside the call (a bad argument met asynchronously)
  function uncaught(e) {
    transcript.push(["uncaught", errorOf(e)])
  }
  process.on("uncaughtException", uncaught)
  // relative paths (and a path argument that is not one, converted) land in the root
  var cwd = process.cwd()
  process.chdir(root)

  function linkToDirUnder(dir) {
    var names
    try {
      names = fs.readdirSync(dir)
    } catch (e) {
      return false
    }
    return names.some(function (name) {
      var p = dir + "/" + name,
        st
      try {
        st = fs.lstatSync(p)
      } catch (e) {
        return false
      }
      if (st.isSymbolicLink()) {
        try {
          return fs.statSync(p).isDirectory()
        } catch (e) {
          return false
        }
      }
      return st.isDirectory() && linkToDirUnder(p)
    })
  }

  function step(i) {
    if (i >= ops.length) {
      // fds left open would leak into the next sequences of the run, where a number standing
      // for "never opened" (1000 + k) could then be open on one side only
      fds.forEach(function (fd) {
        try {
          fs.closeSync(fd)
        } catch (e) {
          /* closed by the sequence */
        }
      })
      process.removeListener("uncaughtException", uncaught)
      process.chdir(cwd)
      // (a tree too deep to walk, say a copy into itself through a link, is an answer too:
      // thrown from here it would leave the sequence unfinished, and a Node run waiting)
      var entries
      try {
        entries = tree()
      } catch (e) {
        entries = [["(walk)", errorOf(e)]]
      }
      transcript.push(["tree", entries])
      done(transcript)
      return
    }
    var o = ops[i]
    var args = decode(o.args || [])
    var fn = target(o.op)
    var kind = o.kind || (o.op.indexOf("promises.") === 0 ? "promise" : "sync")
    if (typeof fn !== "function") {
      transcript.push([i, o.op, "missing"])
      step(i + 1)
      return
    }
    // Node 20's recursive readdir follows links to directories until ELOOP: two links to '.'
    // make 2^40 entries and Node dies of it (the sandbox stops at its CPU timeout). Both sides
    // skip such a call when a link to a directory is in the tree, alike.
    if (
      /readdir/.test(o.op) &&
      args.some(function (a) {
        return a && typeof a === "object" && a.recursive
      }) &&
      linkToDirUnder(root)
    ) {
      transcript.push([i, o.op, "skipped: recursive through a link to a directory"])
      step(i + 1)
      return
    }
    if (kind === "sync") {
      try {
        transcript.push([i, o.op, "ok", resultOf(o.op, fn.apply(fs, args))])
      } catch (e) {
        transcript.push([i, o.op, "threw", errorOf(e)])
      }
      step(i + 1)
      return
    }
    if (kind === "promise") {
      var p
      try {
        p = fn.apply(fs.promises, args)
      } catch (e) {
        transcript.push([i, o.op, "threw", errorOf(e)])
        step(i + 1)
        return
      }
      Promise.resolve(p).then(
        function (v) {
          var result
          try {
            result = resultOf(o.op, v)
          } catch (e) {
            result = { unreadable: errorOf(e) }
          }
          transcript.push([i, o.op, "ok", result])
          if (o.op === "promises.open" && v && typeof v.close === "function")
            v.close().then(function () {
              step(i + 1)
            })
          else step(i + 1)
        },
        function (e) {
          transcript.push([i, o.op, "rejected", errorOf(e)])
          step(i + 1)
        },
      )
      return
    }
    // callback form: the callback's arguments, or that it was never called (checked after a
    // timer turn, long enough for any fs callback of the sandbox and Node's thread pool)
    var called = 0,
      sync = true,
      settled = false
    var timer = setTimeout(function () {
      settled = true
      transcript.push([i, o.op, "no callback"])
      step(i + 1)
    }, 10000)
    function cb(err, value) {
      called++
      if (settled) {
        transcript.push([i, o.op, "late or repeated callback"])
        return
      }
      settled = true
      clearTimeout(timer)
      transcript.push([i, o.op, sync ? "sync callback" : "callback", err ? errorOf(err) : null, resultOf(o.op, value)])
      step(i + 1)
    }
    try {
      fn.apply(fs, args.concat([cb]))
    } catch (e) {
      settled = true
      clearTimeout(timer)
      transcript.push([i, o.op, "threw", errorOf(e)])
      step(i + 1)
      return
    }
    sync = false
  }

  function head(p) {
    var fd = fs.openSync(p, "r")
    try {
      var b = Buffer.alloc(65536)
      return b.subarray(0, fs.readSync(fd, b, 0, b.length, 0)).toString("base64")
    } finally {
      fs.closeSync(fd)
    }
  }

  function tree() {
    var out = []
    ;(function walk(dir, relDir) {
      var names
      try {
        names = fs.readdirSync(dir).sort()
      } catch (e) {
        out.push([relDir, "unreadable", e.code])
        return
      }
      names.sort(function (x, y) {
        return rel(x) < rel(y) ? -1 : rel(x) > rel(y) ? 1 : 0
      })
      names.forEach(function (name) {
        var p = dir + "/" + name,
          r = rel(relDir ? relDir + "/" + name : name)
        var s = fs.lstatSync(p)
        var e = [r, statOf(s)]
        if (s.isSymbolicLink()) {
          var t = fs.readlinkSync(p)
          e.push(rel(t), s.size === Buffer.byteLength(t) ? "size of target" : s.size)
        }
        // (a sparse file truncated to gigabytes: its first bytes; its size is in the stat)
        else if (s.isFile()) e.push(s.size <= 65536 ? fs.readFileSync(p).toString("base64") : head(p))
        out.push(e)
        if (s.isDirectory()) walk(p, r)
      })
    })(root, "")
    return out
  }

  step(0)
}

if (typeof module !== "undefined" && module.exports) module.exports = fuzzExecute
