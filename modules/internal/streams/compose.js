// stream.compose(...streams): one Duplex whose writes go into the first stream and whose reads
// come out of the last, the streams between piped together by pipeline(); what Node's
// lib/internal/streams/compose.js does. Stages may be Node or web streams, and the first and
// last may be async generator functions (made streams by Duplex.from).
import { invalidArgValue } from 'qjsw:internal/errors';
import { pipeline } from 'qjsw:internal/streams/pipeline';
import { Duplex } from 'qjsw:internal/streams/duplex';
import { duplexify } from 'qjsw:internal/streams/duplexify';
import { destroyer } from 'qjsw:internal/streams/destroy';
import { eos } from 'qjsw:internal/streams/end-of-stream';
import {
  errors, AbortError, isNodeStream, isReadable, isWritable, isWebStream, isTransformStream, isWritableStream,
  isReadableStream,
} from 'qjsw:internal/streams/utils';

const canRead = (s) => isReadable(s) || isReadableStream(s) || isTransformStream(s);
const canWrite = (s) => isWritable(s) || isWritableStream(s) || isTransformStream(s);

export function compose(...streams) {
  if (streams.length === 0) throw errors.missingArgs('streams');
  if (streams.length === 1) return duplexify(streams[0], 'body');

  const given = streams.slice();
  const last = streams.length - 1;
  if (typeof streams[0] === 'function') streams[0] = duplexify(streams[0], 'body');
  if (typeof streams[last] === 'function') streams[last] = duplexify(streams[last], 'body');

  for (let n = 0; n < streams.length; ++n) {
    // anything else is left for pipeline() to judge
    if (!isNodeStream(streams[n]) && !isWebStream(streams[n])) continue;
    if (n < last && !canRead(streams[n])) throw invalidArgValue(`streams[${n}]`, given[n], 'must be readable');
    if (n > 0 && !canWrite(streams[n])) throw invalidArgValue(`streams[${n}]`, given[n], 'must be writable');
  }

  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  // pipeline's verdict: an error destroys the Duplex; a clean end of both sides closes it
  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);
  const writable = !!canWrite(head);
  const readable = !!canRead(tail);

  d = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });

  if (writable) {
    if (isNodeStream(head)) {
      d._write = function (chunk, encoding, callback) {
        if (head.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = function (callback) {
        head.end();
        onfinish = callback;
      };
      head.on('drain', () => {
        const cb = ondrain;
        ondrain = null;
        if (cb) cb();
      });
    } else if (isWebStream(head)) {
      const writer = (isTransformStream(head) ? head.writable : head).getWriter();
      d._write = async function (chunk, encoding, callback) {
        try {
          await writer.ready;
          writer.write(chunk).catch(() => {});
          callback();
        } catch (err) {
          callback(err);
        }
      };
      d._final = async function (callback) {
        try {
          await writer.ready;
          writer.close().catch(() => {});
          onfinish = callback;
        } catch (err) {
          callback(err);
        }
      };
    }
    // the Duplex finishes once everything written came out of the far end
    eos(isTransformStream(tail) ? tail.readable : tail, () => {
      const cb = onfinish;
      onfinish = null;
      if (cb) cb();
    });
  }

  if (readable) {
    if (isNodeStream(tail)) {
      tail.on('readable', () => {
        const cb = onreadable;
        onreadable = null;
        if (cb) cb();
      });
      tail.on('end', () => {
        d.push(null);
      });
      d._read = function () {
        for (;;) {
          const buf = tail.read();
          if (buf === null) {
            onreadable = d._read;
            return;
          }
          if (!d.push(buf)) return;
        }
      };
    } else if (isWebStream(tail)) {
      const reader = (isTransformStream(tail) ? tail.readable : tail).getReader();
      d._read = async function () {
        for (;;) {
          try {
            const { value, done } = await reader.read();
            if (!d.push(value)) return;
            if (done) {
              d.push(null);
              return;
            }
          } catch {
            return;
          }
        }
      };
    }
  }

  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (isNodeStream(tail)) destroyer(tail, err);
    if (onclose === null) callback(err);
    else onclose = callback;
  };
  return d;
}
