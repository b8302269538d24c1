// require('internal/console/constructor') under --expose-internals (see
// ../../node_internals.js): Console and formatTime (console.timeEnd's durations).
import { Console, formatTime } from 'qjsw:internal/console';

export default { Console, formatTime };
