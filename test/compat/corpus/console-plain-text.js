// console.log of text alone (no value to inspect), with and without format directives, and
// after a guest replaced the prototype methods a formatter might call.
console.log('one');
console.log('two', 'words');
console.log('', '', 'empty firsts');
console.log('100%');
console.log('100%', 'sure');
console.log('%s and %s', 'this', 'that', 'extra');
console.log('%%', 'literal');
console.log('%d%%', 'x');
console.log('trailing %', 'x');
console.log('no directive', '%s');
console.error('to', 'stderr');
console.info('info', 'text');
console.warn('%o', 'x');
console.log();
console.log('lone \ud800 surrogate', 'tab\there');
Array.prototype.join = () => 'patched join';
String.prototype.includes = () => true;
String.prototype.indexOf = () => 0;
String.prototype.charCodeAt = () => 37;
console.log('after', 'patches');
console.log('a%sb', 'X');
console.log('percent %', 'kept');
