// require('internal/fs/promises') under --expose-internals (see ../../node_internals.js):
// FileHandle, the class fs.promises.open() makes (the same class, so a test's patches apply).
import { FileHandle } from 'node:fs/promises';

export default { FileHandle };
