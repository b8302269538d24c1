// Node's IncomingMessage, as a Readable that never gets data here.
import { Readable } from 'node:stream';

export class IncomingMessage extends Readable {
  constructor(socket) {
    super();
    this.socket = socket ?? null;
    this.httpVersion = '1.1';
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.headers = {};
    this.rawHeaders = [];
    this.trailers = {};
    this.rawTrailers = [];
    this.method = null;
    this.url = '';
    this.statusCode = null;
    this.statusMessage = null;
    this.complete = false;
    this.aborted = false;
  }
  _read() {}
  setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
}
export function readStart() {}
export function readStop() {}

export default { IncomingMessage, readStart, readStop };
