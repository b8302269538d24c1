// node:wasi needs WebAssembly in the guest, which this sandbox does not give it.
process.emitWarning('WASI is an experimental feature and might change at any time', 'ExperimentalWarning');
import { unavailableClass } from 'qjsw:internal/unavailable';

export const WASI = unavailableClass('WASI', 'WASI (no WebAssembly in the guest)');
export default { WASI };
