// node:module's SourceMap: a Source Map v3 payload (or an index map's sections) decoded into
// [generatedLine, generatedColumn, source, originalLine, originalColumn, name] entries, all
// zero-based, looked up by the nearest entry at or before a generated position.
import { invalidArgType } from 'qjsw:internal/errors';

const base64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

// The VLQ numbers of one segment ("AAAA" -> [0, 0, 0, 0]).
function decodeSegment(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = base64.get(c);
    if (digit === undefined) throw new Error(`Invalid base64 digit in source map: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function parseMap(map, lineOffset, columnOffset, entries) {
  if (Array.isArray(map.sections)) {
    for (const section of map.sections) {
      parseMap(section.map, lineOffset + (section.offset?.line ?? 0), columnOffset + (section.offset?.column ?? 0), entries);
    }
    return;
  }
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const names = Array.isArray(map.names) ? map.names : [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let name = 0;
  const lines = typeof map.mappings === 'string' ? map.mappings.split(';') : [];
  for (let line = 0; line < lines.length; line++) {
    let column = 0;
    const segments = lines[line].split(',');
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (segment === '') continue;
      const f = decodeSegment(segment);
      // Node's decoder reads a name field after the last segment of the map even when it has
      // none (the end of the text decodes as 0): that segment gets the current name
      if (f.length === 4 && line === lines.length - 1 && i === segments.length - 1) f.push(0);
      column += f[0];
      const generatedLine = line + lineOffset;
      const generatedColumn = line === 0 ? column + columnOffset : column;
      if (f.length < 4) {
        entries.push([generatedLine, generatedColumn]);
        continue;
      }
      source += f[1];
      originalLine += f[2];
      originalColumn += f[3];
      if (f.length >= 5) name += f[4];
      entries.push([generatedLine, generatedColumn, sources[source], originalLine, originalColumn, f.length >= 5 ? names[name] : undefined]);
    }
  }
}

export class SourceMap {
  #payload;
  #entries = [];

  constructor(payload) {
    if (payload === null || typeof payload !== 'object') throw invalidArgType('payload', 'Object', payload);
    this.#payload = structuredClone(payload);
    parseMap(this.#payload, 0, 0, this.#entries);
  }

  get payload() {
    return this.#payload;
  }

  findEntry(lineOffset, columnOffset) {
    const entries = this.#entries;
    let lo = 0;
    let hi = entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = entries[mid];
      if (e[0] < lineOffset || (e[0] === lineOffset && e[1] <= columnOffset)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const e = entries[found];
    if (!e || e.length < 3) return {};
    return { generatedLine: e[0], generatedColumn: e[1], originalSource: e[2], originalLine: e[3], originalColumn: e[4], name: e[5] };
  }

  findOrigin(lineNumber, columnNumber) {
    const entry = this.findEntry(lineNumber - 1, columnNumber - 1);
    if (entry.originalSource === undefined) return {};
    return {
      name: entry.name,
      fileName: entry.originalSource,
      lineNumber: entry.originalLine + lineNumber - entry.generatedLine,
      columnNumber: entry.originalColumn + columnNumber - entry.generatedColumn,
    };
  }
}
