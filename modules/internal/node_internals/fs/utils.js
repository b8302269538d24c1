// require('internal/fs/utils') under --expose-internals (see ../../node_internals.js): the
// sandbox's fs validators and result classes under Node's names, and the few helpers Node keeps
// there (the rm/rmdir option checks, shared with node:fs; getDirents).
import {
  stringToFlags, validateOffsetLengthRead, validateOffsetLengthWrite, validatePosition, getValidatedPath, getValidatedFd,
  getValidMode, getOptions, copyObject, toUnixTimestamp, Stats, BigIntStats, StatFs, Dirent, direntTypeFromMode,
  constants, kMaxUserId,
} from 'qjsw:internal/fs/utils';
import { invalidArgType } from 'qjsw:internal/errors';
import { Buffer } from 'node:buffer';
import pathModule from 'node:path';
import { importBuiltin } from 'qjsw:binding/module';

const fs = () => importBuiltin('node:fs').default;

import { validateRmdirOptions, validateRmOptionsSync } from 'qjsw:internal/fs/rm_options';

// A directory's path joined with an entry's name, strings or bytes (Node's fs/utils join)
function join(path, name) {
  const bytes = (v) => v instanceof Uint8Array;
  if ((typeof path === 'string' || bytes(path)) && name === undefined) return path;
  if (typeof path === 'string' && bytes(name)) return Buffer.concat([Buffer.from(pathModule.join(path, pathModule.sep)), name]);
  if (typeof path === 'string' && typeof name === 'string') return pathModule.join(path, name);
  if (bytes(path) && bytes(name)) return Buffer.concat([path, Buffer.from(pathModule.sep), name]);
  throw invalidArgType('path', ['string', 'Buffer'], path);
}

const direntFromStats = (name, stats, path) => new Dirent(name, direntTypeFromMode(Number(stats.mode)), path);

// The Dirent of `name` in `path`, its type from lstat when the listing gave UV_DIRENT_UNKNOWN
export function getDirent(path, name, type, callback) {
  if (typeof callback === 'function') {
    if (type !== constants.UV_DIRENT_UNKNOWN) return void callback(null, new Dirent(name, type, path));
    let filepath;
    try {
      filepath = join(path, name);
    } catch (err) {
      return void callback(err);
    }
    fs().lstat(filepath, (err, stats) => (err ? callback(err) : callback(null, direntFromStats(name, stats, filepath))));
  } else if (type === constants.UV_DIRENT_UNKNOWN) {
    return direntFromStats(name, fs().lstatSync(join(path, name)), path);
  } else {
    return new Dirent(name, type, path);
  }
}

export function getDirents(path, { 0: names, 1: types }, callback) {
  if (typeof callback !== 'function') {
    for (let i = 0; i < names.length; i++) names[i] = getDirent(path, names[i], types[i]);
    return names;
  }
  let called = false;
  const done = (err, value) => {
    if (called) return;
    called = true;
    callback(err, value);
  };
  let toFinish = 0;
  for (let i = 0; i < names.length; i++) {
    if (types[i] !== constants.UV_DIRENT_UNKNOWN) {
      names[i] = new Dirent(names[i], types[i], path);
      continue;
    }
    const name = names[i];
    let filepath;
    try {
      filepath = join(path, name);
    } catch (err) {
      return void done(err);
    }
    toFinish++;
    fs().lstat(filepath, (err, stats) => {
      if (err) return void done(err);
      names[i] = direntFromStats(name, stats, path);
      if (--toFinish === 0) done(null, names);
    });
  }
  if (toFinish === 0) done(null, names);
}

export {
  stringToFlags, validateOffsetLengthRead, validateOffsetLengthWrite, validatePosition, getValidatedPath, getValidatedFd,
  getValidMode, getOptions, copyObject, toUnixTimestamp, Stats, BigIntStats, StatFs, Dirent, constants, kMaxUserId,
  validateRmdirOptions, validateRmOptionsSync,
};

export default {
  stringToFlags, validateOffsetLengthRead, validateOffsetLengthWrite, validatePosition, getValidatedPath, getValidatedFd,
  getValidMode, getOptions, copyObject, toUnixTimestamp, Stats, BigIntStats, StatFs, Dirent, constants, kMaxUserId,
  validateRmdirOptions, validateRmOptionsSync, getDirent, getDirents,
};
