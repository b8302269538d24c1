// The watch rows of `npm run bench`: what the change journal (native/journal/journal.c) costs and how
// soon a change reaches a listener.
//
//   writeFileSync-100B unwatched / watched   the small-file write loop in two sandboxes, one
//        with sandbox.watch('/', { recursive: true }) active (every write is journaled and the
//        host drains after the run), timed in the guest, batches alternating between the two;
//        the best batch of each. Target: watched at most 5% slower.
//   watch-latency-host    sandbox.run(one writeFileSync) until the host listener has the change
//        (it is drained when the run's turn ends), per change, host clock.
//   watch-latency-guest   a guest fs.watch listener: from writeFileSync to the listener call on
//        the next poll phase of the guest's loop, guest clock.
export const WATCH_SCENARIOS = ["writeFileSync-100B-watched", "watch-latency-host", "watch-latency-guest"]
export const WATCH_OVERHEAD_TARGET = 0.05

const WRITE_LOOP = (n) => `
  const fs = require('fs');
  const data = 'x'.repeat(100);
  fs.mkdirSync('/w', { recursive: true });
  const t0 = performance.now();
  for (let i = 0; i < ${n}; i++) fs.writeFileSync('/w/f' + (i % 100), data);
  console.log(performance.now() - t0);`

export async function runWatchBench({ dist, timeMs, filter }) {
  const wanted = (s) => !filter || filter.test(s)
  const out = {}
  const { createSandbox } = dist
  if (wanted("writeFileSync-100B-watched")) {
    const make = async (watched) => {
      let text = ""
      const sb = await createSandbox({ stdout: (t) => (text += t) })
      let heard = 0
      if (watched) sb.watch("/", { recursive: true }, () => heard++)
      const batch = async (n) => {
        text = ""
        await sb.run(WRITE_LOOP(n))
        return Number(text.trim())
      }
      return { sb, batch, heard: () => heard }
    }
    const plain = await make(false)
    const watched = await make(true)
    // calibrate: a batch of about timeMs/4
    let n = 1000
    for (;;) {
      const ms = await plain.batch(n)
      if (ms >= timeMs / 4 || n >= 1 << 22) break
      n = Math.ceil(n * Math.min(8, Math.max(1.5, timeMs / 4 / Math.max(ms, 0.1))))
    }
    await watched.batch(n)
    const best = { unwatched: Infinity, watched: Infinity }
    for (let round = 0; round < 6; round++) {
      best.unwatched = Math.min(best.unwatched, await plain.batch(n))
      best.watched = Math.min(best.watched, await watched.batch(n))
    }
    if (watched.heard() === 0) throw new Error("the watched sandbox heard no change")
    out["writeFileSync-100B-watched"] = { unwatched: (n / best.unwatched) * 1000, watched: (n / best.watched) * 1000 }
    plain.sb.dispose()
    watched.sb.dispose()
  }
  if (wanted("watch-latency-host")) {
    const sb = await createSandbox({ stdout: () => {} })
    await sb.run(`require('fs').mkdirSync('/lat')`)
    let heardAt = 0
    sb.watch("/lat", () => (heardAt ||= performance.now()))
    const times = []
    for (let i = 0; i < 200; i++) {
      heardAt = 0
      const t0 = performance.now()
      await sb.run(`require('fs').writeFileSync('/lat/f', '${i}')`)
      if (!heardAt) throw new Error("the host listener was not called before run() resolved")
      times.push(heardAt - t0)
    }
    times.sort((a, b) => a - b)
    out["watch-latency-host"] = { ms: times[times.length >> 1] }
    sb.dispose()
  }
  if (wanted("watch-latency-guest")) {
    let text = ""
    const sb = await createSandbox({ stdout: (t) => (text += t) })
    await sb.run(`
      const fs = require('fs');
      fs.mkdirSync('/glat');
      const times = [];
      let t0 = 0, i = 0;
      const w = fs.watch('/glat', (type) => {
        if (type !== 'rename' && type !== 'change') return;
        if (t0) { times.push(performance.now() - t0); t0 = 0; }
        if (++i >= 400) { w.close(); times.sort((a, b) => a - b); console.log(times[times.length >> 1]); return; }
        setImmediate(step);
      });
      function step() { t0 = performance.now(); fs.writeFileSync('/glat/f', String(i)); }
      step();`)
    out["watch-latency-guest"] = { ms: Number(text.trim()) }
    sb.dispose()
  }
  return out
}
