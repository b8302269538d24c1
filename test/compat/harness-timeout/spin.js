// Never ends: a busy loop. Both worlds must be stopped by the harness's timeout.
'use strict';
console.log('started');
for (;;);
