'use strict';
// An error made in a vm context is formatted by that context's Error.prepareStackTrace when it
// is a function, else by the main context's (as source-map support installed by a test runner
// relies on), with the main Error as `this`; with neither, the default text.
require('../common');
const vm = require('vm');

const ctx = vm.createContext({});
const early = vm.runInContext('new Error("made before")', ctx);
Error.prepareStackTrace = function (e, sites) {
  return `MAIN ${this === Error} ${e.message} ${Array.isArray(sites)} ${typeof sites[0].getFileName} ${sites[0].getFileName()}`;
};
console.log(vm.runInContext('new Error("x")', ctx, { filename: '/in-context.js' }).stack);
console.log(early.stack);
const fn = vm.compileFunction('return new TypeError("in fn")', [], { parsingContext: ctx, filename: '/f.js' });
console.log(fn().stack);
const nested = vm.runInContext('this.vm2 = 1; new Error("in nested")', vm.createContext({}), { filename: '/nested.js' });
console.log(nested.stack);
vm.runInContext('Error.prepareStackTrace = (e) => "INNER " + e.message', ctx);
console.log(vm.runInContext('new Error("y")', ctx).stack);
vm.runInContext('Error.prepareStackTrace = 5', ctx);
console.log(vm.runInContext('new Error("z")', ctx).stack);
// an error while formatting: made inside the formatter, it gets the default text
Error.prepareStackTrace = function (e) {
  const inner = vm.runInContext('new Error("inner while formatting")', ctx);
  return `OUTER ${e.message} / ${inner.stack.split('\n')[0]}`;
};
console.log(vm.runInContext('new Error("w")', ctx).stack);
Error.prepareStackTrace = undefined;
console.log(vm.runInContext('new Error("v")', ctx).stack.split('\n')[0]);
console.log(vm.runInContext('typeof Error.prepareStackTrace', vm.createContext({})));
