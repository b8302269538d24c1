// node:tty. The sandbox has no terminals: its stdout and stderr go to host callbacks, as a
// Node process's do when its stdio is piped. So isatty() is false for every fd, and a
// ReadStream or WriteStream (which needs a terminal fd) cannot be made: Node fails the same way
// on a non-terminal fd.
import { nodeError } from 'qjsw:internal/errors';

export function isatty(fd) {
  return false;
}

function ttyInitFailed() {
  const err = nodeError(Error, 'ERR_TTY_INIT_FAILED', 'TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
  err.errno = -22;
  err.syscall = 'uv_tty_init';
  return err;
}

export function ReadStream(fd, options) {
  throw ttyInitFailed();
}

export function WriteStream(fd) {
  throw ttyInitFailed();
}

export default { isatty, ReadStream, WriteStream };
