'use strict';
// process.env.TZ chooses the local time zone, as in Node: Date's fields, strings and offsets,
// the default zone of Intl, a leading ':', aliases (EST5EDT, Asia/Kolkata), and deleting it.
require('../common');
const d=new Date('2018-04-14T12:34:56.789Z');
for (const tz of ['Europe/Amsterdam','Europe/London','Etc/UTC','UTC',':Europe/Paris','EST5EDT','Asia/Kolkata']) { process.env.TZ=tz; console.log(JSON.stringify(tz), d.toString(), d.getTimezoneOffset(), new Intl.DateTimeFormat().resolvedOptions().timeZone, d.getHours(), new Date(2018, 3, 14, 12).toISOString(), d.toLocaleString('en-US')) }
delete process.env.TZ; console.log(d.toString(), d.getTimezoneOffset())
