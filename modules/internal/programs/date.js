// GNU date (coreutils 9.1, C locale): prints a time (now, -d's, or -r's file's) in its default
// format, +FORMAT's, -R's, -I's or --rfc-3339's; local time is the sandbox's zone, -u UTC.
// The dates -d and touch -d read: @seconds, now/today/yesterday/tomorrow, "N units [ago]",
// ISO dates and times, and what Date.parse reads (GNU's full grammar is left out).
import fs from 'node:fs';
import { Exit, options, out, quote, say, strerror, usageError } from 'qjsw:internal/programs/common';

export function parseDate(text) {
  const t = text.trim();
  if (/^@[+-]?\d+(\.\d+)?$/.test(t)) return Number(t.slice(1)) * 1000;
  const now = Date.now();
  if (t === '' || /^(now|today)$/i.test(t)) return now;
  if (/^yesterday$/i.test(t)) return now - 86400000;
  if (/^tomorrow$/i.test(t)) return now + 86400000;
  const rel = /^([+-]?\d+)\s*(sec|second|min|minute|hour|day|week|month|year)s?(\s+ago)?$/i.exec(t);
  if (rel) {
    const unit = { sec: 1, second: 1, min: 60, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 }[
      rel[2].toLowerCase()
    ];
    return now + (rel[3] ? -1 : 1) * Number(rel[1]) * unit * 1000;
  }
  // a date alone, or with a time, is local time (Date.parse reads a bare ISO date as UTC)
  const iso = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?)?$/.exec(t);
  if (iso) {
    const [, y, mo, d, h = 0, mi = 0, s = 0, frac = ''] = iso;
    return new Date(+y, mo - 1, +d, +h, +mi, +s, Math.round(Number(frac || 0) * 1000)).getTime();
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

// touch -t [[CC]YY]MMDDhhmm[.ss], local time.
export function parseStamp(text) {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d\d))?$/.exec(text);
  if (!m) return undefined;
  let digits = m[1];
  let year;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
    digits = digits.slice(4);
  } else if (digits.length === 10) {
    const yy = Number(digits.slice(0, 2));
    year = yy < 69 ? 2000 + yy : 1900 + yy;
    digits = digits.slice(2);
  } else year = new Date().getFullYear();
  const [mo, d, h, mi] = [0, 2, 4, 6].map((i) => Number(digits.slice(i, i + 2)));
  const s = Number(m[2] ?? 0);
  const date = new Date(year, mo - 1, d, h, mi, s);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59 || s > 60) return undefined;
  return date.getTime();
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';
// (in GNU's order, which its messages list)
const ISO_FORMATS = {
  hours: '%Y-%m-%dT%H%:z',
  minutes: '%Y-%m-%dT%H:%M%:z',
  date: '%Y-%m-%d',
  seconds: '%Y-%m-%dT%H:%M:%S%:z',
  ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};
const RFC_3339 = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };

// The broken-down time of `ms` (with its nanoseconds) in UTC or the local zone.
function brokenDown(ms, ns, utc) {
  const d = new Date(ms);
  const get = (local, universal) => (utc ? d[universal]() : d[local]());
  const offset = utc ? 0 : -d.getTimezoneOffset();
  const year = get('getFullYear', 'getUTCFullYear');
  const month = get('getMonth', 'getUTCMonth');
  const day = get('getDate', 'getUTCDate');
  const yday = Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86400000);
  return {
    year,
    month,
    day,
    yday,
    wday: get('getDay', 'getUTCDay'),
    hour: get('getHours', 'getUTCHours'),
    minute: get('getMinutes', 'getUTCMinutes'),
    second: get('getSeconds', 'getUTCSeconds'),
    ns,
    epoch: Math.floor(ms / 1000),
    offset,
    zone: utc ? 'UTC' : zoneName(d, offset),
  };
}

// The zone's abbreviation as Intl names it, when it is one (UTC, CET, EST); else the offset as
// tzdata's numeric abbreviations have it (+03, +0530).
function zoneName(d, offset) {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
    if (part && /^[A-Z]{3,5}$/.test(part.value)) return part.value;
  } catch {}
  if (offset === 0) return 'UTC';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${hh}${a % 60 ? String(a % 60).padStart(2, '0') : ''}`;
}

// ISO 8601 week-based year and week of t.
function isoWeek(t) {
  const wday = (t.wday + 6) % 7; // Monday 0
  const thursday = Date.UTC(t.year, t.month, t.day - wday + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 604800000) + 1;
  return { year, week };
}

function numericZone(offset, colons) {
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  if (colons === 0) return `${sign}${hh}${mm}`;
  if (colons === 1) return `${sign}${hh}:${mm}`;
  return `${sign}${hh}:${mm}:00`;
}

// strftime with GNU's flags (- _ 0 ^ #), widths and %:z forms.
export function strftime(format, t) {
  let result = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      result += c;
      continue;
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])?/.exec(format.slice(i + 1));
    const [whole, flags, width, colons, conv] = m;
    if (!conv || (colons && conv !== 'z')) {
      result += '%' + whole;
      i += whole.length;
      continue;
    }
    i += whole.length;
    let text;
    let numeric = true;
    let pad = '0';
    let size = 2;
    const num = (v, n = 2, p = '0') => {
      size = n;
      pad = p;
      return String(v);
    };
    const words = (v) => {
      numeric = false;
      return v;
    };
    switch (conv) {
      case '%': text = words('%'); break;
      case 'a': text = words(DAYS[t.wday].slice(0, 3)); break;
      case 'A': text = words(DAYS[t.wday]); break;
      case 'b': case 'h': text = words(MONTHS[t.month].slice(0, 3)); break;
      case 'B': text = words(MONTHS[t.month]); break;
      case 'c': text = words(strftime('%a %b %e %H:%M:%S %Y', t)); break;
      case 'C': text = num(Math.floor(t.year / 100)); break;
      case 'd': text = num(t.day); break;
      case 'D': case 'x': text = words(strftime('%m/%d/%y', t)); break;
      case 'e': text = num(t.day, 2, ' '); break;
      case 'F': text = words(strftime('%Y-%m-%d', t)); break;
      case 'g': text = num(isoWeek(t).year % 100); break;
      case 'G': text = num(isoWeek(t).year, 4); break;
      case 'H': text = num(t.hour); break;
      case 'I': text = num(t.hour % 12 || 12); break;
      case 'j': text = num(t.yday + 1, 3); break;
      case 'k': text = num(t.hour, 2, ' '); break;
      case 'l': text = num(t.hour % 12 || 12, 2, ' '); break;
      case 'm': text = num(t.month + 1); break;
      case 'M': text = num(t.minute); break;
      case 'n': text = words('\n'); break;
      case 'N': text = num(String(t.ns).padStart(9, '0').slice(0, width ? Math.min(+width, 9) : 9), 0); break;
      case 'p': text = words(t.hour < 12 ? 'AM' : 'PM'); break;
      case 'P': text = words(t.hour < 12 ? 'am' : 'pm'); break;
      case 'q': text = num(Math.floor(t.month / 3) + 1, 1); break;
      case 'r': text = words(strftime('%I:%M:%S %p', t)); break;
      case 'R': text = words(strftime('%H:%M', t)); break;
      case 's': text = num(t.epoch, 1); break;
      case 'S': text = num(t.second); break;
      case 't': text = words('\t'); break;
      case 'T': case 'X': text = words(strftime('%H:%M:%S', t)); break;
      case 'u': text = num(t.wday || 7, 1); break;
      case 'U': text = num(Math.floor((t.yday + 7 - t.wday) / 7)); break;
      case 'V': text = num(isoWeek(t).week); break;
      case 'w': text = num(t.wday, 1); break;
      case 'W': text = num(Math.floor((t.yday + 7 - ((t.wday + 6) % 7)) / 7)); break;
      case 'y': text = num(t.year % 100); break;
      case 'Y': text = num(t.year, 1); break;
      case 'z': text = words(numericZone(t.offset, colons.length)); break;
      case 'Z': text = words(t.zone); break;
      default:
        result += '%' + whole;
        continue;
    }
    if (flags.includes('^')) text = text.toUpperCase();
    if (flags.includes('#')) text = /[a-z]/.test(text) ? text.toUpperCase() : text.toLowerCase();
    if (numeric && conv !== 'N') {
      if (flags.includes('-')) size = 0;
      else if (flags.includes('_')) pad = ' ';
      else if (flags.includes('0')) pad = '0';
      if (width) size = +width;
      const negative = text.startsWith('-');
      const digits = negative ? text.slice(1) : text;
      text = (negative ? '-' : '') + digits.padStart(size - (negative ? 1 : 0), pad);
    } else if (width) {
      text = text.padStart(+width, flags.includes('0') ? '0' : ' ');
    }
    result += text;
  }
  return result;
}

export function date(args) {
  const { opts, operands } = options('date', args, 'd:f:I::r:Rs:u', {
    'date=': 'd',
    'file=': 'f',
    'iso-8601?': 'I',
    'reference=': 'r',
    'rfc-email': 'R',
    'rfc-822': 'R',
    'rfc-2822': 'R',
    'rfc-3339=': 'rfc-3339',
    'set=': 's',
    utc: 'u',
    universal: 'u',
    debug: 'debug',
  });
  let when;
  let reference;
  let utc = false;
  let format;
  let setting;
  // (an error of its own, without usage's hint)
  const multipleFormats = () => {
    say('multiple output formats specified');
    return new Exit(1);
  };
  const chooseFormat = (f) => {
    if (format !== undefined) throw multipleFormats();
    format = f;
  };
  for (const [k, v] of opts) {
    if (k === 'd') when = v;
    else if (k === 'r') reference = v;
    else if (k === 'u') utc = true;
    else if (k === 'R') chooseFormat('%a, %d %b %Y %H:%M:%S %z');
    else if (k === 's') setting = v;
    else if (k === 'f') {
      say('--file is not supported here');
      return 1;
    } else if (k === 'I') {
      const name = timespec(v ?? 'date', ISO_FORMATS, '--iso-8601');
      chooseFormat(ISO_FORMATS[name]);
    } else if (k === 'rfc-3339') {
      const name = timespec(v, RFC_3339, '--rfc-3339');
      chooseFormat(RFC_3339[name]);
    }
  }
  if ([when, reference, setting].filter((x) => x !== undefined).length > 1) {
    throw usageError(setting !== undefined ? 'the options to print and set the time may not be used together' : 'the options to specify dates for printing are mutually exclusive');
  }
  const plus = operands.filter((o) => o.startsWith('+'));
  const others = operands.filter((o) => !o.startsWith('+'));
  if (operands.length > 1) throw usageError(`extra operand ${quote(operands[1])}`);
  if (plus.length) {
    if (format !== undefined) throw multipleFormats();
    format = plus[0].slice(1);
  }
  if (others.length || setting !== undefined) {
    const valid = others.length ? parseSetting(others[0]) !== undefined : parseDate(setting) !== undefined;
    if (!valid) {
      say(`invalid date ${quote(others[0] ?? setting)}`);
      return 1;
    }
    // the sandbox's clock is the host's: nobody here may set it
    say('cannot set date: Operation not permitted');
    return 1;
  }
  let ms;
  let ns;
  if (reference !== undefined) {
    try {
      const st = fs.statSync(reference, { bigint: true });
      ms = Number(st.mtimeNs / 1000000n);
      ns = Number(st.mtimeNs % 1000000000n);
    } catch (err) {
      say(`${reference}: ${strerror(err)}`);
      return 1;
    }
  } else {
    ms = when === undefined ? Date.now() : parseDate(when);
    if (ms === undefined) {
      say(`invalid date ${quote(when)}`);
      return 1;
    }
    ns = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6);
  }
  out(strftime(format ?? DEFAULT_FORMAT, brokenDown(ms, ns, utc)) + '\n');
  return 0;
}

// -I's and --rfc-3339's argument: one of the names (GNU takes unambiguous prefixes).
function timespec(value, table, option) {
  const names = Object.keys(table);
  const found = names.filter((n) => n.startsWith(value));
  const exact = names.includes(value) ? value : found.length === 1 ? found[0] : undefined;
  if (exact === undefined) {
    say(
      `${found.length > 1 ? 'ambiguous' : 'invalid'} argument ${quote(value)} for '${option}'\nValid arguments are:\n${names.map((n) => `  - '${n}'`).join('\n')}`,
    );
    throw usageError('');
  }
  return exact;
}

// date's operand MMDDhhmm[[CC]YY][.ss]
function parseSetting(text) {
  const m = /^(\d{8})(\d{2}|\d{4})?(?:\.(\d\d))?$/.exec(text);
  if (!m) return undefined;
  const year = m[2] ? (m[2].length === 4 ? m[2] : (Number(m[2]) < 69 ? '20' : '19') + m[2]) : '';
  return parseStamp(year + m[1] + (m[3] ? '.' + m[3] : ''));
}
