'use strict';
const common = require('../common');
const assert = require('assert');
const stream = require('stream');
console.log(require('_stream_readable') === stream.Readable, require('_stream_writable') === stream.Writable, require('_stream_transform') === stream.Transform);
console.log(typeof stream.Stream, stream.Stream === stream, typeof stream.promises.pipeline, stream.Readable.prototype instanceof stream.Stream);
const old = new stream.Stream();
console.log(typeof old.pipe, old instanceof require('events'));
