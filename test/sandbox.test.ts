import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

async function runInSandbox(code: string, options: Parameters<typeof createSandbox>[0] = {}) {
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  try {
    const result = await sandbox.run(code, { filename: "/app/main.js" })
    return { ...result, stdout, stderr }
  } finally {
    sandbox.dispose()
  }
}

// A host directory mounted at `at` gets nothing the sandbox puts in its own tree there.
async function expectMountLeftEmpty(at: string) {
  const host = mkdtempSync(join(tmpdir(), "qjsw-mount-"))
  try {
    const mounted = await runInSandbox(`console.log(require('fs').readdirSync(${JSON.stringify(at)}))`, { mounts: { [at]: host } })
    expect(mounted.stdout).toBe("[]\n")
    expect(readdirSync(host)).toEqual([])
  } finally {
    rmSync(host, { recursive: true, force: true })
  }
}

function runInNode(code: string, name = "main.js") {
  const dir = mkdtempSync(join(tmpdir(), "qjsw-node-"))
  try {
    writeFileSync(join(dir, name), code)
    const r = spawnSync(process.execPath, [join(dir, name)], { encoding: "utf8", cwd: dir })
    return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Scripts whose stdout and exit code must be the same in Node and in the sandbox.
const scripts: Record<string, string> = {
  "console formatting": `
    console.log('hello', 42, true, null, undefined, [1, 'a'], { a: 1, b: 'x' });
    console.log('%s is %d years and %i%%', 'Bob', 42.5, 42.9, 'extra');
    console.log('%j', { j: [1] });
    console.info('info'); console.debug('debug');`,
  // (a short timer against setImmediate from the main module is racy in Node itself)
  "event loop order": `
    const log = [];
    // (long enough that a loaded machine still starts the loop before it is due: a timer due
    // by the first iteration runs before the immediates, in Node as here)
    setTimeout(() => { log.push('timeout 200'); console.log(log.join(',')); }, 200);
    setImmediate(() => {
      log.push('immediate');
      Promise.resolve().then(() => log.push('promise in immediate'));
      setImmediate(() => log.push('nested immediate'));
    });
    Promise.resolve().then(() => log.push('promise'));
    queueMicrotask(() => log.push('microtask'));
    log.push('sync');`,
  "microtasks run after each timer callback": `
    const log = [];
    setTimeout(() => { log.push('t1'); Promise.resolve().then(() => log.push('p1')); }, 2);
    setTimeout(() => { log.push('t2'); Promise.resolve().then(() => log.push('p2')); }, 2);
    setTimeout(() => console.log(log.join(',')), 30);`,
  "intervals and clear": `
    let n = 0;
    const id = setInterval(() => { n++; if (n === 3) { clearInterval(id); console.log('ticks', n); } }, 1);
    const t = setTimeout(() => console.log('never'), 1);
    clearTimeout(t);`,
  "exit code and exit event": `
    process.on('exit', (code) => console.log('exit event', code));
    console.log('before');
    process.exitCode = 3;`,
  "process.exit stops at once": `
    process.on('exit', (code) => console.log('exiting with', code));
    try { process.exit(7); } finally { console.log('finally must not run'); }
    console.log('not reached');`,
  "process basics": `
    console.log(typeof process.argv[0], process.platform, typeof process.env, process.cwd() === require('path').dirname(__filename) || process.cwd());
    console.log(typeof process.hrtime.bigint(), typeof process.nextTick, typeof Buffer.from);`,
  // Node drains the whole nextTick queue, then all microtasks, and again until both are empty:
  // after the main script and after every timer or immediate callback.
  "nextTick and microtasks after the main script": `
    const log = [];
    const t = (s) => () => log.push(s);
    process.nextTick(t('tick1'));
    Promise.resolve().then(() => {
      log.push('p1');
      process.nextTick(t('tick in p1'));
      Promise.resolve().then(t('p1 inner'));
    });
    Promise.resolve().then(t('p2')).then(t('p2b')).then(t('p2c'));
    queueMicrotask(() => { log.push('qm'); process.nextTick(t('tick in qm')); });
    process.nextTick(() => {
      log.push('tick2');
      process.nextTick(t('tick in tick2'));
      Promise.resolve().then(() => { log.push('p in tick2'); process.nextTick(t('tick in p in tick2')); });
    });
    process.nextTick((a, b) => log.push('args ' + a + b), 'x', 'y');
    let n = 0;
    const chain = () => { if (++n < 5000) process.nextTick(chain); else log.push('chain of ' + n); };
    process.nextTick(chain);
    Promise.resolve().then(t('after the chain?'));
    log.push('sync');
    setTimeout(() => console.log(log.join('\n')), 5);`,
  "nextTick in timers and immediates": `
    const log = [];
    const t = (s) => () => log.push(s);
    setTimeout(() => {
      log.push('timeout1');
      process.nextTick(t('tick in timeout1'));
      Promise.resolve().then(() => { log.push('p in timeout1'); process.nextTick(t('tick in p in timeout1')); });
      setImmediate(() => {
        log.push('imm1');
        Promise.resolve().then(t('p in imm1'));
        process.nextTick(t('tick in imm1'));
        setImmediate(t('imm nested'));
      });
      setImmediate(() => { log.push('imm2'); process.nextTick(t('tick in imm2')); });
      setTimeout(() => console.log(log.join('\n')), 10);
    }, 1);
    setTimeout(() => {
      log.push('timeout2');
      Promise.resolve().then(t('p in timeout2'));
      process.nextTick(() => { log.push('tick in timeout2'); queueMicrotask(t('qm in tick in timeout2')); });
    }, 1);
    // both timers are due at the first timers phase, whatever millisecond each was set in
    const end = Date.now() + 3;
    while (Date.now() < end);`,
  "a throwing nextTick is an uncaught exception": `
    process.on('exit', (code) => console.log('exit', code));
    process.nextTick(() => console.log('first tick'));
    process.nextTick(() => { throw new Error('tick failed'); });
    process.nextTick(() => console.log('never'));
    Promise.resolve().then(() => console.log('never either'));
    try { process.nextTick(42); } catch (e) { console.log(e.code, e.message); }`,
  "process.memoryUsage shape": `
    const m = process.memoryUsage();
    console.log(Object.keys(m).join(), Object.values(m).map((v) => typeof v).join(), typeof process.memoryUsage.rss());`,
  "rejections are checked after ticks and microtasks": `
    process.on('exit', (c) => console.log('exit', c));
    const p = Promise.reject(new Error('late catch'));
    process.nextTick(() => p.catch((e) => console.log('caught in tick:', e.message)));
    setTimeout(() => {
      Promise.reject(new Error('unhandled'));
      process.nextTick(() => console.log('tick before the crash'));
      Promise.resolve().then(() => console.log('promise before the crash'));
      setTimeout(() => console.log('never'), 0);
    }, 1);`,
  // With 'uncaughtException' listeners the run goes on; Node leaves the rest of the tick queue
  // to after the next callback (an empty immediate it queues).
  "uncaughtException listeners take errors from ticks, timers, immediates and rejections": `
    process.on('exit', (c) => console.log('exit', c));
    process.on('uncaughtExceptionMonitor', (e, origin) => console.log('monitor', e.message, origin));
    process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
    process.nextTick(() => { throw new Error('in tick'); });
    process.nextTick(() => console.log('next tick still runs'));
    Promise.resolve().then(() => console.log('promise'));
    setTimeout(() => {
      setTimeout(stage2, 1);
      throw new Error('in timer');
    }, 1);
    function stage2() {
      console.log('stage 2');
      setImmediate(() => { throw new Error('in immediate'); });
      setImmediate(() => { console.log('next immediate'); setTimeout(stage3, 1); });
    }
    function stage3() {
      Promise.reject(new Error('rejected'));
      setTimeout(() => {
        Promise.reject(42);
        Promise.reject(new Error('and another'));
        setTimeout(() => { throw 'a string'; }, 1);
      }, 1);
    }
    // the 1 ms timer is due at the first timers phase, whatever millisecond it was set in
    const end = Date.now() + 3;
    while (Date.now() < end);`,
  "an uncaughtException listener takes the main script's error": `
    process.on('exit', (c) => console.log('exit', c));
    process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
    setTimeout(() => console.log('timer still runs'), 1);
    Promise.resolve().then(() => console.log('promise still runs'));
    process.nextTick(() => console.log('tick still runs'));
    throw new Error('in main');`,
  "a throwing uncaughtException listener ends the run with 7": `
    process.on('exit', (c) => console.log('exit', c));
    process.on('uncaughtException', (e) => { console.log('listener sees', e.message); throw new Error('listener failed'); });
    setTimeout(() => { throw new Error('boom'); }, 1);
    setTimeout(() => console.log('never'), 20);`,
  "require and fs from main": `
    const fs = require('fs');
    const path = require('path');
    fs.writeFileSync(path.join(__dirname, 'data.json'), JSON.stringify({ ok: true }));
    console.log(require('./data.json').ok, path.basename(__filename));`,
  // V8's test globals, which Node's own tests turn on with their // Flags: line
  "--expose-gc and --expose-externalize-string in a child": `
    const cp = require('child_process');
    const inner = \`
      const out = [typeof gc, gc.length];
      for (const s of ['abc', 'ümlaut', 'Zhōngwén', '😀', 'x'.repeat(20)]) out.push(isOneByteString(s));
      out.push(externalizeString('a string no other test uses, 1'));
      const tries = [() => externalizeString('a string no other test uses, 1'), () => externalizeString(1),
        () => externalizeString('a string no other test uses, 2', 1), () => isOneByteString(), () => isOneByteString('a', 'b')];
      for (const f of tries) try { f() } catch (e) { out.push(e.constructor.name + ': ' + e.message) }
      out.push(externalizeString.length, isOneByteString.length, externalizeString.name);
      console.log(JSON.stringify(out));\`;
    const run = (flags) => cp.execFileSync(process.execPath, [...flags, '-e', inner], { encoding: 'utf8' }).trim();
    console.log(run(['--expose-gc', '--expose_externalize_string']));
    try { run([]) } catch (e) { console.log(e.status, /ReferenceError: gc is not defined/.test(e.stderr)) }
    console.log(typeof gc, typeof externalizeString, typeof isOneByteString);`,
}

describe("createSandbox", () => {
  for (const [name, code] of Object.entries(scripts)) {
    it(`matches Node: ${name}`, async () => {
      const node = runInNode(code)
      const sandbox = await runInSandbox(code, { cwd: "/app" })
      expect({ stdout: sandbox.stdout, exitCode: sandbox.exitCode }).toEqual({
        stdout: node.stdout,
        exitCode: node.exitCode,
      })
    })
  }

  it("matches Node: nextTick and microtasks around an ES main module", async () => {
    const code = `
      const log = [];
      const t = (s) => () => log.push(s);
      process.nextTick(t('tick1'));
      Promise.resolve().then(() => { log.push('p1'); process.nextTick(t('tick in p1')); });
      Promise.resolve().then(t('p2')).then(t('p2b'));
      process.nextTick(() => { log.push('tick2'); Promise.resolve().then(t('p in tick2')); });
      await null;
      log.push('after await');
      process.nextTick(t('tick after await'));
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.push('after timeout');
      process.nextTick(t('tick after timeout'));
      Promise.resolve().then(t('p after timeout'));
      setTimeout(() => console.log(log.join('\\n')), 5);`
    const node = runInNode(code, "main.mjs")
    let stdout = ""
    const sandbox = await createSandbox({ files: { "/app/main.mjs": code }, stdout: (t) => (stdout += t) })
    const r = await sandbox.runFile("/app/main.mjs")
    sandbox.dispose()
    expect({ stdout, exitCode: r.exitCode }).toEqual({ stdout: node.stdout, exitCode: node.exitCode })
  })

  it("reports real memory figures in process.memoryUsage()", async () => {
    const r = await runInSandbox(`
      const before = process.memoryUsage();
      const keep = [];
      for (let i = 0; i < 100000; i++) keep.push({ i, s: 'item ' + i });
      const objects = process.memoryUsage();
      require('fs').writeFileSync('/big.bin', Buffer.alloc(4 << 20, 1));
      const file = process.memoryUsage();
      const rss = process.memoryUsage.rss();
      console.log(JSON.stringify({ before, objects, file, rss, kept: keep.length }));`)
    expect(r.exitCode).toBe(0)
    const { before, objects, file, rss } = JSON.parse(r.stdout)
    for (const m of [before, objects, file]) {
      expect(Object.values(m).every(Number.isInteger)).toBe(true)
      expect(m.heapUsed).toBeGreaterThan(0)
      expect(m.heapUsed).toBeLessThanOrEqual(m.heapTotal)
      expect(m.heapTotal + m.external).toBeLessThanOrEqual(m.rss)
    }
    // 100k objects are JS heap; a 4 MiB file is memory outside it
    expect(objects.heapUsed - before.heapUsed).toBeGreaterThan(2_000_000)
    expect(Math.abs(objects.external - before.external)).toBeLessThan(100_000)
    expect(file.external - objects.external).toBeGreaterThanOrEqual(4 << 20)
    expect(rss).toBeGreaterThanOrEqual(file.rss)
  })

  it("loads a chain of 150 nested requires (about 190 fit in QuickJS's stack)", async () => {
    const files: Record<string, string> = {}
    const depth = 150
    for (let i = 0; i < depth; i++) {
      files[`/chain/m${i}.js`] = i + 1 < depth ? `module.exports = require('./m${i + 1}.js') + 1;` : "module.exports = 0;"
    }
    files["/chain/main.js"] = "console.log(require('./m0.js'));"
    let out = ""
    const sandbox = await createSandbox({ files, stdout: (t) => (out += t), stderr: (t) => (out += t) })
    expect(await sandbox.runFile("/chain/main.js")).toEqual({ exitCode: 0 })
    expect(out).toBe(`${depth - 1}\n`)
    sandbox.dispose()
  })

  it("matches Node: an ES main module's error goes to uncaughtException, not unhandledRejection", async () => {
    const code = `
      process.on('exit', (c) => console.log('exit', c));
      process.on('unhandledRejection', (r) => console.log('unhandledRejection', r.message));
      process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
      setTimeout(() => console.log('timer still runs'), 1);
      throw new Error('esm main');`
    const node = runInNode(code, "main.mjs")
    let stdout = ""
    const sandbox = await createSandbox({ files: { "/app/main.mjs": code }, stdout: (t) => (stdout += t) })
    const r = await sandbox.runFile("/app/main.mjs")
    sandbox.dispose()
    expect(node.stdout).toContain("caught esm main")
    expect({ stdout, exitCode: r.exitCode }).toEqual({ stdout: node.stdout, exitCode: node.exitCode })
  })

  it("has a file at process.execPath: a copy of it or a link to it runs node, as that file", async () => {
    // Node's tests and tools (which/cross-spawn) stat, read, copy and link to the node binary
    const code = `
      const fs = require('fs'), cp = require('child_process');
      const st = fs.statSync(process.execPath);
      console.log(process.execPath, st.isFile(), (st.mode & 0o777).toString(8));
      fs.mkdirSync('/tmp/bin', { recursive: true });
      fs.copyFileSync(process.execPath, '/tmp/bin/node-copy');
      fs.chmodSync('/tmp/bin/node-copy', 0o755);
      fs.symlinkSync('/tmp/bin/node-copy', '/tmp/bin/link');
      const run = (file) => cp.execFileSync(file, ['-p', 'process.execPath + " " + process.argv[0]'], { encoding: 'utf8' }).trim();
      console.log(run('/tmp/bin/node-copy'));
      console.log(run('/tmp/bin/link'));
      console.log(run(process.execPath));
      fs.writeFileSync('/tmp/bin/other', 'not node'); fs.chmodSync('/tmp/bin/other', 0o755);
      try { run('/tmp/bin/other'); } catch (e) { console.log(e.code); }`
    const r = await runInSandbox(code)
    expect(r.stderr).toBe("")
    expect(r.stdout).toBe(
      [
        "/usr/local/bin/node true 755",
        "/tmp/bin/node-copy /tmp/bin/node-copy",
        "/tmp/bin/node-copy /tmp/bin/node-copy",
        "/usr/local/bin/node /usr/local/bin/node",
        "ENOENT",
        "",
      ].join("\n"),
    )
    // a tree that brings its own /usr keeps it as it is
    const own = await runInSandbox("console.log(require('fs').readdirSync('/usr'))", { files: { "/usr/lib/x": "" } })
    expect(own.stdout).toBe("[ 'lib' ]\n")
    // and a host directory mounted there never gets the stand-in written into it
    await expectMountLeftEmpty("/usr/local")
  })

  it("has /proc/sys/kernel/hostname: empty by stat, os.hostname() when read, read-only, there every run", async () => {
    // as procfs: size 0, so only a read to the end (readFile, streams, FileHandle.readFile) gets it
    const code = `
      const fs = require('fs'), p = '/proc/sys/kernel/hostname';
      const st = fs.statSync(p);
      console.log(st.isFile(), st.size, (st.mode & 0o777).toString(8));
      console.log(JSON.stringify(fs.readFileSync(p, 'utf8')) === JSON.stringify(require('os').hostname() + '\\n'));
      const fd = fs.openSync(p, 'r'); const buf = Buffer.alloc(64);
      console.log(fs.readSync(fd, buf, 0, 64, 0), fs.readSync(fd, buf, 0, 64, 4), fs.readSync(fd, buf, 0, 64, 10)); fs.closeSync(fd);
      for (const flags of ['w', 'r+', 'a']) try { fs.openSync(p, flags) } catch (e) { console.log(e.code, e.syscall) }
      fs.promises.readFile(p, 'utf8').then((s) => { console.log(s.length); fs.rmSync('/proc', { recursive: true }) })`
    let out = ""
    const sandbox = await createSandbox({ stdout: (t) => (out += t), stderr: (t) => (out += t) })
    try {
      await sandbox.run(code)
      expect(out).toBe(["true 0 644", "true", "10 6 0", "EROFS open", "EROFS open", "EROFS open", "10", ""].join("\n"))
      // what the last run removed is back in the next
      out = ""
      await sandbox.run("console.log(require('fs').readFileSync('/proc/sys/kernel/hostname', 'utf8').length)")
      expect(out).toBe("10\n")
    } finally {
      sandbox.dispose()
    }
    // a host directory mounted at /proc is the host's: nothing is written into it
    await expectMountLeftEmpty("/proc")
    // nor into one a guest points /proc (or /proc/sys) at with a link before the next run
    for (const replaced of ["/proc", "/proc/sys"]) {
      const host = mkdtempSync(join(tmpdir(), "qjsw-proc-link-"))
      let text = ""
      const linked = await createSandbox({ mounts: { "/host": host }, stdout: (t) => (text += t) })
      try {
        await linked.run(
          `const fs = require('fs'); fs.rmSync(${JSON.stringify(replaced)}, { recursive: true }); fs.symlinkSync('/host', ${JSON.stringify(replaced)})`,
        )
        await linked.run(
          "console.log(require('fs').readFileSync('/proc/sys/kernel/hostname', 'utf8').length, require('fs').readdirSync('/host'))",
        )
        expect(text).toBe("10 []\n")
        expect(readdirSync(host)).toEqual([])
      } finally {
        linked.dispose()
        rmSync(host, { recursive: true, force: true })
      }
    }
  })

  it("forgets in each run what the last one externalized (--expose-externalize-string)", async () => {
    let out = ""
    const sandbox = await createSandbox({ env: { NODE_OPTIONS: "--expose-externalize-string" }, stdout: (t) => (out += t) })
    try {
      const code = "try { externalizeString('one string, two runs'); console.log('ok') } catch (e) { console.log(e.message) }"
      await sandbox.run(code)
      await sandbox.run(code)
      await sandbox.run(`${code}; ${code}`)
      expect(out).toBe("ok\nok\nok\nstring does not support externalization.\n")
    } finally {
      sandbox.dispose()
    }
  })

  it("reports an uncaught error on stderr with exit code 1", async () => {
    const code = `console.log('start'); function f() { throw new TypeError('bad thing') } f();`
    const r = await runInSandbox(code)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe("start\n")
    // as Node: where it was thrown (a sandbox.run source too), then the stack with V8's columns
    const at = (text: string) => code.indexOf(text) + 1
    expect(r.stderr).toMatch(
      new RegExp(
        `^/app/main\\.js:1\n${code.replace(/[()]/g, "\\$&")}\n {${at("throw") - 1}}\\^\n\n` +
          `TypeError: bad thing\n {4}at f \\(/app/main\\.js:1:${at("new")}\\)\n {4}at .*/app/main\\.js:1:${at("f();")}\\)\n`,
      ),
    )
  })

  it("runs files given up front, with require between them", async () => {
    let out = ""
    const sandbox = await createSandbox({
      files: { "/proj/index.js": "console.log(require('./lib').twice(21))", "/proj/lib.js": "exports.twice = (n) => n * 2" },
      stdout: (t) => (out += t),
    })
    const r = await sandbox.runFile("/proj/index.js")
    sandbox.dispose()
    expect(r).toEqual({ exitCode: 0 })
    expect(out).toBe("42\n")
  })

  it("writes each of `files` with its own bytes: strings, views into larger buffers, Buffers from Node's pool", async () => {
    const big = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const files: Record<string, string | Uint8Array> = {
      "/f/text.txt": "héllo \u{1F600}",
      "/f/whole.bin": new Uint8Array([1, 2, 3]),
      "/f/view.bin": big.subarray(3, 6),
      "/f/pooled.bin": Buffer.from("pooled"), // a view into Node's shared 8 KiB pool
      "/f/empty.bin": new Uint8Array(0),
    }
    let out = ""
    const sandbox = await createSandbox({ files, stdout: (t) => (out += t) })
    const r = await sandbox.run(`
      const fs = require('fs');
      for (const f of fs.readdirSync('/f').sort()) console.log(f, fs.readFileSync('/f/' + f).toString('hex'));
    `)
    sandbox.dispose()
    expect(r).toEqual({ exitCode: 0 })
    const hex = (b: string | Uint8Array) => Buffer.from(b).toString("hex")
    expect(out).toBe(
      Object.keys(files)
        .map((p) => p.slice(3))
        .sort()
        .map((f) => `${f} ${hex(files[`/f/${f}`]!)}\n`)
        .join(""),
    )
  })

  it("stops at the timeout even with an uncaughtException listener", async () => {
    const sandbox = await createSandbox({ timeout: 300, stderr: () => {} })
    const r = await sandbox.run("process.on('uncaughtException', () => {}); setTimeout(() => { for (;;) {} }, 1)")
    sandbox.dispose()
    expect(r.exitCode).toBe(1)
    expect(r.error?.message).toMatch(/interrupted/)
  })

  it("stops an endless loop at the timeout and stays usable", async () => {
    const sandbox = await createSandbox({ timeout: 300, stderr: () => {} })
    const r = await sandbox.run("while (true) {}")
    expect(r.exitCode).toBe(1)
    expect(r.error?.message).toMatch(/interrupted/)
    sandbox.dispose()
    const again = await runInSandbox("console.log('fine')")
    expect(again.stdout).toBe("fine\n")
  })

  it("imports ES modules from the filesystem, with CommonJS and JSON interop", async () => {
    let out = ""
    const sandbox = await createSandbox({
      files: {
        "/esm/main.mjs": [
          "import { add } from './math.mjs';",
          "import cjs, { twice } from './legacy.cjs';",
          "import data from './data.json' with { type: 'json' };",
          "import pkg, { flavor } from 'dual';",
          "import path from 'node:path';",
          "const meta = [import.meta.url, path.basename(import.meta.filename), import.meta.dirname];",
          "console.log(add(2, 3), twice(4), cjs.twice === twice, data.n, flavor, pkg.flavor, meta.join(' '));",
          "const lazy = await import('./math.mjs');",
          "console.log(lazy.add(1, 1));",
        ].join("\n"),
        "/esm/math.mjs": "export const add = (a, b) => a + b;",
        "/esm/legacy.cjs": "exports.twice = (n) => n * 2;",
        "/esm/data.json": '{ "n": 7 }',
        "/esm/node_modules/dual/package.json": JSON.stringify({
          name: "dual",
          exports: { import: "./index.mjs", require: "./index.cjs" },
        }),
        "/esm/node_modules/dual/index.mjs": "export const flavor = 'esm'; export default { flavor: 'esm default' };",
        "/esm/node_modules/dual/index.cjs": "exports.flavor = 'cjs';",
        "/esm/bad.mjs": "import { nope } from './missing.mjs';",
      },
      stdout: (t) => (out += t),
      stderr: () => {},
    })
    expect(await sandbox.runFile("/esm/main.mjs")).toEqual({ exitCode: 0 })
    expect(out).toBe("5 8 true 7 esm esm default file:///esm/main.mjs main.mjs /esm\n2\n")
    out = ""
    expect(await sandbox.import("/esm/math.mjs")).toEqual({ exitCode: 0 })
    const bad = await sandbox.runFile("/esm/bad.mjs")
    expect(bad.exitCode).toBe(1)
    expect(bad.error?.message).toMatch(/Cannot find module '\/esm\/missing\.mjs' imported from \/esm\/bad\.mjs/)
    sandbox.dispose()
  })

  it("ends with exit code 1 on an unhandled rejection, unless a listener takes it", async () => {
    const r = await runInSandbox("Promise.reject(new RangeError('nobody caught me')); setTimeout(() => console.log('late'), 5)")
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe("")
    // as Node: a rejection is placed where its error was made
    expect(r.stderr).toMatch(/^\/app\/main\.js:1\nPromise\.reject\(.*\n {15}\^\n\nRangeError: nobody caught me\n/)
    const handled = await runInSandbox(
      "process.on('unhandledRejection', (e) => console.log('listener', e.message)); Promise.reject(new Error('x'));",
    )
    expect(handled).toMatchObject({ exitCode: 0, stdout: "listener x\n" })
    const caughtLater = await runInSandbox("const p = Promise.reject(new Error('y')); p.catch(() => console.log('caught'));")
    expect(caughtLater).toMatchObject({ exitCode: 0, stdout: "caught\n" })
    const listenerThrows = await runInSandbox(
      "process.on('unhandledRejection', () => { throw new TypeError('from the listener') }); Promise.reject(new Error('x')); setTimeout(() => console.log('late'), 5)",
    )
    expect(listenerThrows.exitCode).toBe(1)
    expect(listenerThrows.stdout).toBe("")
    expect(listenerThrows.stderr).toMatch(/^TypeError: from the listener/)
  })

  it("loads the builtins of what the sandbox cannot do; their calls fail as with no such program or network", async () => {
    const r = await runInSandbox(`const cp = require('child_process');
      cp.spawn('python3').on('error', (e) => console.log(e.code, e.syscall));
      require('net').connect(80, 'example.com').on('error', (e) => console.log(e.code, e.syscall, e.hostname));`)
    expect(r.stdout).toBe("ENOENT spawn python3\nEAI_AGAIN getaddrinfo example.com\n")
  })

  it("shares one file tree between the host's sandbox.fs and the guest", async () => {
    let out = ""
    const sandbox = await createSandbox({ stdout: (t) => (out += t) })
    sandbox.fs.mkdirSync("/data/deep", { recursive: true })
    sandbox.fs.writeFileSync("/data/in.txt", "from the host")
    sandbox.fs.writeFileSync("/data/bin", new Uint8Array([0, 1, 255]))
    await sandbox.run(`
      const fs = require('fs');
      console.log(fs.readFileSync('/data/in.txt', 'utf8'), [...fs.readFileSync('/data/bin')].join(','));
      fs.writeFileSync('/data/deep/out.txt', 'from the guest');`)
    expect(out).toBe("from the host 0,1,255\n")
    expect(sandbox.fs.readFileSync("/data/deep/out.txt", "utf8")).toBe("from the guest")
    expect([...sandbox.fs.readFileSync("/data/bin")]).toEqual([0, 1, 255])
    expect(sandbox.fs.readdirSync("/data")).toEqual(["bin", "deep", "in.txt"])
    const st = sandbox.fs.statSync("/data/in.txt")
    expect([st.isFile(), st.isDirectory(), st.size]).toEqual([true, false, 13])
    expect(sandbox.fs.existsSync("/nope")).toBe(false)
    expect(() => sandbox.fs.readFileSync("/nope")).toThrow(
      expect.objectContaining({
        code: "ENOENT",
        errno: -2,
        syscall: "open",
        message: "ENOENT: no such file or directory, open '/nope'",
      }),
    )
    expect(sandbox.fs.toJSON("/data")).toEqual({
      "/data/bin": Buffer.from([0, 1, 255]).toString("utf8"),
      "/data/deep/out.txt": "from the guest",
      "/data/in.txt": "from the host",
    })
    sandbox.fs.fromJSON({ "a.txt": "A", "sub/b.txt": "B", empty: null }, "/json")
    expect(sandbox.fs.toJSON("/json")).toEqual({ "/json/a.txt": "A", "/json/sub/b.txt": "B", "/json/empty": null })
    sandbox.fs.rmSync("/json", { recursive: true })
    expect(sandbox.fs.existsSync("/json")).toBe(false)
    sandbox.dispose()
  })

  it("gives the guest no host objects", async () => {
    const r = await runInSandbox(`
      const names = Object.getOwnPropertyNames(globalThis);
      console.log(['require', 'module', '__qjswHost', 'fetch', 'XMLHttpRequest'].filter((n) => names.includes(n)).join(',') || 'none');`)
    expect(r.stdout).toBe("none\n")
  })
})
