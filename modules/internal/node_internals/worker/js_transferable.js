// require('internal/worker/js_transferable') under --expose-internals (see ../../node_internals.js):
// kTransfer, the method web streams are transferred with in a structured clone
// (modules/internal/webstreams/transfer.js). Nothing else of Node's module is here.
import { kTransfer } from 'qjsw:internal/webstreams/util';

export default { kTransfer };
