'use strict';
// displayErrors: an error thrown out of vm code has where it was thrown (file:line, the line,
// a caret under the throw) at the head of its stack; lineOffset and columnOffset count in.
require('../common');
const vm = require('vm');

const head = (label, fn, lines = 5) => {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, JSON.stringify(typeof e.stack === 'string' ? e.stack.split('\n').slice(0, lines) : e));
  }
};

head('throw', () => vm.runInThisContext('  throw new Error("boom")', { filename: 'f.js', lineOffset: 3 }));
head('in a function', () => vm.runInThisContext('function f() { throw new Error("x") }; f()', 'g.js'));
head('a primitive', () => vm.runInThisContext('throw 5', 'g.js'));
head('displayErrors: false', () => vm.runInThisContext('throw new Error("x")', { filename: 'h.js', displayErrors: false }), 1);
head('syntax error', () => new vm.Script('x y', 'k.js'), 3);
head('new context', () => vm.runInNewContext('\n\tthrow new TypeError("t")', {}, 'n.js'));
head('offsets', () => vm.runInContext(' throw new Error()', vm.createContext(), { filename: 'expected-filename.js', lineOffset: 32, columnOffset: 123 }));
// decorated once, by the innermost script it was thrown in
global.vm = vm;
head('nested', () => vm.runInThisContext('vm.runInThisContext("throw new Error(\'in\')", "inner.js")', { filename: 'outer.js' }));
global.err = new Error('kept');
head('rethrown', () => vm.runInThisContext('throw err', 'r.js'));
console.log(global.err.stack.startsWith('r.js:1\n'));
