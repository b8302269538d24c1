// `make demo`, second part: an ordinary Node program run by the CLI (`quickjs-wasmfs run`).
const fs = require('fs');
const path = require('path');
const { greet } = require('./lib/greet');

const out = path.join(__dirname, 'out', 'report.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ message: greet(process.argv[2] || 'world'), files: fs.readdirSync(__dirname) }));
setTimeout(() => {
  console.log('report written inside the sandbox:', fs.readFileSync(out, 'utf8'));
  process.exitCode = 0;
}, 10);
