// util.parseArgs as in Node 20: arguments become tokens (options, positionals, "--"), then
// values; strict mode rejects unknown options, missing or unexpected option values and
// ambiguous dash-values with Node's ERR_PARSE_ARGS_* errors.
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const getOwn = (options, name, prop) => (hasOwn(options, name) ? options[name][prop] : undefined);

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

function findLongOptionForShort(shortOption, options) {
  for (const name of Object.keys(options)) if (options[name].short === shortOption) return name;
  return shortOption;
}

const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
const isOptionLikeValue = (value) => value != null && value.length > 1 && value[0] === '-';

function isShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  return getOwn(options, findLongOptionForShort(arg[1], options), 'type') !== 'string';
}

function isShortOptionAndValue(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  return getOwn(options, findLongOptionForShort(arg[1], options), 'type') === 'string';
}

function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remaining = args.slice();
  while (remaining.length > 0) {
    const arg = remaining.shift();
    const nextArg = remaining[0];
    if (groupCount > 0) groupCount--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const value of remaining) tokens.push({ kind: 'positional', index: ++index, value });
      break;
    }
    if (isLoneShortOption(arg)) {
      const name = findLongOptionForShort(arg[1], options);
      let value;
      let inlineValue;
      if (getOwn(options, name, 'type') === 'string' && nextArg != null) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isShortOptionGroup(arg, options)) {
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const short = arg[i];
        if (getOwn(options, findLongOptionForShort(short, options), 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${short}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remaining.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (isShortOptionAndValue(arg, options)) {
      const name = findLongOptionForShort(arg[1], options);
      tokens.push({ kind: 'option', name, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (isLoneLongOption(arg)) {
      const name = arg.slice(2);
      let value;
      let inlineValue;
      if (getOwn(options, name, 'type') === 'string' && nextArg != null) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isLongOptionAndValue(arg)) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq);
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(eq + 1), inlineValue: true });
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

function checkOptionUsage(options, allowPositionals, token) {
  if (!hasOwn(options, token.name)) {
    const hint = allowPositionals
      ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
      : '';
    throw nodeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${token.rawName}'${hint}`);
  }
  const short = getOwn(options, token.name, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${token.name}`;
  const type = getOwn(options, token.name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong}' does not take an argument`);
  }
}

function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith('--') ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\n` +
      `To specify an option argument starting with a dash use ${example}.`);
  }
}

function storeOption(name, value, options, values) {
  if (name === '__proto__') return;
  const newValue = value ?? true;
  if (getOwn(options, name, 'multiple')) {
    if (values[name] === undefined) values[name] = [newValue];
    else values[name].push(newValue);
  } else {
    values[name] = newValue;
  }
}

function validateDefault(value, type, multiple, name) {
  const check = (v) => (type === 'string' ? typeof v === 'string' : typeof v === 'boolean');
  if (multiple) {
    if (!Array.isArray(value) || !value.every(check)) throw invalidArgType(name, `${type}[]`.replace(/^./, (c) => c), value);
  } else if (!check(value)) {
    throw invalidArgType(name, type, value);
  }
}

export function parseArgs(config = {}) {
  validateObject(config, 'config');
  const args = config.args ?? (globalThis.process?.argv ?? []).slice(2);
  const strict = config.strict ?? true;
  const allowPositionals = config.allowPositionals ?? !strict;
  const returnTokens = config.tokens ?? false;
  const options = config.options ?? {};
  if (!Array.isArray(args)) throw invalidArgType('args', 'Array', args);
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateObject(options, 'options');
  for (const [name, optionConfig] of Object.entries(options)) {
    validateObject(optionConfig, `options.${name}`);
    const type = optionConfig.type;
    if (type !== 'string' && type !== 'boolean') throw invalidArgType(`options.${name}.type`, "('string|boolean')", type);
    if (hasOwn(optionConfig, 'short')) {
      const short = optionConfig.short;
      if (typeof short !== 'string') throw invalidArgType(`options.${name}.short`, 'string', short);
      if (short.length !== 1) throw invalidArgValue(`options.${name}.short`, short, 'must be a single character');
    }
    const multiple = optionConfig.multiple;
    if (hasOwn(optionConfig, 'multiple')) validateBoolean(multiple, `options.${name}.multiple`);
    if (hasOwn(optionConfig, 'default') && optionConfig.default !== undefined) {
      validateDefault(optionConfig.default, type, multiple, `options.${name}.default`);
    }
  }
  const tokens = argsToTokens(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(options, allowPositionals, token);
        checkOptionLikeValue(token);
      }
      storeOption(token.name, token.value, options, result.values);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw nodeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
          `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      result.positionals.push(token.value);
    }
  }
  for (const [name, optionConfig] of Object.entries(options)) {
    if (optionConfig.default !== undefined && result.values[name] === undefined) result.values[name] = optionConfig.default;
  }
  return result;
}
