// require('internal/async_hooks') under --expose-internals (see ../node_internals.js): the
// symbol under which a socket shows its async id, as Node's tests read it.
import { asyncIdSymbol } from 'qjsw:internal/loop';

export default { symbols: { async_id_symbol: asyncIdSymbol } };
