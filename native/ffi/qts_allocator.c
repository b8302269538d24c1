/*
 * The runtime's allocator. QuickJS's default one cannot measure blocks under
 * Emscripten (its usable-size hook returns 0 there), so a runtime's memory limit
 * and memory usage would only count per-block overhead. dlmalloc knows each
 * block's size: account with it.
 */
#include <malloc.h>

#include "ffi/qts.h"

/* Bookkeeping dlmalloc adds to each block, as QuickJS's MALLOC_OVERHEAD. */
#define BLOCK_OVERHEAD 8

/* Room past the limit for the code that catches the "out of memory" error (the error itself
   has its own, patch 070). The allocation that takes a runtime over its limit fails; until
   usage falls back under the limit, later ones may use this reserve, so a catch block can
   still build its message. A runtime already over a limit (one set below what it holds, as
   quickjs-emscripten's own tests do with setMemoryLimit(100)) gets no reserve: every
   allocation fails and the exception is null, as with the stock variants. */
#define ERROR_RESERVE (256 * 1024)
#define CLOSE_MARGIN (64 * 1024)

/* The runtime is created with a NULL allocator opaque (qts_runtime.c): while the reserve is
   open it holds the limit the reserve was opened under, plus one. */
#define RESERVE_OPEN(s) ((s)->opaque != NULL)

/* The limit the open reserve belongs to: the one it was opened under, or a lower one set
   since. Not the current one when that is higher: patch 070 raises it while it builds the
   error, and a block freed meanwhile must not close the reserve the catch block needs. */
static size_t reserve_limit(const JSMallocState *s) {
  size_t opened = (size_t)(uintptr_t)s->opaque - 1;
  return opened < s->malloc_limit ? opened : s->malloc_limit;
}

/* Closed once usage is back under the limit with room to spare: a collection that frees a
   little (patch 070 collects near the limit) must not leave the catch block at the edge, where
   its first allocation would fail. */
static void close_reserve_under_limit(JSMallocState *s) {
  if (RESERVE_OPEN(s) && s->malloc_size + CLOSE_MARGIN <= reserve_limit(s)) s->opaque = NULL;
}

static size_t block_size(const void *ptr) { return ptr ? malloc_usable_size((void *)ptr) : 0; }

/* May the runtime grow by a block of `grow` bytes? What the block adds to the usage below is
   its usable size (up to 7 bytes of rounding more) and BLOCK_OVERHEAD: counting only `grow`,
   a block could take usage past the limit unnoticed, and a runtime over its limit gets no
   reserve. */
#define BLOCK_SLACK (7 + BLOCK_OVERHEAD)
static int within_limit(JSMallocState *s, size_t grow) {
  if (s->malloc_limit == (size_t)-1 || s->malloc_size + grow + BLOCK_SLACK <= s->malloc_limit)
    return 1;
  if (RESERVE_OPEN(s)) return s->malloc_size + grow <= reserve_limit(s) + ERROR_RESERVE;
  if (s->malloc_size <= s->malloc_limit) s->opaque = (void *)(uintptr_t)(s->malloc_limit + 1);
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
  close_reserve_under_limit(s);
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
  close_reserve_under_limit(s);
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
