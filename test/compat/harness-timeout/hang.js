// Never ends: an interval nobody clears. Both worlds must be stopped by the harness's timeout.
'use strict';
console.log('started');
setInterval(() => {}, 10);
