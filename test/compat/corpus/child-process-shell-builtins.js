'use strict';
// What /bin/sh (dash) and bash do themselves for exec and shell: true: echo (dash reads
// backslash escapes, bash only after -e), pwd in the child's cwd, true, false, :, exit.
const cp = require('child_process');
const os = require('os');

const lines = [
  'echo hello world',
  'echo -n no newline',
  'echo "tab\\there" \'single\\nquoted\'',
  'echo "stop\\c" never',
  'echo -e not-an-option',
  'echo "\\0101\\0102"',
  'echo',
  'pwd',
  'pwd -P',
  'pwd -x',
  'true',
  'false',
  ':',
  'exit',
  'exit 3',
  'exit 300',
  'exit nope',
  'X=1 echo assignment',
  'echo trailing;',
];
for (const line of lines) {
  const r = cp.spawnSync(line, { shell: true, cwd: os.tmpdir() });
  console.log('sh', JSON.stringify(line), r.status, r.signal, JSON.stringify(String(r.stdout)), JSON.stringify(String(r.stderr)));
}
for (const line of ['', '   ', '# only a comment', '  # indented comment']) {
  const r = cp.spawnSync('/bin/sh', ['-c', line]);
  console.log('sh -c', JSON.stringify(line), r.status, JSON.stringify(String(r.stdout)), JSON.stringify(String(r.stderr)));
}
for (const line of ['echo -e "a\\tb"', 'echo -n -e "x\\ny"', 'echo "raw\\tstays"', 'pwd -x', 'exit nope']) {
  // bash started on a socket reads ~/.bashrc: a HOME without one
  const r = cp.spawnSync('/bin/bash', ['-c', line], { cwd: os.tmpdir(), env: { PATH: process.env.PATH, HOME: os.tmpdir() } });
  console.log('bash', JSON.stringify(line), r.status, JSON.stringify(String(r.stdout)), JSON.stringify(String(r.stderr)));
}
console.log('execSync', JSON.stringify(cp.execSync('echo sync', { encoding: 'utf8' })));
cp.exec('echo async', (err, stdout, stderr) => {
  console.log('exec', err, JSON.stringify(stdout), JSON.stringify(stderr));
  cp.exec('echo hello world', { maxBuffer: 5 }, (err, stdout) => {
    console.log('maxBuffer', err.code, err.message, JSON.stringify(stdout));
    cp.exec('pwd', { cwd: '/' }, (err, stdout) => console.log('exec pwd', err, JSON.stringify(stdout)));
  });
});
