// stream.duplexPair(): two Duplexes wired back to back, what one side writes the other reads.
// A write completes only when the other side's consumer asks for more (its _read), so
// backpressure crosses the pair.
import process from 'qjsw:internal/process_object';
import { Duplex } from 'qjsw:internal/streams/duplex';

const kPendingWrite = Symbol('kPendingWrite');
const kLink = Symbol('kLink');

class DuplexSide extends Duplex {
  #other = null;

  constructor(options) {
    super(options);
    this[kPendingWrite] = null;
  }

  // set once, right after both sides exist
  [kLink](other) {
    if (this.#other !== null) throw new Error('duplexPair side already linked');
    this.#other = other;
  }

  _read() {
    const callback = this[kPendingWrite];
    if (callback) {
      this[kPendingWrite] = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      process.nextTick(callback);
    } else {
      this.#other.push(chunk);
      this.#other[kPendingWrite] = callback;
    }
  }

  _final(callback) {
    this.#other.on('end', callback);
    this.#other.push(null);
  }
}

export function duplexPair(options) {
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0[kLink](side1);
  side1[kLink](side0);
  return [side0, side1];
}
