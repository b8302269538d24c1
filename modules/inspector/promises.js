// node:inspector/promises (see qjsw:internal/inspector).
export * from 'qjsw:internal/inspector';
import * as inspector from 'qjsw:internal/inspector';
export default { ...inspector };
