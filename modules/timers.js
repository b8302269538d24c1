// node:timers, on the guest event loop (qjsw:internal/loop).
import { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate } from 'qjsw:internal/loop';

export { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };
export default { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };
