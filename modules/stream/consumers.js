// node:stream/consumers: a whole stream (Node's, a web ReadableStream or any async iterable)
// as bytes, text or JSON. As in Node, chunks are gathered as Blob parts, so any chunk a Blob
// takes (strings, views, ArrayBuffers, other values by their string) is accepted.
import { Buffer } from 'node:buffer';
import { Blob } from 'qjsw:internal/blob';
import { TextDecoder } from 'qjsw:internal/encoding';

export async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Blob(chunks);
}
export async function arrayBuffer(stream) {
  return (await blob(stream)).arrayBuffer();
}
export async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}
export async function text(stream) {
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of stream) out += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  // what a multibyte character left unfinished becomes
  return out + decoder.decode(undefined, { stream: false });
}
export async function json(stream) { return JSON.parse(await text(stream)); }

export default { arrayBuffer, blob, buffer, text, json };
