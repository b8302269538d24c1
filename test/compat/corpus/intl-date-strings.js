'use strict';
// Date#toString/#toTimeString end with V8's zone name; the toLocale*String family in en-US.
require('../common');
const d = new Date(Date.UTC(2026, 11, 5, 19, 10, 3));
const summer = new Date(Date.UTC(2026, 6, 4, 12, 0, 0));
// the machine's zone: Node prints its own, and so must the sandbox
console.log(d.toString(), '|', d.toTimeString(), '|', summer.toString(), '|', String(d) === d.toString(), `${d}` === d.toString());
console.log(new Date(0).toString().length > 0, new Date(NaN).toString(), new Date(NaN).toTimeString(), d.toDateString(), d.toUTCString(), d.toISOString());
console.log(Date.prototype.toString.name, Date.prototype.toString.length, Date.prototype.toTimeString.name);
try { Date.prototype.toString.call({}); } catch (e) { console.log(e.name); }
const utc = { timeZone: 'UTC' };
console.log(d.toLocaleString('en-US', utc), '|', d.toLocaleDateString('en-US', utc), '|', d.toLocaleTimeString('en-US', utc));
console.log(d.toLocaleString(undefined, utc), '|', d.toLocaleDateString('en-US', { ...utc, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }), '|', d.toLocaleTimeString('en-US', { ...utc, hour: '2-digit', minute: '2-digit' }));
console.log(d.toLocaleString('en-US', { timeZone: 'America/New_York' }), '|', summer.toLocaleString('en-US', { timeZone: 'America/New_York' }));
console.log(d.toLocaleString('en-US', { ...utc, hour12: false }), '|', d.toLocaleTimeString('en-US', { ...utc, timeStyle: 'short' }));
console.log(typeof d.toLocaleString(), /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/.test(d.toLocaleString()), /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(d.toLocaleDateString()), /^\d{1,2}:\d{2}:\d{2} [AP]M$/.test(d.toLocaleTimeString()));
console.log(new Date(NaN).toLocaleString(), new Date(NaN).toLocaleDateString(), new Date(NaN).toLocaleTimeString());
console.log(Date.prototype.toLocaleString.length, Date.prototype.toLocaleDateString.name, Array.prototype.toLocaleString.length);
