// Node's defaults and checks of rmdir's and rm's options (lib/internal/fs/utils.js keeps them),
// shared by node:fs and the internal/fs/utils Node's tests reach under --expose-internals.
import { validateObject, validateBoolean, validateInt32, validateUint32 } from 'qjsw:internal/fs/utils';
import { nodeError } from 'qjsw:internal/errors';
import { importBuiltin } from 'qjsw:binding/module';

const defaultRmdirOptions = { retryDelay: 100, maxRetries: 0, recursive: false };
const defaultRmOptions = { ...defaultRmdirOptions, force: false };

export function validateRmdirOptions(options, defaults = defaultRmdirOptions) {
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, 'options.recursive');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
}

function fsEisdir(path) {
  const err = nodeError(Error, 'ERR_FS_EISDIR', `Path is a directory: rm returned EISDIR (is a directory) ${path}`);
  err.name = 'SystemError';
  err.errno = 21;
  err.syscall = 'rm';
  err.path = path;
  err.info = { code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: 21 };
  return err;
}

// (node:fs's own lstatSync, read when called: node:fs imports this module)
export function validateRmOptionsSync(path, options, expectDir) {
  options = validateRmdirOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  if (!options.force || expectDir || !options.recursive) {
    const isDirectory = importBuiltin('node:fs').lstatSync(path, { throwIfNoEntry: !options.force })?.isDirectory();
    if (expectDir && !isDirectory) return false;
    if (isDirectory && !options.recursive) throw fsEisdir(path);
  }
  return options;
}
