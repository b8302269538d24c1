'use strict';
// Shell lines beyond one command (exec, shell: true, sh -c, sh FILE): lists, pipelines into
// node, subshells and groups, redirections, parameters and command substitution, globs,
// if/for/while/case, functions and the shell's builtins, each with its output, its messages
// and its status, as dash gives them.
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = path.join(os.tmpdir(), 'qjsw-cp-shell-script');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, 'f.txt'), 'hello\n');
fs.writeFileSync(path.join(dir, 'g.txt'), 'x\n');
fs.writeFileSync(path.join(dir, '.hidden.txt'), 'h\n');
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'sub', 'a.js'), 'console.log("a.js ran", process.argv.slice(2).join(","))\n');
fs.writeFileSync(path.join(dir, 'script.sh'), 'echo "script $0 $# $1"\nfor a in "$@"; do\n  echo "arg [$a]"\ndone\nexit 5\n');
const node = JSON.stringify(process.execPath);

const lines = [
  'echo a; echo b',
  'echo a && false || echo c',
  'false && echo no; echo $?',
  'A=5; echo "x${A}y" $A',
  'echo $(echo sub) `echo back` "$(echo "nested $(echo deep)")"',
  'cd sub && pwd && cd .. && pwd',
  '(cd sub; pwd); pwd',
  '(echo in; exit 3); echo $?',
  'echo one > out.txt; echo two >> out.txt; NODE -e "process.stdout.write(require(\'fs\').readFileSync(\'out.txt\',\'utf8\'))"',
  'echo piped | NODE -e "process.stdin.on(\'data\',d=>process.stdout.write(\'[\'+d+\']\'))"',
  '(echo Hello; sleep 0.2; echo World) | NODE -e "require(\'fs\').readFile(\'/dev/stdin\',\'utf8\',(e,d)=>process.stdout.write(e?e.code:d))"',
  '(echo A; sleep 0.2; echo B) | NODE -e "require(\'fs/promises\').open(\'/dev/stdin\').then(h=>h.readFile(\'utf8\')).then(d=>console.log(JSON.stringify(d)))"',
  'date -u -d @0 +%F; date -r f.txt >/dev/null && echo dated',
  'echo a | NODE -e "process.stdin.pipe(process.stdout)" | NODE -e "let s=\'\';process.stdin.on(\'data\',d=>s+=d).on(\'end\',()=>console.log(s.toUpperCase()))"',
  'NODE -e "console.log(1);console.error(2)" 2>&1 | NODE -e "let s=\'\';process.stdin.on(\'data\',d=>s+=d).on(\'end\',()=>process.stdout.write(\'got \'+s))"',
  'NODE -e "process.exit(3)" | NODE -e "process.exit(4)"; echo $?',
  'qjsw-missing-a | echo after; echo $?',
  'qjsw-missing-a arg; qjsw-missing-b',
  'echo *.txt; echo "*.txt"; echo nomatch*; echo sub/*.js; echo .*.txt; echo ?.txt [fg].txt',
  'NODE -e "console.error(\'err\')" 2>&1',
  'NODE -e "console.log(\'out\')" >&2',
  'NODE -e "console.error(\'quiet\')" 2>/dev/null; echo done',
  'if true; then echo x; fi',
  'if false; then echo x; elif true; then echo y; else echo z; fi',
  'if false; then echo x; fi; echo $?',
  'for i in 1 2 3; do echo $i; done',
  'for f in *.txt; do echo "file $f"; done',
  'i=0; while [ $i != 3 ]; do echo $i; i=$(NODE -p "$i+1"); done',
  'until false; do echo once; break; done',
  'case abc in a*) echo A;; *) echo other;; esac',
  'case x.js in *.ts|*.js) echo script;; esac; case q in a) echo a;; esac; echo $?',
  'f() { echo "fn $1 $#"; return 3; }; f a b; echo $?',
  'g() { echo "g $@"; }; g 1 2 | NODE -e "process.stdin.pipe(process.stdout)"',
  '[ -f f.txt ] && echo isfile; [ -d f.txt ] || echo notdir; test -d sub && echo isdir',
  '[ abc = abc ] && [ 3 -lt 10 ] && [ -n x ] && [ -z "" ] && echo tests',
  'echo ${UNSET:-dflt} ${A-x} ${HOME:+set}',
  'printf "%s-%d|%5s|%-3s|%03d|%x\\n" a 42 b c 7 255',
  'printf "%s\\n" a b c',
  'exit 4',
  'echo "unterminated',
  'echo a |',
  'fi',
  'echo $0 $#',
  '{ echo g1; echo g2; } > grp.txt; NODE -p "require(\'fs\').readFileSync(\'grp.txt\',\'utf8\')"',
  'for i in 1 2 3 4; do if [ $i = 3 ]; then break; fi; echo $i; done',
  'for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done',
  '! false; echo $?',
  'false | true; echo $?',
  'echo to-err >&2',
  'NODE -e "process.stdin.pipe(process.stdout)" < f.txt',
  'cat < nofile',
  'echo x > /qjsw/nodir/y',
  'X=1 NODE -p process.env.X',
  'export Y=2; NODE -p process.env.Y',
  'Z=3; NODE -p "process.env.Z || \'unset\'"',
  'echo "$(NODE -p 1+1)"',
  'NODE -e "process.exit(7)"; echo $?',
  "echo 'single $HOME'",
  'echo a\\ b "c\\"d"',
  'exec NODE -p 42; echo never',
  'NODE sub/a.js x y && echo ok',
  'sh script.sh p q "r s"; echo status $?',
];

const steps = lines.map((line) => (next) => {
  const full = line.replace(/NODE/g, node);
  cp.exec(full, { cwd: dir }, (err, stdout, stderr) => {
    console.log(JSON.stringify(line), err ? err.code : 0, JSON.stringify(stdout), JSON.stringify(stderr.split(node).join('NODE')));
    next();
  });
});

steps.push((next) => {
  const r = cp.spawnSync('/bin/sh', ['-c', 'echo "[$0] [$1] [$#] [$@]"', 'name', 'one', 'two words'], { encoding: 'utf8' });
  console.log('sh -c with arguments', r.status, JSON.stringify(r.stdout));
  const s = cp.spawnSync('sh', ['script.sh', 'p'], { cwd: dir, encoding: 'utf8' });
  console.log('sh FILE', s.status, JSON.stringify(s.stdout), JSON.stringify(s.stderr));
  const t = cp.spawnSync('echo piped | cat', { shell: true, encoding: 'utf8' });
  console.log('spawnSync shell pipeline', t.status, JSON.stringify(t.stdout));
  // a program started by its own name from inside itself is that program, not node
  const u = cp.spawnSync('sh', ['-c', 'sh -c "echo nested; exit 3"; echo $?'], { encoding: 'utf8' });
  console.log('sh inside sh', u.status, JSON.stringify(u.stdout), JSON.stringify(u.stderr));
  const v = cp.spawnSync('env', ['env', 'A=1', 'env', '-u', 'PATH', 'sh', '-c', 'echo $A'], { encoding: 'utf8' });
  console.log('env inside env', v.status, JSON.stringify(v.stdout));
  next();
});

(function run(i) {
  if (i < steps.length) steps[i](() => run(i + 1));
  else fs.rmSync(dir, { recursive: true, force: true });
})(0);
