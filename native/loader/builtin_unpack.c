/*
 * Builtins stored brotli-compressed in the Wasm module (scripts/compile-builtins.mjs packs the
 * bundles: Intl's is 1.2 MB of bytecode, 230 KB packed). Every sandbox instance copies the
 * module's data into its memory, so bytes a program never loads still cost at each boot;
 * packed, they are unpacked only by the first import of that builtin.
 */
#include <stdlib.h>

#include <brotli/decode.h>

#include "loader/builtins.h"

uint8_t *qjsw_unpack_builtin(const QJSWBuiltin *builtin) {
  uint8_t *out = malloc(builtin->length ? builtin->length : 1);
  if (!out) return NULL;
  size_t n = builtin->length;
  if (BrotliDecoderDecompress(builtin->packed_length, builtin->bytecode, &n, out) !=
          BROTLI_DECODER_RESULT_SUCCESS ||
      n != builtin->length) {
    free(out);
    return NULL;
  }
  return out;
}
