// require('internal/streams/add-abort-signal') under --expose-internals (see
// ../../node_internals.js): the sandbox's own, which has Node's names.
import { addAbortSignal, addAbortSignalNoValidate } from 'qjsw:internal/streams/add-abort-signal';

export default { addAbortSignal, addAbortSignalNoValidate };
