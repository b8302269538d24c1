// Node's command-line options as this process sees them: process.execArgv (a child process's
// own flags; the conformance runner's `// Flags:` too), read when asked, as Node reads most of
// its options lazily. Only the forms Node's parser accepts for the options asked for here:
// `--name`, `--no-name`, `--name=value` and `--name value` for options that take one.
import process from 'qjsw:internal/process_object';

// options that take a value (the next argument when not given with '=')
const VALUED = new Set(['--unhandled-rejections', '--disable-warning', '--redirect-warnings', '--title', '--input-type']);
// options that may be given several times: all their values, in order
const LISTS = new Set(['--disable-warning']);
// what an option is when not given
const DEFAULTS = { '--warnings': true, '--deprecation': true, '--redirect-warnings': '', '--title': '', '--input-type': '' };

export function getOptionValue(name) {
  // NODE_OPTIONS first: the command line's own options win
  const fromEnv = typeof process.env?.NODE_OPTIONS === 'string' ? splitOptions(process.env.NODE_OPTIONS) : [];
  const argv = [...fromEnv, ...(Array.isArray(process.execArgv) ? process.execArgv : [])];
  const list = [];
  let value = LISTS.has(name) ? list : DEFAULTS[name];
  const negated = `--no-${name.slice(2)}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = String(argv[i]);
    if (arg === '--') break;
    const eq = arg.indexOf('=');
    const key = (eq < 0 ? arg : arg.slice(0, eq)).replace(/_/g, '-');
    if (VALUED.has(key)) {
      const given = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (key !== name) continue;
      if (LISTS.has(name)) list.push(String(given));
      else value = String(given);
    } else if (key === name) {
      value = true;
    } else if (key === negated) {
      value = false;
    }
  }
  return value;
}

// NODE_OPTIONS' words: split at spaces, a double-quoted part kept whole (with \" and \\).
function splitOptions(text) {
  const words = [];
  let word = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '"') {
      word ??= '';
      for (i++; i < text.length && text[i] !== '"'; i++) word += text[i] === '\\' && i + 1 < text.length ? text[++i] : text[i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

// process.noDeprecation and its kin: the property when the program set it, else the option
// (Node makes the property from the option at startup).
export function processFlag(property, option) {
  const own = process[property];
  if (own !== undefined) return own;
  return option.startsWith('--no-') ? getOptionValue(`--${option.slice(5)}`) === false : getOptionValue(option) === true;
}

// Node refuses to start with a bad value for an option it checks: the message it prints then
// (it exits with 9), or null.
export function invalidOption() {
  const mode = getOptionValue('--unhandled-rejections');
  if (mode !== undefined && !['strict', 'warn', 'none', 'throw', 'warn-with-error-code'].includes(mode)) {
    return 'invalid value for --unhandled-rejections';
  }
  return null;
}
