// The URL API's argument errors, with Node's codes and messages.
import { nodeError } from 'qjsw:internal/errors';

export function missingArgs(...names) {
  const list = names.map((n) => `"${n}"`);
  const text = list.length === 1 ? `The ${list[0]} argument` : `The ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} arguments`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `${text} must be specified`);
}

export function invalidURL(input, base) {
  const err = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

// new URL()'s failure comes from Node's C++ parser: a TypeError with code, input and base,
// whose String() is V8's plain "TypeError: Invalid URL" (no "[ERR_INVALID_URL]").
export function parseFailure(input, base) {
  const err = invalidURL(input, base);
  delete err.toString;
  return err;
}
