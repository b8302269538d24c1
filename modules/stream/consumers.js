// node:stream/consumers: a whole stream (Node's or any async iterable) as bytes, text or JSON.
import { Buffer } from 'node:buffer';

async function chunks(stream) {
  const out = [];
  for await (const chunk of stream) out.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer ?? chunk, chunk.byteOffset ?? 0, chunk.byteLength ?? chunk.length));
  return out;
}
export async function buffer(stream) { return Buffer.concat(await chunks(stream)); }
export async function arrayBuffer(stream) {
  const b = await buffer(stream);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}
export async function text(stream) {
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of stream) out += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return out + decoder.decode();
}
export async function json(stream) { return JSON.parse(await text(stream)); }
export async function blob(stream) { return new Blob(await chunks(stream)); }

export default { arrayBuffer, blob, buffer, text, json };
