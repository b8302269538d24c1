// A child's stdin pipe (fd 0, or /dev/stdin opened anew) that its parent may still be writing:
// readFile's async forms take what is there and wait for more until the end, as Node's read in
// its thread pool blocks (the sync read stops at EAGAIN).
import * as binding from 'qjsw:binding/fs';
import { Buffer } from 'node:buffer';
import { uvException } from 'qjsw:internal/errors';
import { UV_EAGAIN } from 'qjsw:binding/uv';
import { stringToFlags } from 'qjsw:internal/fs/utils';
import { processInternals } from 'qjsw:internal/process_internals';

const statValues = new Float64Array(binding.kStatFields);
const DEV = 0;
const INO = 7;

// Whether fd (a number) or the file a path names is fd 0's file: a stat, not an open, since
// readFile of any path in such a child asks.
function isStdinPipe(file) {
  const r = typeof file === 'string' ? binding.stat(file, statValues, true) : binding.fstat(file, statValues);
  if (r !== 0) return false;
  const dev = statValues[DEV];
  const ino = statValues[INO];
  return binding.fstat(0, statValues) === 0 && statValues[DEV] === dev && statValues[INO] === ino;
}

function readPipe(fd, callback) {
  const chunks = [];
  let total = 0;
  const step = () => {
    for (;;) {
      const chunk = Buffer.allocUnsafe(65536);
      const n = binding.read(fd, chunk, 0, chunk.length, -1);
      if (n === UV_EAGAIN && processInternals.waitForStdin(step)) return;
      if (n < 0) return callback(uvException(n, 'read'));
      if (n === 0) return callback(null, Buffer.concat(chunks, total));
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
  };
  step();
}

// `file` (an fd, or a path opened with `flag`) read whole into callback(err, data) when it is
// such a pipe: false, with nothing read, when it is not (or this is no child with one).
export function readStdinPipe(file, flag, encoding, callback) {
  if (!processInternals.canWaitForStdin()) return false;
  if (typeof file === 'string' && file.includes('\u0000')) return false;
  if (!isStdinPipe(file)) return false;
  let fd = file;
  if (typeof file === 'string') {
    fd = binding.open(file, stringToFlags(flag ?? 'r'), 0o666);
    if (fd < 0) return false;
  }
  readPipe(fd, (err, buffer) => {
    if (fd !== file) binding.close(fd);
    if (err) callback(err);
    else callback(null, encoding ? buffer.toString(encoding) : buffer);
  });
  return true;
}

// The same for a FileHandle's fd: a promise of the data, or null.
export function readStdinPipePromise(fd, encoding) {
  if (!processInternals.canWaitForStdin() || !isStdinPipe(fd)) return null;
  return new Promise((resolve, reject) => readPipe(fd, (err, buffer) => (err ? reject(err) : resolve(encoding ? buffer.toString(encoding) : buffer))));
}
