// require('internal/webstreams/readablestream') under --expose-internals (see ../../node_internals.js):
// the sandbox's ReadableStream classes and the abstract operations of the streams spec under the
// names Node's lib/internal/webstreams/readablestream.js gives them.
import {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController, isReadableStream,
  isDefaultReader, isDefaultController, readableStreamDefaultControllerEnqueue, readableStreamDefaultControllerClose,
  readableStreamDefaultControllerError, defaultControllerCanCloseOrEnqueue, readableStreamReaderGenericRelease,
  readableStreamCancel, readableStreamClose, readableStreamError,
} from 'qjsw:internal/webstreams/readablestream';
import {
  ReadableByteStreamController, ReadableStreamBYOBReader, ReadableStreamBYOBRequest, isByteController, isBYOBReader,
  byteControllerEnqueue, byteControllerClose, byteControllerError, byteControllerRespond, convertPullIntoDescriptor,
} from 'qjsw:internal/webstreams/readable-bytes';
import { readableStreamPipeTo } from 'qjsw:internal/webstreams/pipe';
import { readableStreamTee } from 'qjsw:internal/webstreams/tee';

export default {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  isReadableStream,
  isReadableByteStreamController: isByteController,
  isReadableStreamDefaultReader: isDefaultReader,
  isReadableStreamBYOBReader: isBYOBReader,
  isReadableStreamDefaultController: isDefaultController,
  readableStreamPipeTo,
  readableStreamTee,
  readableStreamCancel,
  readableStreamClose,
  readableStreamError,
  readableStreamReaderGenericRelease,
  readableStreamDefaultControllerEnqueue,
  readableStreamDefaultControllerClose,
  readableStreamDefaultControllerError,
  readableStreamDefaultControllerCanCloseOrEnqueue: defaultControllerCanCloseOrEnqueue,
  readableByteStreamControllerConvertPullIntoDescriptor: convertPullIntoDescriptor,
  readableByteStreamControllerEnqueue: byteControllerEnqueue,
  readableByteStreamControllerClose: byteControllerClose,
  readableByteStreamControllerError: byteControllerError,
  readableByteStreamControllerRespond: byteControllerRespond,
};
