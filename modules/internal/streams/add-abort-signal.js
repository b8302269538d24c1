// stream.addAbortSignal(signal, stream): aborting the signal destroys the stream with an
// AbortError. Signals are duck-typed (`aborted` + addEventListener), as in Node.
import { invalidArgType } from 'qjsw:internal/errors';
import { AbortError, isNodeStream, isWebStream, validateAbortSignal } from 'qjsw:internal/streams/utils';
import { importBuiltin } from 'qjsw:binding/module';
import { eos } from 'qjsw:internal/streams/end-of-stream';

export function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream)) throw invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  return addAbortSignalNoValidate(signal, stream);
}

export function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || !('aborted' in signal)) return stream;
  const onAbort = isNodeStream(stream)
    ? () => stream.destroy(new AbortError(undefined, { cause: signal.reason }))
    : () => importBuiltin('qjsw:internal/webstreams/adapters').errorWebStream(stream, new AbortError(undefined, { cause: signal.reason }));
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort);
    eos(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}
