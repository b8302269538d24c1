/* The change journal (journal.h): a ring of changes with a cursor per reader. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <emscripten.h>

#include "journal/journal.h"
#include "wasmfs/mounts.h"

/* 4096 entries: a turn that changes more distinct paths than this overflows (readers rescan). */
#define RING 4096
#define READERS 2
#define MAX_FDS 1024

typedef struct {
  int type;
  char *path;
  char *old_path;
} Entry;

int qjsw_journal_on;

static Entry ring[RING];
static unsigned long long head; /* sequence number of the next entry */
static unsigned long long cursor[READERS];
static int watching[READERS];

/* Writable fds: their path (absolute) and whether they were written since the last record. */
static char *fd_path[MAX_FDS];
static size_t fd_cap[MAX_FDS];
static unsigned char fd_open[MAX_FDS], fd_dirty[MAX_FDS];

static char *drained;
static size_t drained_cap;

/* `path` made absolute (against the cwd) with ".", ".." and repeated slashes resolved, into
   `out` (PATH_MAX * 2 bytes). Returns the length, or -1. */
static int absolute_into(const char *path, char *out) {
  char cwd[PATH_MAX];
  size_t n = strlen(path);
  size_t base = 0;
  if (path[0] != '/') {
    if (!qjsw_getcwd(cwd, sizeof(cwd))) return -1;
    base = strlen(cwd);
  }
  if (base + n + 3 > PATH_MAX * 2) return -1;
  size_t len = 0;
  out[len++] = '/';
  /* walk the cwd (if any) and then the path, component by component */
  for (int part = path[0] == '/' ? 1 : 0; part < 2; part++) {
    const char *s = part == 0 ? cwd : path;
    size_t end = part == 0 ? base : n;
    size_t i = 0;
    while (i < end) {
      while (i < end && s[i] == '/') i++;
      size_t j = i;
      while (j < end && s[j] != '/') j++;
      size_t k = j - i;
      if (k == 0 || (k == 1 && s[i] == '.')) {
        /* nothing */
      } else if (k == 2 && s[i] == '.' && s[i + 1] == '.') {
        while (len > 1 && out[len - 1] != '/') len--;
        if (len > 1) len--;
      } else {
        if (len > 1) out[len++] = '/';
        memcpy(out + len, s + i, k);
        len += k;
      }
      i = j;
    }
  }
  out[len] = '\0';
  return (int)len;
}

static int same(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* Entries no reader has taken yet, by (type, path, old path): a change already waiting for
   every reader is not recorded again (a file written in a loop is one entry). Slots hold a
   sequence number + 1; slots of taken or overwritten entries count as free. */
#define SLOTS 8192
static unsigned long long slot_seq[SLOTS];

static unsigned hash_of(int type, const char *p, const char *o) {
  unsigned h = 2166136261u ^ (unsigned)type;
  for (; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
  if (o) {
    h = (h ^ 0xff) * 16777619u;
    for (; *o; o++) h = (h ^ (unsigned char)*o) * 16777619u;
  }
  return h;
}

/* The oldest sequence number some watching reader has not taken. */
static unsigned long long untaken_from(void) {
  unsigned long long from = head;
  for (int r = 0; r < READERS; r++)
    if (watching[r] && cursor[r] < from) from = cursor[r];
  return from + RING < head ? head - RING : from;
}

/* Records absolute, normalized `p` (and `op`). */
static void record(int type, const char *p, const char *op) {
  unsigned long long from = untaken_from();
  unsigned h = hash_of(type, p, op);
  unsigned free_slot = SLOTS;
  /* a bounded probe: past it a repeat is recorded again (merging is best effort) */
  for (unsigned i = 0; i < 32; i++) {
    unsigned at = (h + i) & (SLOTS - 1);
    unsigned long long s = slot_seq[at];
    if (s == 0 || s - 1 < from) {
      if (free_slot == SLOTS) free_slot = at;
      if (s == 0) break;
      continue;
    }
    Entry *e = &ring[(s - 1) % RING];
    if (e->type == type && same(e->path, p) && same(e->old_path, op)) return;
  }
  Entry *e = &ring[head % RING];
  free(e->path);
  free(e->old_path);
  e->type = type;
  e->path = strdup(p);
  e->old_path = op ? strdup(op) : NULL;
  if (!e->path || (op && !e->old_path)) {
    free(e->path);
    free(e->old_path);
    e->path = e->old_path = NULL;
    e->type = 0;
  }
  head++;
  if (free_slot != SLOTS) slot_seq[free_slot] = head;
}

EMSCRIPTEN_KEEPALIVE void qjsw_journal_record(int type, const char *path, const char *old_path) {
  if (!qjsw_journal_on || !path) return;
  char p[PATH_MAX * 2], o[PATH_MAX * 2];
  if (absolute_into(path, p) < 0 || (old_path && absolute_into(old_path, o) < 0)) return;
  record(type, p, old_path ? o : NULL);
}

void qjsw_journal_opened(int fd, const char *path, int flags) {
  if (!qjsw_journal_on || fd < 0 || fd >= MAX_FDS || (flags & O_ACCMODE) == O_RDONLY) return;
  char p[PATH_MAX * 2];
  int n = absolute_into(path, p);
  if (n < 0) return;
  /* each fd slot keeps its buffer: opening and closing in a loop allocates nothing */
  if ((size_t)n + 1 > fd_cap[fd]) {
    char *grown = realloc(fd_path[fd], (size_t)n + 1);
    if (!grown) return;
    fd_path[fd] = grown;
    fd_cap[fd] = (size_t)n + 1;
  }
  memcpy(fd_path[fd], p, (size_t)n + 1);
  fd_open[fd] = 1;
  fd_dirty[fd] = 0;
}

void qjsw_journal_written(int fd) {
  if (fd >= 0 && fd < MAX_FDS && fd_open[fd]) fd_dirty[fd] = 1;
}

void qjsw_journal_synced(int fd) {
  if (fd < 0 || fd >= MAX_FDS || !fd_open[fd] || !fd_dirty[fd]) return;
  fd_dirty[fd] = 0;
  if (qjsw_journal_on) record(QJSW_CHANGE_CHANGE, fd_path[fd], NULL);
}

void qjsw_journal_closed(int fd) {
  if (fd < 0 || fd >= MAX_FDS || !fd_open[fd]) return;
  qjsw_journal_synced(fd);
  fd_open[fd] = 0;
}

EMSCRIPTEN_KEEPALIVE void qjsw_journal_watch(int reader, int on) {
  if (reader < 0 || reader >= READERS) return;
  if (on && !watching[reader]) cursor[reader] = head;
  watching[reader] = on != 0;
  qjsw_journal_on = watching[0] || watching[1];
  /* a reader that starts sees only what comes next: nothing waiting counts for it */
  if (on) memset(slot_seq, 0, sizeof(slot_seq));
}

EMSCRIPTEN_KEEPALIVE int qjsw_journal_active(void) { return qjsw_journal_on; }

int qjsw_journal_pending(int reader) {
  return reader >= 0 && reader < READERS && watching[reader] && cursor[reader] < head;
}

/* Room for `n` more bytes at `len` in the drain buffer. */
static int reserve(size_t len, size_t n) {
  if (len + n <= drained_cap) return 0;
  size_t cap = drained_cap ? drained_cap : 4096;
  while (cap < len + n) cap *= 2;
  char *grown = realloc(drained, cap);
  if (!grown) return -1;
  drained = grown;
  drained_cap = cap;
  return 0;
}

static void put_u32(size_t *len, uint32_t v) {
  memcpy(drained + *len, &v, 4); /* little-endian, as Wasm is */
  *len += 4;
}

void qjsw_journal_take(int reader, qjsw_journal_fn fn, void *opaque) {
  if (reader < 0 || reader >= READERS || !watching[reader]) return;
  unsigned long long from = cursor[reader];
  if (head - from > RING) {
    fn(opaque, QJSW_CHANGE_OVERFLOW, "/", NULL);
    from = head;
  }
  for (unsigned long long s = from; s < head; s++) {
    Entry *e = &ring[s % RING];
    if (e->type) fn(opaque, e->type, e->path, e->old_path); /* 0: lost to an allocation failure */
  }
  cursor[reader] = head;
  /* everything taken by everyone: no entry is waiting, the merge table starts empty */
  if (untaken_from() == head) memset(slot_seq, 0, sizeof(slot_seq));
}

/* The host's form of an entry, length-prefixed so no byte of a name needs escaping:
   u8 type, u32 path length, the path's bytes, u32 old path length (QJSW_JOURNAL_NO_OLD_PATH when
   there is none), its bytes. A record that does not fit is dropped whole. */
static void put_record(void *opaque, int type, const char *path, const char *old_path) {
  size_t *len = opaque;
  size_t path_len = strlen(path);
  size_t old_len = old_path ? strlen(old_path) : 0;
  if (reserve(*len, 9 + path_len + old_len) < 0) return;
  drained[(*len)++] = (char)type;
  put_u32(len, (uint32_t)path_len);
  memcpy(drained + *len, path, path_len);
  *len += path_len;
  put_u32(len, old_path ? (uint32_t)old_len : QJSW_JOURNAL_NO_OLD_PATH);
  memcpy(drained + *len, old_path ? old_path : "", old_len);
  *len += old_len;
}

/* The host's take, one crossing: a buffer that starts with its records' length in bytes (u32),
   valid until the next drain. */
EMSCRIPTEN_KEEPALIVE const char *qjsw_journal_drain(int reader) {
  size_t len = 4;
  if (reserve(0, 4) < 0) return NULL;
  qjsw_journal_take(reader, put_record, &len);
  uint32_t body = (uint32_t)(len - 4);
  memcpy(drained, &body, 4);
  return drained;
}
