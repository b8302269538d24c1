'use strict';
// path.matchesGlob as Node 20's minimatch answers: braces, classes, extglobs, ** and dot files,
// the pattern's backslash taken as a separator, and a win32 path's too.
require('../common');
const p = require('path');
const cases = [['a','a/**'],['a/','a'],['a//b','a/b'],['a/b','a//b'],['.a','*'],['a/.b','a/**'],['a/.b','a/*'],['a/.b','a/.*'],['a/b','a/./b'],['a/b','a/c/../b'],['ab','{a,b}b'],['a3','a{1..3}'],['a4','a{1..3}'],['a02','a{01..03}'],['ac','a{a..c}'],['x.js','*.+(js|ts)'],['x.md','!(*.js)'],['x.js','!(*.js)'],['a','[[:alpha:]]'],['1','[[:alpha:]]'],['a/b','**'],['.a/b','**'],['A','a'],['a','?'],['',''],['a','*'],['.','*'],['..','*'],['a/b/c','a/**/c'],['a/c','a/**/c'],['a/.x/c','a/**/c'],['a/b','a/b/'],['a/b/','a/b/'],['a/b/','a/b'],['foo.txt','*.{txt,md}'],['foo.md','*.{txt,md}'],['x','{x}'],['{x}','{x}'],['a]','a]'],['a[','a['],['ab','a[b'],['a-','a[-]'],['b','[a-c]'],['d','[!a-c]'],['d','[^a-c]'],['/a/b','/a/*'],['/a/b','a/*'],['a\\b','a/b'],['abc','a?c'],['abc','@(abc|def)'],['abcabc','+(abc)'],['','*(abc)'],['x.tsx','*.?(ts|js)x'],['foo','fo!(o)'],['fox','fo!(o)'],['a.b','*.b'],['.b','*.b'],['#a','#a'],['!a','!a'],['a','!a'],['a/b/c/d','**/d'],['d','**/d'],['.git/x','**/x'],['a/b','a/{b,c}'],['a/b/c','a/{b,c}/c'],['a,b','a,b'],['ab','a{,b}'],['a','a{,b}'],['x/y','*'],['x/y','*/*'],['x/y','**/*'],['x','**/*'],['a.js','*.[jt]s'],['a.Ts','*.[jt]s']];
for (const [a, b] of cases) console.log(JSON.stringify([a, b]), p.posix.matchesGlob(a, b), p.win32.matchesGlob(a, b));
try { p.matchesGlob(1, 'a') } catch (e) { console.log(e.code, e.message) }
try { p.win32.matchesGlob('a', null) } catch (e) { console.log(e.code, e.message) }
console.log(p.matchesGlob.name, p.win32.matchesGlob.name, p.matchesGlob === p.win32.matchesGlob);
