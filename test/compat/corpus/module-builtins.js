'use strict';
const common = require('../common');
const assert = require('assert');
const { builtinModules, isBuiltin, createRequire } = require('module');
for (const id of ['fs', 'node:fs', 'path', 'events', 'buffer', 'util', 'assert', 'stream', 'timers', 'module', 'nope', 'node:nope', 'fs/promises']) console.log(id, isBuiltin(id));
console.log(builtinModules.includes('fs'), Array.isArray(builtinModules));
const r = createRequire(__filename);
console.log(r('path') === require('path'), typeof r.resolve);
