'use strict';
// Output holding NUL characters reaches stdout and stderr whole, through write and console.
process.stdout.write('a\0b\n');
console.log('c\0d', ['e\0f'].join(''), { k: 'g\0h' });
process.stderr.write('\0err\0\n');
console.error('i\0j');
process.stdout.write(Buffer.from('k\0l\n'));
process.stdout.write('\0');
process.stdout.write('\n');
