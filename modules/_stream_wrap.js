// Node's JSStreamSocket (a socket over a JS stream): a net.Socket here, never connected.
process.emitWarning('The _stream_wrap module is deprecated.', 'DeprecationWarning', 'DEP0125');
import { Socket } from 'node:net';

export default class JSStreamSocket extends Socket {
  constructor(stream) {
    super();
    this.stream = stream;
  }
}
