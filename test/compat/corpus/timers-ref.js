'use strict';
const common = require('../common');
const t = setTimeout(common.mustNotCall(), 100000);
t.unref();
console.log(t.hasRef(), typeof t.refresh, typeof t[Symbol.toPrimitive]);
const i = setInterval(() => {}, 100000);
i.unref();
setTimeout(common.mustCall(() => console.log('done')), 1);
