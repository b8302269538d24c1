// Time zones come from the host engine (qjsw:binding/intl), whose Date already gives the
// guest its local time: the guest's default zone is the host's, and any zone the host knows
// works, without a second tz database inside the Wasm.
import { zone } from 'qjsw:binding/intl';

const LOCAL_ID = 0, OFFSET = 1, IDS = 3, CANONICAL = 4;

export function hostZone() {
  return zone(LOCAL_ID, 0) || 'UTC';
}

export function zoneIds() {
  const ids = new Set((zone(IDS, 0) || '').split(' ').filter(Boolean));
  ids.add('UTC');
  ids.add(hostZone());
  return [...ids];
}

// the host's canonical id for a zone name (ICU's: 'Asia/Kolkata' is 'Asia/Calcutta'), or
// undefined when the host does not know it
const canonical = new Map();
export function canonicalZone(id) {
  id = String(id);
  let c = canonical.get(id);
  if (c === undefined) {
    c = /^[+-]/.test(id) ? null : zone(CANONICAL, 0, id) || null;
    canonical.set(id, c);
  }
  return c || undefined;
}

const offsetAt = (t, id) => {
  if (id === 'UTC') return 0;
  const ms = zone(OFFSET, t, id);
  return ms === undefined ? undefined : +ms;
};

// a zone's standard offset is the smaller of January's and July's, in either hemisphere
const standard = new Map();
function standardOffset(t, id) {
  const year = new Date(t).getUTCFullYear();
  const key = `${id} ${year}`;
  let s = standard.get(key);
  if (s === undefined) {
    s = Math.min(offsetAt(Date.UTC(year, 0, 1), id), offsetAt(Date.UTC(year, 6, 1), id));
    standard.set(key, s);
  }
  return s;
}

// [offset in ms, in DST] for the DateTimeFormat polyfill's getApplicableZoneData, or
// undefined to leave the answer to it (offset strings, a host without Intl).
export function zoneData(t, id) {
  if (!Number.isFinite(t)) return undefined;
  const offset = offsetAt(t, id);
  if (offset === undefined || Number.isNaN(offset)) return undefined;
  return [offset, offset > standardOffset(t, id)];
}
