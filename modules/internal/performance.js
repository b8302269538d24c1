// The `performance` global: a monotonic now() since the sandbox's start, timeOrigin, and the
// User Timing basics (mark, measure, getEntries*) that scripts use for simple timing.
import { hrtime } from 'qjsw:binding/util';
import { startNs } from 'node:process';

// As in Node, times count from the start of the process (here, the sandbox's boot), not from
// the first use of `performance`.
const timeOrigin = Date.now() - Number(hrtime() - startNs) / 1e6;
let entries = [];

const now = () => Number(hrtime() - startNs) / 1e6;

function entry(name, entryType, startTime, duration, detail = null) {
  return { name, entryType, startTime, duration, detail, toJSON() { return { name, entryType, startTime, duration, detail }; } };
}

function markTime(mark) {
  if (mark === undefined) return undefined;
  if (typeof mark === 'number') return mark;
  const found = entries.findLast((e) => e.entryType === 'mark' && e.name === mark);
  if (!found) {
    const err = new SyntaxError(`The "${mark}" performance mark has not been set`);
    err.name = 'SyntaxError';
    throw err;
  }
  return found.startTime;
}

export const performance = {
  now,
  get timeOrigin() {
    return timeOrigin;
  },
  mark(name, options = {}) {
    const e = entry(`${name}`, 'mark', options.startTime ?? now(), 0, options.detail ?? null);
    entries.push(e);
    return e;
  },
  measure(name, startOrOptions, endMark) {
    let start;
    let end;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      start = markTime(startOrOptions.start) ?? 0;
      end = markTime(startOrOptions.end) ?? (startOrOptions.duration !== undefined ? start + startOrOptions.duration : now());
    } else {
      start = markTime(startOrOptions) ?? 0;
      end = markTime(endMark) ?? now();
    }
    const e = entry(`${name}`, 'measure', start, end - start);
    entries.push(e);
    return e;
  },
  getEntries: () => entries.slice(),
  getEntriesByName: (name, type) => entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)),
  getEntriesByType: (type) => entries.filter((e) => e.entryType === type),
  clearMarks(name) {
    entries = entries.filter((e) => e.entryType !== 'mark' || (name !== undefined && e.name !== name));
  },
  clearMeasures(name) {
    entries = entries.filter((e) => e.entryType !== 'measure' || (name !== undefined && e.name !== name));
  },
  toJSON: () => ({ timeOrigin }),
  [Symbol.toStringTag]: 'Performance',
};
