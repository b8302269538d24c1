'use strict';
// Every format through its Sync, callback and promisified forms; what compresses the same in
// Node and in the sandbox is compared by hash, what does not (see below) by round trip.
const common = require('../common');
const assert = require('assert');
const zlib = require('zlib');
const { promisify } = require('util');
const crypto = require('crypto');

const hash = (b) => crypto.createHash('sha256').update(b).digest('hex').slice(0, 16);
let text = '';
for (let i = 0; i < 400; i++) text += `line ${i}: the quick brown fox ${i % 7} jumps over the lazy dog ${i * 31 % 97}\n`;
const input = Buffer.from(text);
console.log('input', input.length, hash(input));

const pairs = [
  ['deflateSync', 'inflateSync'], ['gzipSync', 'gunzipSync'], ['deflateRawSync', 'inflateRawSync'],
  ['deflateSync', 'unzipSync'], ['gzipSync', 'unzipSync'], ['brotliCompressSync', 'brotliDecompressSync'],
];
for (const [c, d] of pairs) {
  const packed = zlib[c](input);
  const back = zlib[d](packed);
  console.log(c, '->', d, Buffer.isBuffer(packed), packed.length < input.length / 4, back.equals(input));
}

// Node links Chromium's zlib, whose deflate finds other matches than zlib 1.3.1 on inputs of
// any size: the bytes agree on short inputs, without matching (level 0, Huffman only, RLE),
// and always for brotli, which Node takes unmodified.
for (const s of ['', 'a', 'hello world', 'hello hello hello hello']) {
  console.log(JSON.stringify(s), zlib.deflateSync(s).toString('hex'), zlib.gzipSync(s).toString('hex'),
    zlib.deflateRawSync(s, { level: 1 }).toString('hex'), zlib.brotliCompressSync(s).toString('hex'));
}
for (const options of [{ level: 0 }, { strategy: zlib.constants.Z_HUFFMAN_ONLY }, { strategy: zlib.constants.Z_RLE }]) {
  console.log(JSON.stringify(options), hash(zlib.deflateSync(input, options)), hash(zlib.gzipSync(input, options)));
}
for (const quality of [0, 1, 5, 9, 11]) {
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: quality };
  console.log('brotli quality', quality, hash(zlib.brotliCompressSync(input, { params })));
}
console.log('brotli text mode', hash(zlib.brotliCompressSync(input, { params: {
  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 16,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
} })));

// options that change the deflate stream still round-trip
for (const options of [{ level: 1 }, { level: 9 }, { memLevel: 1 }, { windowBits: 9 }, { strategy: 1 }, { strategy: 4 }]) {
  assert.ok(zlib.inflateSync(zlib.deflateSync(input, options)).equals(input));
  assert.ok(zlib.inflateRawSync(zlib.deflateRawSync(input, options), options).equals(input));
}
console.log('windowBits 8 raw', zlib.inflateRawSync(zlib.deflateRawSync('x'.repeat(300), { windowBits: 8 })).length);

// what Node's zlib made, the sandbox unpacks (and the other way round is the round trips above)
const fromNode = Buffer.from('H4sIAAAAAAAAA5WcS7JjSREF570KLUGZeT8Su+FTQEPRBd00v9Vj8MKzJ8+PWcwVg7Dw1LnheaWv3//w5fH81ePvf/zy+NvP3//2z4/f/Pjtnz88fv/tX4/n408//+WvPz2+/ePLj///wNdf/+ffj999+8Pj+d3X/9WNz+uG1q3xUTg/L5xaeM2PwvV54dLC9/ooPD4vPLRw3h+F5+eFpxaer4/C6/PCSwtf74/CuzuNWT2+uuM4j4/Cd3ccr7MAEHJ8HqOaHMKOD+QEOoHHJ/Iq6obQ4yMZ9Cn4+EyOqyqFHx/KXeANAcinMuhTCPKpHHW8hiDkU7mLvSEM+VSqzSkI+VBWHbApCPlQroJvCkLhi6sKhSCfyaojNoUgn8lV7E0hyGfyLvamEOQzWXXGphDkQ7n4ZheCfCjvYm8KQT6UWX0uQcinchZ8SxDyqbwKviUIhUAhwoShkChF3xKGQqQUfUsY8qkM+hSGfCpHHbIlDIVUKfqWMBRShT6FIZ/KUafsEIbC91fRdwhDIVWqz0MYCqlSp+wQhkKqFH2HMBQevapQEPKhrDpkhyDkQ7kKvkMQ8qHQpRAUQoXnRCEohEqxdwpBPpN3sXcKQT6TWWfsFIJCqhR7pxAUUqXYO4WgMBT6FIR8KmfBdwpCPpUXj++CUEgV+hSGQqoUfacwFFKl6LuEIZ/KqD4vYcincrCnCEM+lbvou4ShkCr0KQyFVKlTdglDPpW76LuEobA7VqEgFEKlDtklCIVQKfguQSgclVoe27v8qjN2t7f5q9i72+t8dXm31/lVR+xu7/NXoXe3F/p3oXe3N/pZR+xur/QnLqC907+Lvbu91M/q89Ve6s+C79Ve6l8F36u91M/q89Ve6s+i79Ve6l9F36u91A/6bC/1Rx2yV3upv4u+V3upH/TZXuqPOmXv9lZ/46LaW321+e4v9XXI3u2t/i743u2tni7bS/2qM/ZuL/VXsfduL/V02d7p8bzv9k6P6B3P9lKP6h3P9laP7B3P9lqP7h3P9l6P8B3P9mI/d6/tzR7pO57t1f4X7dve7bf3fbaX+y1+n+3tfptfE9U+nK1+zVT7cLb7NVXtw9ny11x1iJjda3vF3/rXbHUIGUA0XR3UMZXtLR8DPMxXB0+57x/aiz6dmrEOQcORM2Ud7AsYmrMO6wsYmrUOYbPvWtrLPiJ4mLf22WCCh4nrcAW2e23v+7jgYeo6CEs4NHcdEodeTV6HxAFEs9chcQDR9HWQlvRq/jpYS86cCeyQOIBoBjskzu61vfgjhYc57PClBogmsUPi7F7byz9eeJjGDokDiOaxw7Male39HzU8TGQHgQmHZrLDDQyVbQWAHR7mskPggKHJ7HAztm+f2xYAQTzMZ4fEAUMT2iFxwNCMdpgNvZrSDtdj+6q9rQKwxMOkdkic3WtbBuCJh2ntkDiAaF473JHtXts+AFU8zGwHoQmIprZD4tCrue2QOBw6k9vhogwQzW6HBZTKvhXgzJneDoEDh+a3w8Ghsi0GcMbDDHe4Ltuvt7TdwH69pa0G0MbDJHfIGyg0yx1uzKDQPHewm5w4E91Bb4Khme4QOGBoqjsEzu61rQawx8Nkd7g3g0Oz3SFw6NV0dzg3gGi+OwTOftGqrQZQyMOMd7g848yZ8g6mExDNeYfA2b221QAaeZj1DoEDiKa9w3Co7KsBzpx575A3cGjiO2gbKttqAJk8TH2HezQwNPfto9mdts0APnmY/Q55A4Wmv8NV2n63sW0GtlA2Ax50J683mgEPupP3G82Ah8DhDUcz4CFweMXRDHi4uuEdRzPg4WFg99o2AwjlaQY8BA6vOZoBD5dqu9e2GUAoTzPg4VqN12zNgIfAoVcz4CFweKfTDHgIHEA0Ax5cNJVtM/DLK8VtNbDfKTYBHr7VqGybgf1WsQnwIG3A0AR42G/A0Ax4CByOnBnwEDhgaAY8vLkBhmbAwwXb7rVtBhDK0wx40J1waAY8JM7utW0GEMrTDHhIHEA0Ax50J72aAQ+6kzNnBjwkDiCaAQ+JQ69mwMOTGofODHj4UgNEM+AhcXavbTWAUJ5mwEPiAKIZ8PCsRmVbDSCUpwnw4Dvh0AR4uMShsq0GEMrTBHgInP2LkrYaQChPM+BBd3LkzICHxAFDM+AhccDQDHiYze61rQYQytMMeLhgg0Mz4CFx6NUMeEgcQDQDHhIHEM2Ahwu23WtbDSCUpxnw4DsB0Qx4SJzda1sNIJSnGfBwwQaIZsDDAkplXw1w5kyAh8CBQxPg4eBQ2VYDa/9kre0GEMrTBHjYcKhsqwGE8jQBHvIGCk2Ah/s1KDQDHnQnJ84MeNCdYGgGPATO/j1hWw3M3WtbDSCUpxnwcL8Gh2bAQ+DsXttqAKE8zYCHwAFEM+Dhfo1ezYCH+zXOnBnw4DsB0Qx4CBx6NQMeAodDZwY8BA4gmgEPw6GyrwY4cybAQ97AoQnwoG2obKsBhPI0AR4u2MDQBLiPhk5NgIe84cSZAA95s3+v3DYDCOVpBjzcr3HizIAH3QmGZsCD7gRDM+AhcHavbTOAUF5mwMMVzklp2wwglJcZ8BA4/HDZDHgInEFp2wyM3WvbDBz7l/NtM4BQXmbAQ+DsXttmAKG8zICHwOHX82bAg4umsm0GEMrLBHjwnXBoAjx8q1HZNgMI5WUCPEgbMDQBHvYbMDQDHgKHI2cGPAQOGJoBD290gKEZ8HDBRq9mwMMFGxyaAQ+6c/9dRdsM7P+rMAMeEgcQzYCHxAFEM+BBd+5e22Zg/2eFGfCQOIBoBjwkDr2aAQ9Pahw6M+DhSw0QzYCHxKFXM+AhcTh0ZsBD4uw/Tum7ASrbagChvEyAB98JhybAwyUOlW01sPZ/xLTVAEJ5mQAPF2xgaAY86E6OnBnwkDhgaAY8JA4YmgEPs9m9ttUAQnmZAQ8XbHBoBjwkzu61/2cCgGgGPCQOIJoBDxds9GoGPPhOzpwZ8OA7AdEMeEic3WtbDSCUlxnwcMEGiGbAwwJKZV8NcOZMgIfAgUMT4OHgUNlWAwjlZQI8XLCBoQnwsOFQ2VYDCOVlAjzkDRSaAA/3a1BoBjzozv0HYW01gFBeZsBD4IChGfAQOPRqBjzcr8GhGfBwvwaHZsBD4Oxe22oAobzMgIfAAUQz4OF+bffaVgMI5WUGPPhOQDQDHgKHXs2Ah8Dh0JkBD4EDiGbAw3Co7KsBzpwJ8JA3+2/52m5gd9pWAwjlZQI8XLCBoQlwH83utG0GEMrLBHjIGyg0AR7u16DQDHi4X+PEmQEPuhMMzYAH3QmGZsBD4Oxe22ZgC2Uz4OEKBw7NgIeHgd1r2wycz+/+CxRcvfWZWwAA', 'base64');
console.log('gzip from node', fromNode.length, zlib.gunzipSync(fromNode).equals(input), zlib.unzipSync(fromNode).equals(input));

// inputs: strings, typed arrays, DataView, ArrayBuffer
const u16 = new Uint16Array([1, 2, 3, 0xffff]);
console.log(zlib.inflateSync(zlib.deflateSync(u16)).toString('hex'),
  zlib.inflateSync(zlib.deflateSync(new DataView(u16.buffer, 2, 4))).toString('hex'),
  zlib.inflateSync(zlib.deflateSync(u16.buffer)).toString('hex'),
  zlib.gunzipSync(zlib.gzipSync('héllo')).toString());

// two gzip members are one stream; zero padding after a member is fine
const twoMembers = Buffer.concat([zlib.gzipSync('first '), zlib.gzipSync('second'), Buffer.alloc(8)]);
console.log(zlib.gunzipSync(twoMembers).toString(), zlib.unzipSync(twoMembers).toString());

// info: the engine comes back too
const { buffer, engine } = zlib.deflateSync(input, { info: true });
console.log('info', Buffer.isBuffer(buffer), engine instanceof zlib.Deflate, engine.bytesWritten, engine._closed);

// callback forms, with and without options, one after another: Node finishes concurrent ones
// in whatever order its thread pool does
function callbacks(done) {
  zlib.gzip(input, common.mustSucceed((packed) => {
    zlib.gunzip(packed, { chunkSize: 1024 }, common.mustSucceed((back) => {
      console.log('gunzip callback', back.equals(input));
      zlib.brotliCompress('brotli by callback', common.mustSucceed((packed) => {
        console.log('brotliCompress callback', packed.toString('base64'));
        zlib.brotliDecompress(packed, common.mustSucceed((back) => {
          console.log('brotliDecompress callback', back.toString());
          zlib.deflateRaw(new Uint8Array([1, 2, 3]), { info: true }, common.mustSucceed(({ buffer, engine }) => {
            console.log('deflateRaw info', buffer.toString('hex'), engine.constructor.name);
            done();
          }));
        }));
      }));
    }));
  }));
  console.log('callbacks are asynchronous');
}

callbacks(common.mustCall(async () => {
  const packed = await promisify(zlib.deflate)(input);
  const back = await promisify(zlib.unzip)(packed);
  console.log('promisified', back.equals(input));
  console.log('empty', (await promisify(zlib.gunzip)(zlib.gzipSync(''))).length, zlib.inflateRawSync(zlib.deflateRawSync(Buffer.alloc(0))).length);
}));

console.log('crc32', zlib.crc32(''), zlib.crc32('hello'), zlib.crc32(input), zlib.crc32(input.subarray(100), zlib.crc32(input.subarray(0, 100))),
  zlib.crc32(new Uint16Array([1, 2])), zlib.crc32('héllo', 4294967295));
