// node:console — the global console, which carries the Console class (as in Node).
import { console, Console } from 'qjsw:internal/polyfills/console';

export { Console };
export default console;
