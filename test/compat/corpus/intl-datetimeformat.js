'use strict';
// Intl.DateTimeFormat in en-US, with timeZone given so the output does not depend on the
// machine's zone.
require('../common');
const d = new Date(Date.UTC(2026, 11, 5, 19, 10, 3, 45));
const summer = new Date(Date.UTC(2026, 6, 4, 12, 0, 0));
const fmt = (options, date = d, locale = 'en-US') => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(date);
console.log(fmt({}));
console.log(fmt({ dateStyle: 'full' }), '|', fmt({ dateStyle: 'long' }), '|', fmt({ dateStyle: 'medium' }), '|', fmt({ dateStyle: 'short' }));
console.log(fmt({ timeStyle: 'medium' }), '|', fmt({ timeStyle: 'short' }), '|', fmt({ timeStyle: 'long' }));
console.log(fmt({ dateStyle: 'medium', timeStyle: 'short' }), '|', fmt({ dateStyle: 'full', timeStyle: 'long' }));
console.log(fmt({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
console.log(fmt({ year: '2-digit', month: '2-digit', day: '2-digit' }), fmt({ month: 'short', day: 'numeric' }), fmt({ month: 'long' }), fmt({ year: 'numeric', month: 'short' }));
console.log(fmt({ hour: 'numeric', minute: '2-digit' }), '|', fmt({ hour: '2-digit', minute: '2-digit', hour12: false }), '|', fmt({ hour: 'numeric', hourCycle: 'h23' }));
console.log(fmt({ hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 3 }));
console.log(fmt({ era: 'short', year: 'numeric' }), fmt({ weekday: 'short' }), fmt({ weekday: 'narrow' }));
console.log(fmt({ hour: 'numeric', timeZoneName: 'short' }), '|', fmt({ hour: 'numeric', timeZoneName: 'long' }));
for (const timeZone of ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney']) {
  console.log(timeZone, fmt({ timeZone, dateStyle: 'medium', timeStyle: 'medium' }), '|', fmt({ timeZone, dateStyle: 'medium', timeStyle: 'medium' }, summer));
}
console.log(fmt({ timeZone: 'America/Los_Angeles', hour: 'numeric', timeZoneName: 'short' }), '|', fmt({ timeZone: 'America/Los_Angeles', hour: 'numeric', timeZoneName: 'short' }, summer));
console.log(fmt({ timeZone: 'America/New_York', hour: 'numeric', timeZoneName: 'long' }), '|', fmt({ timeZone: 'America/New_York', hour: 'numeric', timeZoneName: 'long' }, summer));
const dtf = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric' });
console.log(dtf.formatToParts(d));
console.log(dtf.resolvedOptions());
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo' }).resolvedOptions().timeZone);
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'utc' }).resolvedOptions().timeZone);
console.log(new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'short' }).resolvedOptions());
console.log(typeof new Intl.DateTimeFormat().resolvedOptions().timeZone);
console.log(['2026-01-01', '2026-06-15'].map((s) => dtf.format(new Date(s))));
console.log(dtf.format(0), [dtf.format].map((f) => f.name), typeof dtf.format);
try { new Intl.DateTimeFormat('en-US', { timeZone: 'Nowhere/Special' }); } catch (e) { console.log(e.name); }
try { dtf.format(NaN); } catch (e) { console.log(e.name); }
console.log(Object.prototype.toString.call(dtf), Intl.DateTimeFormat.supportedLocalesOf(['en-US']));
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).formatRange(d, new Date(+d + 86400000 * 3)));
