// ReadableStream.from(iterable): a stream pulling from an (async) iterator, high water mark 0.
import { nodeError } from 'qjsw:internal/errors';
import { format } from 'qjsw:internal/util/inspect';
import { createReadableStream, readableStreamDefaultControllerClose, readableStreamDefaultControllerEnqueue } from 'qjsw:internal/webstreams/readablestream';
import { kState, invalidState } from 'qjsw:internal/webstreams/util';

const notIterable = (obj) => nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', format('%s must be iterable', obj));

function getAsyncIterator(obj) {
  let method = obj[Symbol.asyncIterator];
  if (method == null) {
    const syncMethod = obj[Symbol.iterator];
    if (syncMethod === undefined) throw notIterable(obj);
    const syncIterator = iteratorOf(obj, syncMethod);
    // the spec's CreateAsyncFromSyncIterator, as yield* in an async generator does it
    const iterator = (async function* () { return yield* { [Symbol.iterator]: () => syncIterator }; }());
    return { iterator, next: iterator.next };
  }
  const iterator = iteratorOf(obj, method);
  return { iterator, next: iterator.next };
}

function iteratorOf(obj, method) {
  if (typeof method !== 'function') throw notIterable(obj);
  const iterator = method.call(obj);
  if (typeof iterator !== 'object' || iterator === null) throw invalidState('The iterator method must return an object');
  return iterator;
}

export function readableStreamFromIterable(iterable) {
  let stream;
  const record = getAsyncIterator(iterable);

  function pullAlgorithm() {
    let nextResult;
    try {
      nextResult = record.next.call(record.iterator);
      if (typeof nextResult !== 'object' || nextResult === null) throw invalidState('The iterator.next() method must return an object');
    } catch (err) {
      return Promise.reject(err);
    }
    return Promise.resolve(nextResult).then((result) => {
      if (typeof result !== 'object' || result === null) {
        throw invalidState('The promise returned by the iterator.next() method must fulfill with an object');
      }
      if (result.done) readableStreamDefaultControllerClose(stream[kState].controller);
      else readableStreamDefaultControllerEnqueue(stream[kState].controller, result.value);
    });
  }

  function cancelAlgorithm(reason) {
    try {
      const iterator = record.iterator;
      const returnMethod = iterator.return;
      if (returnMethod === undefined) return Promise.resolve();
      return Promise.resolve(returnMethod.call(iterator, reason)).then((result) => {
        if (typeof result !== 'object' || result === null) {
          throw invalidState('The promise returned by the iterator.return() method must fulfill with an object');
        }
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  stream = createReadableStream(() => {}, pullAlgorithm, cancelAlgorithm, 0);
  return stream;
}
