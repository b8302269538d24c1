// require('internal/child_process') under --expose-internals (see ../node_internals.js): the
// object node:child_process calls through (ChildProcess, getValidStdio, stdioStringToArray,
// spawnSync), as Node's tests replace its functions. Each takes only what node:child_process
// takes from any guest: what it asks of the host is checked there.
import internalCp from 'qjsw:internal/child_process';

export default internalCp;
