'use strict';
const common = require('../common');
const assert = require('assert');
let n = 0;
// (the timeout is far longer than the interval's period, so that a loaded machine running the
// interval late still refreshes it before it is due: refresh() re-arms one that already fired)
const t = setTimeout(common.mustCall(() => console.log('fired after refreshes', n)), 400);
const iv = setInterval(() => { if (++n < 3) t.refresh(); else clearInterval(iv); }, 20);
