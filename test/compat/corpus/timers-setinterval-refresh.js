'use strict';
const common = require('../common');
const assert = require('assert');
let n = 0;
const t = setTimeout(common.mustCall(() => console.log('fired after refreshes', n)), 50);
const iv = setInterval(() => { if (++n < 3) t.refresh(); else clearInterval(iv); }, 20);
