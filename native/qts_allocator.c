/*
 * The runtime's allocator. QuickJS's default one cannot measure blocks under
 * Emscripten (its usable-size hook returns 0 there), so a runtime's memory limit
 * and memory usage would only count per-block overhead. dlmalloc knows each
 * block's size: account with it.
 */
#include <malloc.h>

#include "qts.h"

/* Bookkeeping dlmalloc adds to each block, as QuickJS's MALLOC_OVERHEAD. */
#define BLOCK_OVERHEAD 8

/* Room past the limit for the code that catches the "out of memory" error (the error itself
   has its own, patch 070). The allocation that takes a runtime over its limit fails; until
   usage falls back under the limit, later ones may use this reserve, so a catch block can
   still build its message. A runtime already over a limit (one set below what it holds, as
   quickjs-emscripten's own tests do with setMemoryLimit(100)) gets no reserve: every
   allocation fails and the exception is null, as with the stock variants. */
#define ERROR_RESERVE (256 * 1024)

/* The runtime is created with a NULL allocator opaque (qts_runtime.c): it serves as the
   "reserve is open" flag. */
#define RESERVE_OPEN(s) ((s)->opaque != NULL)

static size_t block_size(const void *ptr) { return ptr ? malloc_usable_size((void *)ptr) : 0; }

/* May the runtime grow by `grow` bytes? */
static int within_limit(JSMallocState *s, size_t grow) {
  if (s->malloc_limit == (size_t)-1 || s->malloc_size + grow <= s->malloc_limit) return 1;
  if (RESERVE_OPEN(s)) return s->malloc_size + grow <= s->malloc_limit + ERROR_RESERVE;
  if (s->malloc_size <= s->malloc_limit) s->opaque = (void *)1;
  return 0;
}

static void *qts_malloc(JSMallocState *s, size_t size) {
  if (!within_limit(s, size)) return NULL;
  void *ptr = malloc(size);
  if (!ptr) return NULL;
  s->malloc_count++;
  s->malloc_size += block_size(ptr) + BLOCK_OVERHEAD;
  return ptr;
}

static void qts_free(JSMallocState *s, void *ptr) {
  if (!ptr) return;
  s->malloc_count--;
  s->malloc_size -= block_size(ptr) + BLOCK_OVERHEAD;
  free(ptr);
  if (RESERVE_OPEN(s) && s->malloc_size <= s->malloc_limit) s->opaque = NULL;
}

static void *qts_realloc(JSMallocState *s, void *ptr, size_t size) {
  if (!ptr) return size ? qts_malloc(s, size) : NULL;
  size_t old = block_size(ptr);
  if (size == 0) {
    qts_free(s, ptr);
    return NULL;
  }
  if (size > old && !within_limit(s, size - old)) return NULL;
  void *grown = realloc(ptr, size);
  if (!grown) return NULL;
  s->malloc_size = s->malloc_size - old + block_size(grown);
  if (RESERVE_OPEN(s) && s->malloc_size <= s->malloc_limit) s->opaque = NULL;
  return grown;
}

/* What a runtime's blocks take from dlmalloc, from its accounting above: dlmalloc's own
   header is one size_t, not BLOCK_OVERHEAD. */
int64_t qts_malloc_footprint(const JSMemoryUsage *usage) {
  return usage->malloc_size - usage->malloc_count * (BLOCK_OVERHEAD - (int64_t)sizeof(size_t));
}

const JSMallocFunctions qts_malloc_functions = {
    qts_malloc,
    qts_free,
    qts_realloc,
    block_size,
};
