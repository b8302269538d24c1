// node:wasi (lib/wasi.js): the same class, checks and errors, with preview1's functions in guest
// JS over the sandbox's fs (modules/internal/wasi/preview1.js). Preopens are sandbox paths: a
// Wasm program sees the sandbox's files only, and of those only what its preopens hold.
import { exit as exitNow } from 'qjsw:binding/module';
import { createPreview1 } from 'qjsw:internal/wasi/preview1';
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { validateBoolean, validateFunction, validateInt32, validateObject, validateString } from 'qjsw:internal/fs/utils';

process.emitWarning('WASI is an experimental feature and might change at any time', 'ExperimentalWarning');

const kExitCode = Symbol('kExitCode');
const kSetMemory = Symbol('kSetMemory');
const kStarted = Symbol('kStarted');
const kInstance = Symbol('kInstance');
const kBindingName = Symbol('kBindingName');

function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value);
}

function validateUndefined(value, name) {
  if (value !== undefined) throw invalidArgType(name, 'undefined', value);
}

function setupInstance(self, instance) {
  validateObject(instance, 'instance');
  validateObject(instance.exports, 'instance.exports');
  self[kInstance] = instance;
  self[kSetMemory](instance.exports.memory);
}

export class WASI {
  constructor(options = {}) {
    validateObject(options, 'options');
    validateString(options.version, 'options.version');
    switch (options.version) {
      case 'unstable':
        this[kBindingName] = 'wasi_unstable';
        break;
      case 'preview1':
        this[kBindingName] = 'wasi_snapshot_preview1';
        break;
      default:
        throw invalidArgValue('options.version', options.version, 'unsupported WASI version');
    }

    if (options.args !== undefined) validateArray(options.args, 'options.args');
    const args = (options.args || []).map(String);

    const env = [];
    if (options.env !== undefined) {
      validateObject(options.env, 'options.env');
      for (const [key, value] of Object.entries(options.env)) {
        if (value !== undefined) env.push(`${key}=${value}`);
      }
    }

    const preopens = [];
    if (options.preopens !== undefined) {
      validateObject(options.preopens, 'options.preopens');
      for (const [key, value] of Object.entries(options.preopens)) preopens.push(String(key), String(value));
    }

    const { stdin = 0, stdout = 1, stderr = 2 } = options;
    validateInt32(stdin, 'options.stdin', 0);
    validateInt32(stdout, 'options.stdout', 0);
    validateInt32(stderr, 'options.stderr', 0);

    let returnOnExit = true;
    if (options.returnOnExit !== undefined) {
      validateBoolean(options.returnOnExit, 'options.returnOnExit');
      returnOnExit = options.returnOnExit;
    }
    const exit = returnOnExit
      ? (code) => {
        this[kExitCode] = code;
        throw kExitCode;
      }
      // Node's WASI exits the process there and then: no 'exit' event
      : (code) => exitNow(code);

    const { imports, setMemory } = createPreview1({ args, env, preopens, stdio: [stdin, stdout, stderr], exit });
    this[kSetMemory] = setMemory;
    this.wasiImport = imports;
    this[kStarted] = false;
    this[kExitCode] = 0;
    this[kInstance] = undefined;
  }

  // Must not export _initialize, must export _start
  start(instance) {
    if (this[kStarted]) throw nodeError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
    this[kStarted] = true;
    setupInstance(this, instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateFunction(_start, 'instance.exports._start');
    validateUndefined(_initialize, 'instance.exports._initialize');
    try {
      _start();
    } catch (err) {
      if (err !== kExitCode) throw err;
    }
    return this[kExitCode];
  }

  // Must not export _start, may optionally export _initialize
  initialize(instance) {
    if (this[kStarted]) throw nodeError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
    this[kStarted] = true;
    setupInstance(this, instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateUndefined(_start, 'instance.exports._start');
    if (_initialize !== undefined) {
      validateFunction(_initialize, 'instance.exports._initialize');
      _initialize();
    }
  }

  getImportObject() {
    return { [this[kBindingName]]: this.wasiImport };
  }
}

export default { WASI };
