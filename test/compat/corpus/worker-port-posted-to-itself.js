'use strict';
// A port posted inside its own message (the target's peer in the transfer list): Node warns,
// drops the message and the channel, and still transfers the rest of the list.
require('../common');
const { MessageChannel } = require('worker_threads')
const { port1, port2 } = new MessageChannel()
const { port1: a, port2: b } = new MessageChannel()
const buf = new ArrayBuffer(10)
process.on('warning', (w) => console.log('warning', w.name, w.message))
port1.on('close', () => console.log('port1 close'))
port2.on('close', () => console.log('port2 close'))
a.on('close', () => console.log('a close'))
b.on('close', () => console.log('b close'))
port2.onmessage = () => console.log('message!')
port2.postMessage({ x: 1 }, [port1, buf, a])
console.log('byteLength', buf.byteLength)
setTimeout(() => console.log('timer'), 50)
