'use strict';
const common = require('../common');
const assert = require('assert');
console.log(common.isLinux, common.isWindows, common.isMacOS, common.isOSX, common.isAIX, common.isFreeBSD);
console.log(common.platformTimeout(100), common.platformTimeout(5n), common.canCreateSymLink(), common.isMainThread);
console.log(common.invalidArgTypeHelper(undefined), common.invalidArgTypeHelper(() => {}), common.invalidArgTypeHelper(function named() {}));
console.log(common.invalidArgTypeHelper(Object.create(null)), common.invalidArgTypeHelper('x'.repeat(40)), common.invalidArgTypeHelper(Symbol('s')), common.invalidArgTypeHelper(1n));
