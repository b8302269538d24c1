'use strict';
// process.exit() ends the process at once, also inside an async function: nothing after it
// runs and no rejection handler sees it (terser's CLI calls process.exit(1) inside its async
// run_cli, whose promise has a .catch that prints the error).
require('../common');

process.on('exit', (code) => console.log('exit event', code));
(async () => {
  await null;
  console.log('before exit');
  process.exit(0);
})().catch((e) => console.log('caught', e.message));
setTimeout(() => console.log('timer still ran'), 0);
console.log('end of main');
