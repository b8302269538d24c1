// Node's internal/validators as node:vm uses them: same checks, same errors.
import { invalidArgType, invalidArgValue, outOfRange } from 'qjsw:internal/errors';

export function validateObject(value, name, { allowArray = false, nullable = false } = {}) {
  if ((!nullable && value === null) || (!allowArray && Array.isArray(value)) || typeof value !== 'object') {
    throw invalidArgType(name, 'Object', value);
  }
}

export function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

export function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

function validateInteger(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateInt32(value, name) {
  validateInteger(value, name, -2147483648, 2147483647);
}

export function validateUint32(value, name, positive = false) {
  validateInteger(value, name, positive ? 1 : 0, 4294967295);
}

export function validateBuffer(value, name) {
  if (!ArrayBuffer.isView(value)) throw invalidArgType(name, ['Buffer', 'TypedArray', 'DataView'], value);
}

export function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value);
}

export function validateStringArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) validateString(value[i], `${name}[${i}]`);
}

export function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw invalidArgValue(name, value, `must be one of: ${allowed}`);
  }
}
