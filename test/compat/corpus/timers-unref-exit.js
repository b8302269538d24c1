'use strict';
// An unref'd timer alone does not keep the process alive, even when it is already due; next to
// a referenced handle it runs.
const common = require('../common');
console.log('start');
setTimeout(() => console.log('unref alone: never printed'), 0).unref();
const t = setTimeout(() => console.log('unref with an immediate alive'), 0);
t.unref();
setImmediate(common.mustCall(() => console.log('immediate')));
process.on('SIGUSR2', () => console.log('signal listener: not reached before exit'));
process.kill(process.pid, 'SIGUSR2');
