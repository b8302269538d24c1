'use strict';
// $NAME and ${NAME} in a shell line (exec, shell: true) from the environment the shell gets:
// quoted as one word, unquoted split into fields; NAME=value before a command is for it.
const cp = require('child_process');

const env = { ...process.env, NODE: process.execPath, TWO: 'two words', EMPTY: '', SPACED: '  a  b  ', CMD: 'echo' };
const print = '"$NODE" -p "JSON.stringify(process.argv.slice(1))"';
const lines = [
  `${print} $TWO "$TWO" \${TWO}x`,
  `${print} $EMPTY "$EMPTY" x$EMPTY`,
  `${print} $SPACED "$SPACED" pre$SPACED`,
  `${print} $UNSET "\${UNSET}"`,
  `"$NODE" -p process.env.A`,
  `A=1 "$NODE" -p process.env.A`,
  `A=$TWO "$NODE" -p process.env.A`,
  '$CMD from a variable',
  `X="$TWO" ${print} "$X"`,
];
for (const line of lines) {
  const r = cp.spawnSync(line, { shell: true, env, encoding: 'utf8' });
  console.log(JSON.stringify(line.replace(process.execPath, 'node')), r.status, JSON.stringify(r.stdout), JSON.stringify(r.stderr));
}
cp.exec('"$NODE" -p 40+2', { env }, (err, stdout) => console.log('exec', err, JSON.stringify(stdout)));
