// process.emitWarning and the printer of warnings, as Node's: the warning becomes an Error
// (name = type) and on the next tick it is printed to stderr (or the --redirect-warnings file)
// and emitted as process 'warning'. Node's printer is a 'warning' listener added at startup;
// here it runs just before the listeners, which is the same order.
import process from 'qjsw:internal/process_object';
import { importBuiltin } from 'qjsw:binding/module';
import { invalidArgType } from 'qjsw:internal/errors';
import { nextTick as queueTick, onRunReset } from 'qjsw:internal/loop';
import { getOptionValue, processFlag } from 'qjsw:internal/options';

let hintShown = false;
let warningFile;
let warningFd;

export function emitWarning(warning, type, code, ctor) {
  if (processFlag('noDeprecation', '--no-deprecation') && type === 'DeprecationWarning') return;
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw invalidArgType('type', 'string', type);
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined && typeof code !== 'string') {
    throw invalidArgType('code', 'string', code);
  }
  if (typeof warning === 'string') {
    warning = createWarning(warning, type, code, ctor, detail);
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (processFlag('noDeprecation', '--no-deprecation')) return;
    // thrown on a tick of its own, after the warnings emitted before it were printed
    if (processFlag('throwDeprecation', '--throw-deprecation')) {
      queueTick(() => { throw warning; }, []);
      return;
    }
  }
  queueTick(emitNow, [warning]);
}

function createWarning(message, type, code, ctor, detail) {
  const warning = new Error(message);
  warning.name = String(type || 'Warning');
  if (code !== undefined) warning.code = code;
  if (detail !== undefined) warning.detail = detail;
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(warning, ctor || process.emitWarning);
  return warning;
}

function emitNow(warning) {
  printWarning(warning);
  process.emit('warning', warning);
}

// What Node's 'warning' listener prints (unless --no-warnings or NODE_NO_WARNINGS=1).
function printWarning(warning) {
  if (!getOptionValue('--warnings') || process.env.NODE_NO_WARNINGS === '1') return;
  const disabled = getOptionValue('--disable-warning');
  if ((warning?.code && disabled.includes(warning.code)) || (warning?.name && disabled.includes(warning.name))) return;
  if (!(warning instanceof Error)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && processFlag('noDeprecation', '--no-deprecation')) return;
  const trace = processFlag('traceProcessWarnings', '--trace-warnings') ||
    (isDeprecation && processFlag('traceDeprecation', '--trace-deprecation'));
  let msg = `(${process.release.name}:${process.pid}) `;
  if (warning.code) msg += `[${warning.code}] `;
  if (trace && warning.stack) msg += `${warning.stack}`;
  else msg += typeof warning.toString === 'function' ? `${warning.toString()}` : Error.prototype.toString.call(warning);
  if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
  if (!trace && !hintShown) {
    const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
    const argv0 = importBuiltin('node:path').basename(process.argv0 || 'node', '.exe');
    msg += `\n(Use \`${argv0} ${flag} ...\` to show where the warning was created)`;
    hintShown = true;
  }
  warningFile ??= getOptionValue('--redirect-warnings') || process.env.NODE_REDIRECT_WARNINGS || '';
  if (warningFile) writeToFile(msg);
  else writeOut(msg);
}

// through the global console's error, as Node's writeOut: a program that replaced
// process.stderr.write or console's stream sees its warnings there
let consoleError;
function writeOut(msg) {
  consoleError ??= importBuiltin('qjsw:internal/console').console.error;
  consoleError(msg);
}

function writeToFile(msg) {
  const fs = importBuiltin('node:fs');
  if (warningFd === undefined) {
    try {
      warningFd = fs.openSync(warningFile, 'a');
    } catch {
      writeOut(msg);
      return;
    }
  }
  fs.appendFile(warningFd, `${msg}\n`, (err) => {
    if (err) writeOut(msg);
  });
}

// A run starts as a new process would: the hint again, the options read anew.
export function resetWarnings() {
  hintShown = false;
  warningFile = undefined;
  if (warningFd !== undefined) {
    try { importBuiltin('node:fs').closeSync(warningFd); } catch {}
    warningFd = undefined;
  }
}
onRunReset(resetWarnings);
