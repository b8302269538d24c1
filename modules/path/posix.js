// node:path/posix — the same object as path.posix (on Linux, path itself).
import path from 'node:path';

export default path.posix;
