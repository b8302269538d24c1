// ByteLengthQueuingStrategy and CountQueuingStrategy: a highWaterMark and a size function.
import { nodeError } from 'qjsw:internal/errors';
import { kState, kType, kInspect, invalidThis, isBrand, validatePlainObject, customInspect, defineClassProperties } from 'qjsw:internal/webstreams/util';

const byteSize = Object.defineProperty((chunk) => chunk.byteLength, 'name', { value: 'size' });
const countSize = Object.defineProperty(() => 1, 'name', { value: 'size' });

function strategyClass(name, sizeFunction) {
  const Class = {
    [name]: class {
      [kType] = name;

      constructor(init) {
        validatePlainObject(init, 'init');
        if (init.highWaterMark === undefined) throw nodeError(TypeError, 'ERR_MISSING_OPTION', 'init.highWaterMark is required');
        // checked only when a stream uses it, as the spec says
        this[kState] = { highWaterMark: +init.highWaterMark };
      }

      get highWaterMark() {
        if (!isBrand(this, name)) throw invalidThis(name);
        return this[kState].highWaterMark;
      }

      get size() {
        if (!isBrand(this, name)) throw invalidThis(name);
        return sizeFunction;
      }

      [kInspect](depth, options, inspect) {
        return customInspect(this, depth, options, inspect, name, { highWaterMark: this.highWaterMark });
      }
    },
  }[name];
  defineClassProperties(Class, ['highWaterMark', 'size'], name);
  return Class;
}

export const ByteLengthQueuingStrategy = strategyClass('ByteLengthQueuingStrategy', byteSize);
export const CountQueuingStrategy = strategyClass('CountQueuingStrategy', countSize);
