'use strict';
// An unref'd timer alone does not keep the process alive, even one already due; nor does a
// listener for a signal the process sent itself.
require('../common');
console.log('start');
setTimeout(() => console.log('unref alone: never printed'), 0).unref();
process.on('SIGUSR2', () => console.log('signal listener: not reached before exit'));
process.kill(process.pid, 'SIGUSR2');
const start = Date.now();
while (Date.now() - start < 5); // the timer is due before the loop starts
console.log('end of script');
