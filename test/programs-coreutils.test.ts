// Differential suite for the sandbox's own coreutils, grep and sed (modules/internal/programs/):
// each case runs the real program of this Debian 12 host (spawnSync, in a fresh directory, in
// the C locale) and the sandbox's (a guest spawnSync in a directory at the same path, with the
// same files), and status, stdout and stderr must be the same bytes. All cases run in one
// sandbox, one guest script, so the suite stays quick.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSandbox } from "../runtime/index"

interface Case {
  /** the program and its arguments */
  cmd: string[]
  stdin?: string | Buffer
  /** files to create first (a name ending in / is a directory) */
  files?: Record<string, string | Buffer>
  env?: Record<string, string>
}

const text = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n"
const words = "hello world\nfoo bar  baz\n\n\tindented line\nlast line without newline"
const common = { "t.txt": text, "w.txt": words, "empty.txt": "", "d/": "", "d/inner.txt": "inner\n" }
const binary = Buffer.from([0, 1, 2, 10, 255, 254, 128, 13, 10, 0x41, 0])

const cases: Case[] = [
  // cat
  { cmd: ["cat", "t.txt"], files: common },
  { cmd: ["cat"], stdin: "from stdin\n" },
  { cmd: ["cat", "-"], stdin: binary },
  { cmd: ["cat", "w.txt", "-", "t.txt"], stdin: "middle\n", files: common },
  { cmd: ["cat", "nofile", "t.txt"], files: common },
  { cmd: ["cat", "d"], files: common },
  { cmd: ["cat", "-n", "w.txt", "w.txt"], files: common },
  { cmd: ["cat", "-b", "w.txt"], files: common },
  { cmd: ["cat", "-A"], stdin: binary },
  { cmd: ["cat", "-s", "-E"], stdin: "a\n\n\n\nb\n\n" },
  { cmd: ["cat", "-T", "-v", "-e"], stdin: "\ta\x01\x7f\xff\n" },
  { cmd: ["cat", "-z"] },
  { cmd: ["cat", "--bogus"] },
  { cmd: ["cat", "a b", "it's", "x:y"] },
  // echo
  { cmd: ["echo", "hello\nnode\nand\nworld\n"] },
  { cmd: ["echo", "hello", "world"] },
  { cmd: ["echo"] },
  { cmd: ["echo", "-n", "no newline"] },
  { cmd: ["echo", "a\\tb\\n"] },
  { cmd: ["echo", "-e", "a\\tb\\nc\\x41\\0101\\101\\\\ \\q"] },
  { cmd: ["echo", "-e", "before\\cafter", "more"] },
  { cmd: ["echo", "-E", "a\\tb"] },
  { cmd: ["echo", "-neE", "-x", "-n"] },
  { cmd: ["echo", "--help", "x"] },
  { cmd: ["echo", "-", "--"] },
  // env
  { cmd: ["env"], env: { FOO: "bar", EMPTY: "" } },
  { cmd: ["env", "-i", "A=1", "B=two words"] },
  { cmd: ["env", "-u", "FOO"], env: { FOO: "bar", KEEP: "yes" } },
  { cmd: ["env", "-i", "X=1", "env"] },
  { cmd: ["env", "-", "Y=2"], env: { FOO: "bar" } },
  { cmd: ["env", "nosuchcommand", "arg"] },
  { cmd: ["env", "-z"] },
  { cmd: ["env", "false"] },
  { cmd: ["env", "-0", "-i", "A=1", "B=2"] },
  { cmd: ["env", "-u", "A=B"] },
  { cmd: ["env", "-C", "d", "pwd"], files: common },
  { cmd: ["env", "-C", "nodir", "pwd"] },
  // pwd
  { cmd: ["pwd"] },
  { cmd: ["pwd", "-P"] },
  { cmd: ["pwd", "-L"] },
  { cmd: ["pwd", "-x"] },
  { cmd: ["pwd", "extra"] },
  // ls
  { cmd: ["ls"], files: { ...common, "B.txt": "", "a.txt": "", _x: "", Z: "", ".hidden": "" } },
  { cmd: ["ls", "-a"], files: { ...common, ".hidden": "" } },
  { cmd: ["ls", "-A"], files: { ...common, ".hidden": "" } },
  { cmd: ["ls", "-1", "d"], files: common },
  { cmd: ["ls", "nofile"] },
  { cmd: ["ls", "nofile", "t.txt", "d"], files: common },
  { cmd: ["ls", "d", "t.txt", "w.txt"], files: common },
  { cmd: ["ls", "-d", "d", "t.txt"], files: common },
  { cmd: ["ls", "-r", "-F"], files: { ...common, "sub/": "", "sub/x": "" } },
  { cmd: ["ls", "-R"], files: { ...common, "sub/": "", "sub/deeper/": "", "sub/deeper/y": "" } },
  { cmd: ["ls", "-p", "-m"], files: common },
  { cmd: ["ls", "-C", "-w", "30"], files: { aaaaaaaaaaaa: "", bbbbbbb: "", c: "", d1: "", eeeeeeeeeeee: "", fff: "", g: "", hh: "" } },
  { cmd: ["ls", "-x", "-w", "30"], files: { aaaaaaaaaaaa: "", bbbbbbb: "", c: "", d1: "", eeeeeeeeeeee: "", fff: "", g: "", hh: "" } },
  { cmd: ["ls", "-S"], files: { small: "1", big: "1234567890", mid: "12345" } },
  { cmd: ["ls", "-y"] },
  // sleep
  { cmd: ["sleep", "0"] },
  { cmd: ["sleep", "0.05", ".01s", "0m", "0h", "0d"] },
  { cmd: ["sleep"] },
  { cmd: ["sleep", "1x", "abc"] },
  { cmd: ["sleep", "-1"] },
  // id
  { cmd: ["id"] },
  { cmd: ["id", "-u"] },
  { cmd: ["id", "-un"] },
  { cmd: ["id", "-g"] },
  { cmd: ["id", "-G"] },
  { cmd: ["id", "-Gn"] },
  { cmd: ["id", "-n"] },
  { cmd: ["id", "-u", "-g"] },
  { cmd: ["id", "root"] },
  { cmd: ["id", "nosuchuser"] },
  // wc
  { cmd: ["wc", "-c"], stdin: "hello world\n" },
  { cmd: ["wc"], stdin: "hello world\n" },
  { cmd: ["wc", "-l"], stdin: "a\nb\nc" },
  { cmd: ["wc", "t.txt"], files: common },
  { cmd: ["wc", "-c", "t.txt"], files: common },
  { cmd: ["wc", "t.txt", "w.txt", "empty.txt"], files: common },
  { cmd: ["wc", "-l", "t.txt", "d", "nofile"], files: common },
  { cmd: ["wc", "-w", "-m", "-L"], stdin: "\x01\x02 a \xe9b\tc\r\nxx yy\n" },
  { cmd: ["wc", "-L", "w.txt"], files: common },
  { cmd: ["wc", "-c", "t.txt", "-"], stdin: "abc", files: common },
  { cmd: ["wc", "--total=only", "t.txt", "w.txt"], files: common },
  { cmd: ["wc", "-k"] },
  // head, tail
  { cmd: ["head"], stdin: text },
  { cmd: ["head", "-n", "3", "t.txt"], files: common },
  { cmd: ["head", "-3", "t.txt"], files: common },
  { cmd: ["head", "-c", "5", "t.txt"], files: common },
  { cmd: ["head", "-n", "-9", "t.txt"], files: common },
  { cmd: ["head", "-c", "-60", "t.txt"], files: common },
  { cmd: ["head", "-n", "2", "t.txt", "-", "w.txt"], stdin: "x\ny\nz\n", files: common },
  { cmd: ["head", "-q", "-n1", "t.txt", "w.txt"], files: common },
  { cmd: ["head", "-v", "-n1", "t.txt"], files: common },
  { cmd: ["head", "-n", "x", "t.txt"], files: common },
  { cmd: ["head", "nofile", "t.txt"], files: common },
  { cmd: ["head", "d"], files: common },
  { cmd: ["head", "-n1"], stdin: "line without newline" },
  { cmd: ["head", "-n", "-1"], stdin: "l1\nl2\nl3" },
  { cmd: ["tail"], stdin: text },
  { cmd: ["tail", "-n", "2", "t.txt"], files: common },
  { cmd: ["tail", "-2", "t.txt"], files: common },
  { cmd: ["tail", "-n", "+11", "t.txt"], files: common },
  { cmd: ["tail", "+11", "t.txt"], files: common },
  { cmd: ["tail", "-c", "7", "t.txt"], files: common },
  { cmd: ["tail", "-c", "+60", "t.txt"], files: common },
  { cmd: ["tail", "-n", "1", "t.txt", "w.txt"], files: common },
  { cmd: ["tail", "-n", "2"], stdin: "l1\nl2\nl3" },
  { cmd: ["tail", "-n", "0", "t.txt"], files: common },
  { cmd: ["tail", "-n", "1", "nofile", "t.txt"], files: common },
  { cmd: ["tail", "-c", "x"] },
  // grep
  { cmd: ["grep", "o"], stdin: "hello\nnode\nand\nworld\n" },
  { cmd: ["grep", "--binary", "o"], stdin: "hello\nnode\nand\nworld\n" },
  { cmd: ["grep", "x"], stdin: "xxx\nyyy\nx" },
  { cmd: ["grep", "-n", "e", "t.txt"], files: common },
  { cmd: ["grep", "-c", "e", "t.txt", "w.txt"], files: common },
  { cmd: ["grep", "-v", "-i", "E", "t.txt"], files: common },
  { cmd: ["grep", "-q", "two", "t.txt"], files: common },
  { cmd: ["grep", "-q", "zzz", "t.txt"], files: common },
  { cmd: ["grep", "-l", "o", "t.txt", "w.txt", "empty.txt"], files: common },
  { cmd: ["grep", "-L", "o", "t.txt", "w.txt", "empty.txt"], files: common },
  { cmd: ["grep", "-x", "two", "t.txt"], files: common },
  { cmd: ["grep", "-w", "foo", "-e", "bar"], stdin: "foo bar\nfoobar\nbarfoo x\nfoo\n" },
  { cmd: ["grep", "-F", "a.c"], stdin: "abc\na.c\n" },
  { cmd: ["grep", "a.c"], stdin: "abc\na.c\n" },
  { cmd: ["grep", "-E", "^(t|f)[a-z]{2}$", "t.txt"], files: common },
  { cmd: ["grep", "^\\(t\\|f\\)[a-z]\\{2\\}$", "t.txt"], files: common },
  { cmd: ["grep", "-o", "[[:digit:]]\\+"], stdin: "a12b345\nnone\n6\n" },
  { cmd: ["grep", "-ob", "o"], stdin: "foo\nboo\n" },
  { cmd: ["grep", "\\(.\\)\\1"], stdin: "book\nbok\nkeep\n" },
  { cmd: ["grep", "-E", "(a|b)\\1"], stdin: "aa\nab\nbb\n" },
  { cmd: ["grep", "-i", "hello"], stdin: "HELLO\nhElLo\nbye\n\xc9\n" },
  { cmd: ["grep", "\\<fo", "-"], stdin: "foo\nafoo\n a fo\n" },
  { cmd: ["grep", "x", "nofile", "t.txt"], files: common },
  { cmd: ["grep", "-s", "x", "nofile"] },
  { cmd: ["grep", "o", "d", "t.txt"], files: common },
  { cmd: ["grep", "-r", "inner"], files: common },
  { cmd: ["grep", "-A1", "-B1", "-e", "four", "-e", "nine", "t.txt"], files: common },
  { cmd: ["grep", "-C", "1", "-n", "six", "t.txt", "t.txt"], files: common },
  { cmd: ["grep", "-m", "2", "e", "t.txt"], files: common },
  { cmd: ["grep", "a"], stdin: binary },
  { cmd: ["grep", "-c", "A"], stdin: binary },
  { cmd: ["grep", "-a", "A"], stdin: binary },
  { cmd: ["grep", "-H", "--label=in", "a"], stdin: "a\n" },
  { cmd: ["grep", "-e", "a", "-e", ""], stdin: "xyz\nabc\n" },
  { cmd: ["grep", "-E", "*a"], stdin: "a\n*a\n" },
  { cmd: ["grep", "*a"], stdin: "a\n*a\n" },
  { cmd: ["grep", "a\\{1,2\\}b", "-o"], stdin: "aaab\n" },
  { cmd: ["grep", "[[:alpha:]"], stdin: "a\n" },
  { cmd: ["grep", "[:space:]"], stdin: "a\n" },
  { cmd: ["grep", "\\(a"], stdin: "a\n" },
  { cmd: ["grep", "-E", "a)"], stdin: "a\n" },
  { cmd: ["grep", "\\1"], stdin: "a\n" },
  { cmd: ["grep", "-k", "a"] },
  { cmd: ["grep"] },
  { cmd: ["grep", "-A", "x", "a"] },
  { cmd: ["grep", "-Z", "-l", "o", "t.txt"], files: common },
  { cmd: ["grep", "-z", "b"], stdin: "a\0b\0cb" },
  { cmd: ["grep", "-f", "pats", "t.txt"], files: { ...common, pats: "^t\nve$\n" } },
  // sed
  { cmd: ["sed", "s/o/O/"], stdin: "hello\nnode\nworld\n" },
  { cmd: ["sed", "--binary", "s/o/O/"], stdin: "hello\nnode\nworld\n" },
  { cmd: ["sed", "s/o/0/g;s/e/E/2", "t.txt"], files: common },
  { cmd: ["sed", "-n", "2p;$p", "t.txt"], files: common },
  { cmd: ["sed", "3q", "t.txt"], files: common },
  { cmd: ["sed", "5q7", "t.txt"], files: common },
  { cmd: ["sed", "2,10d", "t.txt"], files: common },
  { cmd: ["sed", "/^t/d", "t.txt"], files: common },
  { cmd: ["sed", "-n", "/two/,/five/p", "t.txt"], files: common },
  { cmd: ["sed", "-n", "/two/,+2p;0~5p", "t.txt"], files: common },
  { cmd: ["sed", "-E", "s/(o+)(n|u)/[\\2\\1]/g", "t.txt"], files: common },
  { cmd: ["sed", "s/\\(t\\)\\(.\\)/\\2\\1&/", "t.txt"], files: common },
  { cmd: ["sed", "s|/|\\\\|g"], stdin: "/usr/local/bin\n" },
  { cmd: ["sed", "s/e/X/2g"], stdin: "eeeee\n" },
  { cmd: ["sed", "s/E/x/Ig"], stdin: "eEe\n" },
  { cmd: ["sed", "-n", "s/o/0/p"], stdin: "one\ntwo\nxyz\n" },
  { cmd: ["sed", "s/a*/x/g"], stdin: "baaac\naaa bbb\n" },
  { cmd: ["sed", "s/x*/-/g"], stdin: "abc\n" },
  { cmd: ["sed", "s/\\w\\+/\\u&/g;s/ /\\n/"], stdin: "hello big world\n" },
  { cmd: ["sed", "-e", "s/a/b/", "-e", "s/b/c/"], stdin: "a\n" },
  { cmd: ["sed", "-n", "$="], stdin: text },
  { cmd: ["sed", "="], stdin: "a\nb\n" },
  { cmd: ["sed", "1!G;h;$!d"], stdin: "1\n2\n3\n" },
  { cmd: ["sed", "N;P;D"], stdin: "a\nb\nc\n" },
  { cmd: ["sed", "$!N;s/\\n/-/"], stdin: "a\nb\nc\n" },
  { cmd: ["sed", "n;d"], stdin: "1\n2\n3\n4\n5\n" },
  { cmd: ["sed", "2i\\\nbefore\n3a after\n$c\\\nchanged"], stdin: "1\n2\n3\n4\n" },
  { cmd: ["sed", "a x\\ty"], stdin: "1\n" },
  { cmd: ["sed", "/2/,/3/c\\\nrange"], stdin: "1\n2\n3\n4\n" },
  { cmd: ["sed", "y/abc/xyz/"], stdin: "aabbcc\n" },
  { cmd: ["sed", ":a;s/^.\\{1,4\\}$/ &/;ta"], stdin: "ab\nabcdef\n" },
  { cmd: ["sed", "-n", "/x/{p;p}"], stdin: "x\ny\n" },
  { cmd: ["sed", "l"], stdin: "a\tb\x01\xe9\\\n" },
  { cmd: ["sed", "-n", "l 20"], stdin: "0123456789012345678901234567890123456789\n" },
  { cmd: ["sed", "p"], stdin: "no newline" },
  { cmd: ["sed", "$a end"], stdin: "no newline" },
  { cmd: ["sed", "s/o/0/w /dev/stdout"], stdin: "one\ntwo\n" },
  { cmd: ["sed", "-s", "-n", "$p", "t.txt", "w.txt"], files: common },
  { cmd: ["sed", "-n", "$p", "t.txt", "w.txt"], files: common },
  { cmd: ["sed", "p", "nofile", "t.txt"], files: common },
  { cmd: ["sed", "-z", "s/\\n/,/g"], stdin: "a\nb\n" },
  { cmd: ["sed", "0,/o/s//0/"], stdin: "foo\nboo\n" },
  { cmd: ["sed", "s/x"] },
  { cmd: ["sed", "-e", "p", "-e", "k"] },
  { cmd: ["sed", "s/a/b/k"] },
  { cmd: ["sed", "s/a/\\2/"] },
  { cmd: ["sed", "b nowhere"] },
  { cmd: ["sed", "{p"] },
  { cmd: ["sed", "p;}"] },
  { cmd: ["sed", "y/abc/xy/"] },
  { cmd: ["sed", "s/\\(a/x/"] },
  { cmd: ["sed", "-k"] },
  { cmd: ["sed", "-n", "/a/I p"], stdin: "A\nb\n" },
  { cmd: ["sed", "-E", "s/(a|ab)(c|bcd)?/[\\1,\\2]/"], stdin: "abc\n" },
  { cmd: ["sed", "-f", "script.sed", "t.txt"], files: { ...common, "script.sed": "# comment\n/one/d\ns/t/T/\n" } },
  { cmd: ["sed", "-i", "s/one/ONE/", "t.txt"], files: common },
  { cmd: ["sed", "s/[/]/x/"], stdin: "a/b\n" },
  { cmd: ["sed", "N;N;s/\n/+/g;y/+/ /"], stdin: "1\n2\n3\n4\n" },
  { cmd: ["sed", "-n", "$!{$!p}", "t.txt"], files: common },
  { cmd: ["sed", "2!c\\\nother"], stdin: "1\n2\n3\n" },
  { cmd: ["sed", "-s", "1F;=", "t.txt", "-"], stdin: "in\n", files: common },
  { cmd: ["sed", "s/o/0/w out.txt", "t.txt"], files: common },
  { cmd: ["sed", "-E", "s/(x|xy)(z|yz)?/<\\1|\\2>/g"], stdin: "xyz xy x\n" },
  { cmd: ["sed", "s/.*/\\U&/;s/O/\\l&x/"], stdin: "foo\n" },
  { cmd: ["sed", "r t.txt", "w.txt"], files: common },
  { cmd: ["sed", "$!d;R t.txt", "w.txt"], files: common },
  { cmd: ["sed", "-n", "/one/,3{=;p}", "t.txt"], files: common },
  { cmd: ["sed", "2,4!d;3Q", "t.txt"], files: common },
  { cmd: ["sed", "--version"] },
  { cmd: ["sed", "-n", "-e", "1{", "-e", "p", "-e", "}", "t.txt"], files: common },
  { cmd: ["sed", "s/a/b/;#comment\ns/b/c/"], stdin: "a\n" },
  { cmd: ["grep", "-oE", "ab|abcd"], stdin: "abcd abx\n" },
  { cmd: ["grep", "-cv", "e", "t.txt"], files: common },
  { cmd: ["grep", "-nbH", "t", "t.txt"], files: common },
  // (grep -r lists in directory order: one match each, for the same output)
  { cmd: ["grep", "-r", "--include=*.md", "e", "."], files: { ...common, "x.md": "e\n" } },
  { cmd: ["grep", "-rl", "--exclude=*.md", "inner"], files: { ...common, "x.md": "inner\n" } },
  { cmd: ["grep", "-ow", "ab"], stdin: "ab abc ab_ xab ab\n" },
  { cmd: ["grep", "-e", "[]a]", "-e", "[^[:alnum:] ]"], stdin: "]\nb\nc!\n" },
  { cmd: ["grep", "-i", "[a-c]x"], stdin: "BX\nbx\ndx\n" },
  { cmd: ["grep", "-E", "a{2,}|^$"], stdin: "a\naa\n\nb\n" },
  { cmd: ["grep", "-F", "-x", "-i", "ONE", "t.txt"], files: common },
  { cmd: ["grep", "-h", "o", "t.txt", "w.txt"], files: common },
  { cmd: ["grep", "-V"] },
  { cmd: ["head", "-c", "3", "t.txt", "w.txt"], files: common },
  { cmd: ["head", "-n", "0", "t.txt"], files: common },
  { cmd: ["head", "--lines=2", "--bytes=4", "t.txt"], files: common },
  { cmd: ["head", "-5c", "t.txt"], files: common },
  { cmd: ["tail", "-c", "+3"], stdin: "abcdef" },
  { cmd: ["tail", "-n", "+1", "-q", "t.txt", "w.txt"], files: common },
  { cmd: ["wc", "-m"], stdin: "h\xc3\xa9\n" },
  { cmd: ["wc", "-lw", "w.txt", "-"], stdin: "a b c", files: common },
  { cmd: ["cat", "-n", "t.txt", "w.txt", "t.txt"], files: common },
  { cmd: ["cat", "--version"] },
  { cmd: ["ls", "-1", "--", "-x"], files: { "-x": "" } },
  { cmd: ["ls", "-i", "-s", "-d", "nofile"] },
  { cmd: ["ls", "-a", "-r", "d"], files: common },
  { cmd: ["ls", "-Ap", "--group-directories-first"], files: { ...common, "zdir/": "" } },
  { cmd: ["ls", "--sort=size", "-r"], files: { small: "1", big: "1234567890", mid: "12345" } },
  { cmd: ["echo", "-e", "\\0101\\x4a\\x\\e[0m"] },
  { cmd: ["env", "-u", "PATH", "X=y", "env"] },
  { cmd: ["uname", "-s", "-o", "-s"] },
  // true, false
  { cmd: ["true", "--bogus", "x"] },
  { cmd: ["false", "x"] },
  { cmd: ["true", "--version"] },
  // mkdir, rm, touch (then ls shows what they did)
  { cmd: ["mkdir", "new"] },
  { cmd: ["mkdir", "d"], files: common },
  { cmd: ["mkdir", "a/b/c"] },
  { cmd: ["mkdir", "-p", "a/b/c", "d"], files: common },
  { cmd: ["mkdir", "-pv", "x/y"] },
  { cmd: ["mkdir", "-p", "t.txt/x"], files: common },
  { cmd: ["mkdir", "-m", "700", "-v", "m"] },
  { cmd: ["mkdir", "-m", "bad", "m"] },
  { cmd: ["mkdir"] },
  { cmd: ["rm", "t.txt", "nofile"], files: common },
  { cmd: ["rm", "d"], files: common },
  { cmd: ["rm", "-f", "nofile"] },
  { cmd: ["rm", "-f"] },
  { cmd: ["rm"] },
  { cmd: ["rm", "-rv", "d"], files: common },
  { cmd: ["rm", "-d", "d"], files: common },
  { cmd: ["rm", "-r", "."] },
  { cmd: ["rm", "-rf", "d", "nofile", "t.txt"], files: common },
  { cmd: ["touch", "new", "t.txt"], files: common },
  { cmd: ["touch", "-c", "nofile"] },
  { cmd: ["touch", "no/such"] },
  { cmd: ["touch"] },
  { cmd: ["touch", "-d", "@0", "-t", "bad", "x"] },
  // uname, basename, dirname
  { cmd: ["uname"] },
  { cmd: ["uname", "-s"] },
  { cmd: ["uname", "-o"] },
  { cmd: ["uname", "x"] },
  { cmd: ["basename", "/a/b/c.txt", ".txt"] },
  { cmd: ["basename", "-a", "/a/b/", "//", "x"] },
  { cmd: ["basename", "-s", ".c", "a.c", "b.c", "c"] },
  { cmd: ["basename"] },
  { cmd: ["dirname", "/a/b/", "a", "/", "//a", "a/b//c//"] },
  // date (given times only: the clock moves between the two runs; never one that sets it)
  { cmd: ["date", "-u", "-d", "@0"] },
  { cmd: ["date", "-d", "@86399"] },
  {
    cmd: [
      "date",
      "-u",
      "-d",
      "@1700000000.25",
      "+%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %N %p %P %q %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %:z %::z %Z %%",
    ],
  },
  { cmd: ["date", "-u", "-d", "@1704067199", "+%-d|%_m|%^a|%#b|%#Z|%10Y|%-H|%3N|%_5S|%e|%-e|%05e|%G-W%V|%U|%W|%j"] },
  { cmd: ["date", "-u", "-d", "@1735603200", "+%G %V %g %U %W %u %w %y %C|%q|%Q|%"] },
  { cmd: ["date", "-R", "-d", "@0"] },
  { cmd: ["date", "-I", "-u", "-d", "@1700000000"] },
  { cmd: ["date", "-Iseconds", "-u", "-d", "@1700000000"] },
  { cmd: ["date", "-Ins", "-u", "-d", "@1.5"] },
  { cmd: ["date", "--iso-8601=hours", "-u", "-d", "@0"] },
  { cmd: ["date", "--rfc-3339=ns", "-u", "-d", "@0"] },
  { cmd: ["date", "-u", "-d", "2024-02-29 13:14:15", "+%F %T %s"] },
  { cmd: ["date", "-Ix"] },
  { cmd: ["date", "-d", "xyz"] },
  { cmd: ["date", "a", "b"] },
  { cmd: ["date", "-r", "/nonexistent"] },
  { cmd: ["date", "0101"] },
  { cmd: ["date", "-R", "+%Y"] },
  { cmd: ["date", "-d", "@0", "-r", "t.txt"], files: common },
  { cmd: ["date", "--bogus"] },
]

// what the programs did to the files, after the run: listed afterwards in both
const afterwards = (c: Case) => ["mkdir", "rm", "touch"].includes(c.cmd[0]) || (c.cmd[0] === "sed" && c.cmd[1] === "-i")

interface Result {
  status: number | null
  signal: string | null
  stdout: string
  stderr: string
  after?: string
}

const root = mkdtempSync(join(tmpdir(), "qjsw-coreutils-"))
const dirOf = (i: number) => join(root, `case${i}`)
const envOf = (c: Case) => ({ PATH: "/usr/bin:/bin", LC_ALL: "C", ...c.env })

// the files and directories a case starts with, with their data as base64
function fileList(c: Case): [string, string | null][] {
  return Object.entries(c.files ?? {}).map(([name, data]) => [name, name.endsWith("/") ? null : Buffer.from(data).toString("base64")])
}

// the tree below a directory, as "path size mode" lines, for what mkdir, rm, touch and sed -i did
// (the guest's copy of listTree below)
const LIST_TREE = `function listTree(dir, prefix = '') {
  const fs = require('fs');
  let s = '';
  for (const name of fs.readdirSync(dir).sort()) {
    const st = fs.statSync(dir + '/' + name);
    s += prefix + name + (st.isDirectory() ? '/' : ' ' + st.size + ' ' + (st.mode & 0o777).toString(8)) + '\\n';
    if (st.isDirectory()) s += listTree(dir + '/' + name, prefix + name + '/');
  }
  return s;
}`

function listTree(dir: string, prefix = ""): string {
  let s = ""
  for (const name of readdirSync(dir).sort()) {
    const st = statSync(join(dir, name))
    s += prefix + name + (st.isDirectory() ? "/" : ` ${st.size} ${(st.mode & 0o777).toString(8)}`) + "\n"
    if (st.isDirectory()) s += listTree(join(dir, name), `${prefix}${name}/`)
  }
  return s
}

function runOnHost(): Result[] {
  return cases.map((c, i) => {
    const dir = dirOf(i)
    mkdirSync(dir, { recursive: true })
    for (const [name, data] of fileList(c)) {
      if (data === null) mkdirSync(join(dir, name), { recursive: true })
      else writeFileSync(join(dir, name), Buffer.from(data, "base64"))
    }
    const r = spawnSync(c.cmd[0], c.cmd.slice(1), { cwd: dir, input: c.stdin ?? "", env: envOf(c), timeout: 10_000 })
    const result: Result = {
      status: r.status,
      signal: r.signal,
      stdout: r.stdout.toString("latin1"),
      stderr: r.stderr.toString("latin1"),
    }
    if (afterwards(c)) result.after = listTree(dir)
    return result
  })
}

async function runInSandbox(): Promise<Result[]> {
  const plan = cases.map((c, i) => ({
    cmd: c.cmd,
    dir: dirOf(i),
    files: fileList(c),
    stdin: Buffer.from(c.stdin ?? "").toString("base64"),
    env: envOf(c),
    after: afterwards(c),
  }))
  const guest = `
    const fs = require('fs');
    const { spawnSync } = require('child_process');
    ${LIST_TREE}
    const plan = ${JSON.stringify(plan)};
    const results = plan.map((c) => {
      fs.mkdirSync(c.dir, { recursive: true });
      for (const [name, data] of c.files) {
        if (data === null) fs.mkdirSync(c.dir + '/' + name, { recursive: true });
        else fs.writeFileSync(c.dir + '/' + name, Buffer.from(data, 'base64'));
      }
      const r = spawnSync(c.cmd[0], c.cmd.slice(1), { cwd: c.dir, input: Buffer.from(c.stdin, 'base64'), env: c.env });
      const result = { status: r.status, signal: r.signal, stdout: String(r.stdout?.toString('latin1')), stderr: String(r.stderr?.toString('latin1')) };
      if (r.error) result.stderr += 'spawn error: ' + r.error.message;
      if (c.after) result.after = listTree(c.dir);
      return result;
    });
    process.stdout.write(JSON.stringify(results));
  `
  let stdout = ""
  let stderr = ""
  const sandbox = await createSandbox({ timeout: 120_000, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  try {
    const { exitCode } = await sandbox.run(guest, { filename: "/main.js" })
    if (exitCode !== 0) throw new Error(`guest failed (${exitCode}): ${stderr}`)
    return JSON.parse(stdout) as Result[]
  } finally {
    sandbox.dispose()
  }
}

describe("the sandbox's coreutils, grep and sed match Debian 12's", () => {
  let host: Result[]
  let guest: Result[]
  beforeAll(async () => {
    host = runOnHost()
    guest = await runInSandbox()
  }, 120_000)
  afterAll(() => {
    if (existsSync(root)) rmSync(root, { recursive: true, force: true })
  })

  it.each(cases.map((c, i) => [c.cmd.map((a) => JSON.stringify(a)).join(" "), i] as const))("%s", (_name, i) => {
    expect(guest[i]).toEqual(host[i])
  })
})
