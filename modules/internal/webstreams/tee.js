// ReadableStreamTee (streams.spec.whatwg.org §4.9.1): two branches that each see every chunk;
// the source is canceled once both are. Byte streams get byte branches that pass BYOB reads on.
import { kState, invalidState, deferred, cloneAsUint8Array } from 'qjsw:internal/webstreams/util';
import {
  ReadableStreamDefaultReader, readableStreamDefaultReaderRead, readableStreamDefaultReaderRelease, readableStreamReaderGenericRelease,
  readableStreamCancel, createReadableStream, createReadableByteStream, readableStreamDefaultControllerEnqueue,
  readableStreamDefaultControllerClose, readableStreamDefaultControllerError,
} from 'qjsw:internal/webstreams/readablestream';
import {
  ReadableStreamBYOBReader, isByteController, isBYOBReader, readableStreamBYOBReaderRead, byobReaderErrorReadIntoRequests,
  byteControllerEnqueue, byteControllerClose, byteControllerError, byteControllerRespond, byteControllerRespondWithNewView,
  byteControllerGetBYOBRequest,
} from 'qjsw:internal/webstreams/readable-bytes';

export function readableStreamTee(stream, cloneForBranch2) {
  if (isByteController(stream[kState].controller)) return byteStreamTee(stream);
  return defaultTee(stream, cloneForBranch2);
}

function defaultTee(stream, cloneForBranch2) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1, reason2, branch1, branch2;
  const cancelPromise = deferred();
  const controllerOf = (branch) => branch[kState].controller;

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return Promise.resolve();
    }
    reading = true;
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        // later than the read's own resolution, so that a cancel in between is seen
        queueMicrotask(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) chunk2 = structuredClone(chunk);
          if (!canceled1) readableStreamDefaultControllerEnqueue(controllerOf(branch1), chunk1);
          if (!canceled2) readableStreamDefaultControllerEnqueue(controllerOf(branch2), chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) readableStreamDefaultControllerClose(controllerOf(branch1));
        if (!canceled2) readableStreamDefaultControllerClose(controllerOf(branch2));
        if (!canceled1 || !canceled2) cancelPromise.resolve();
      },
      error() {
        reading = false;
      },
    });
    return Promise.resolve();
  }

  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableStream(() => {}, pullAlgorithm, cancel1Algorithm);
  branch2 = createReadableStream(() => {}, pullAlgorithm, cancel2Algorithm);
  reader[kState].close.promise.then(undefined, (r) => {
    readableStreamDefaultControllerError(controllerOf(branch1), r);
    readableStreamDefaultControllerError(controllerOf(branch2), r);
    if (!canceled1 || !canceled2) cancelPromise.resolve();
  });
  return [branch1, branch2];
}

function byteStreamTee(stream) {
  let reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1, reason2, branch1, branch2;
  const cancelPromise = deferred();
  const controllerOf = (branch) => branch[kState].controller;

  function forwardReaderError(thisReader) {
    thisReader[kState].close.promise.then(undefined, (r) => {
      if (thisReader !== reader) return;
      byteControllerError(controllerOf(branch1), r);
      byteControllerError(controllerOf(branch2), r);
      if (!canceled1 || !canceled2) cancelPromise.resolve();
    });
  }

  function cloneFailed(err) {
    byteControllerError(controllerOf(branch1), err);
    byteControllerError(controllerOf(branch2), err);
    cancelPromise.resolve(readableStreamCancel(stream, err));
  }

  function pullAgain() {
    if (readAgainForBranch1) pull1Algorithm();
    else if (readAgainForBranch2) pull2Algorithm();
  }

  function pullWithDefaultReader() {
    if (isBYOBReader(reader)) {
      readableStreamReaderGenericRelease(reader);
      byobReaderErrorReadIntoRequests(reader, invalidState('Releasing reader'));
      reader = new ReadableStreamDefaultReader(stream);
      forwardReaderError(reader);
    }
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (err) {
              cloneFailed(err);
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(controllerOf(branch1), chunk1);
          if (!canceled2) byteControllerEnqueue(controllerOf(branch2), chunk2);
          reading = false;
          pullAgain();
        });
      },
      close() {
        reading = false;
        if (!canceled1) byteControllerClose(controllerOf(branch1));
        if (!canceled2) byteControllerClose(controllerOf(branch2));
        if (controllerOf(branch1)[kState].pendingPullIntos.length) byteControllerRespond(controllerOf(branch1), 0);
        if (controllerOf(branch2)[kState].pendingPullIntos.length) byteControllerRespond(controllerOf(branch2), 0);
        if (!canceled1 || !canceled2) cancelPromise.resolve();
      },
      error() {
        reading = false;
      },
    });
  }

  function pullWithBYOBReader(view, forBranch2) {
    if (!isBYOBReader(reader)) {
      readableStreamDefaultReaderRelease(reader);
      reader = new ReadableStreamBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    readableStreamBYOBReaderRead(reader, view, 1, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let cloned;
            try {
              cloned = cloneAsUint8Array(chunk);
            } catch (err) {
              cloneFailed(err);
              return;
            }
            if (!byobCanceled) byteControllerRespondWithNewView(controllerOf(byobBranch), chunk);
            byteControllerEnqueue(controllerOf(otherBranch), cloned);
          } else if (!byobCanceled) {
            byteControllerRespondWithNewView(controllerOf(byobBranch), chunk);
          }
          reading = false;
          pullAgain();
        });
      },
      close(chunk) {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) byteControllerClose(controllerOf(byobBranch));
        if (!otherCanceled) byteControllerClose(controllerOf(otherBranch));
        if (chunk !== undefined) {
          if (!byobCanceled) byteControllerRespondWithNewView(controllerOf(byobBranch), chunk);
          if (!otherCanceled && controllerOf(otherBranch)[kState].pendingPullIntos.length) byteControllerRespond(controllerOf(otherBranch), 0);
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve();
      },
      error() {
        reading = false;
      },
    });
  }

  function pullBranch(forBranch2) {
    if (reading) {
      if (forBranch2) readAgainForBranch2 = true;
      else readAgainForBranch1 = true;
      return Promise.resolve();
    }
    reading = true;
    const request = byteControllerGetBYOBRequest(controllerOf(forBranch2 ? branch2 : branch1));
    if (request === null) pullWithDefaultReader();
    else pullWithBYOBReader(request[kState].view, forBranch2);
    return Promise.resolve();
  }
  const pull1Algorithm = () => pullBranch(false);
  const pull2Algorithm = () => pullBranch(true);

  function cancel1Algorithm(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  function cancel2Algorithm(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  }

  branch1 = createReadableByteStream(() => {}, pull1Algorithm, cancel1Algorithm);
  branch2 = createReadableByteStream(() => {}, pull2Algorithm, cancel2Algorithm);
  forwardReaderError(reader);
  return [branch1, branch2];
}
