/* The change journal (journal.h): a ring of changes with a cursor per reader. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <emscripten.h>

#include "journal.h"
#include "mounts.h"

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
static unsigned long long head;          /* sequence number of the next entry */
static unsigned long long cursor[READERS];
static int watching[READERS];

/* Writable fds: their path (absolute) and whether they were written since the last record. */
static char *fd_path[MAX_FDS];
static unsigned char fd_dirty[MAX_FDS];

static char *drained;
static size_t drained_cap;

/* `path` made absolute (against the cwd) with ".", ".." and repeated slashes resolved. */
static char *absolute(const char *path) {
  char cwd[PATH_MAX];
  size_t n = strlen(path);
  size_t base = 0;
  if (path[0] != '/') {
    if (!qjsw_getcwd(cwd, sizeof(cwd))) return NULL;
    base = strlen(cwd);
  }
  char *out = malloc(base + n + 3);
  if (!out) return NULL;
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
  return out;
}

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

EMSCRIPTEN_KEEPALIVE void qjsw_journal_record(int type, const char *path, const char *old_path) {
  if (!qjsw_journal_on || !path) return;
  char *p = absolute(path);
  char *o = old_path ? absolute(old_path) : NULL;
  if (!p || (old_path && !o)) {
    free(p);
    free(o);
    return;
  }
  /* the same change as the last entry, which no reader has taken yet: already recorded */
  if (head > 0) {
    Entry *last = &ring[(head - 1) % RING];
    int untaken = 1;
    for (int r = 0; r < READERS; r++)
      if (watching[r] && cursor[r] >= head) untaken = 0;
    if (untaken && last->type == type && same(last->path, p) && same(last->old_path, o)) {
      free(p);
      free(o);
      return;
    }
  }
  Entry *e = &ring[head % RING];
  free(e->path);
  free(e->old_path);
  e->type = type;
  e->path = p;
  e->old_path = o;
  head++;
}

void qjsw_journal_opened(int fd, const char *path, int flags) {
  if (!qjsw_journal_on || fd < 0 || fd >= MAX_FDS || (flags & O_ACCMODE) == O_RDONLY) return;
  free(fd_path[fd]);
  fd_path[fd] = absolute(path);
  fd_dirty[fd] = 0;
}

void qjsw_journal_written(int fd) {
  if (fd >= 0 && fd < MAX_FDS && fd_path[fd]) fd_dirty[fd] = 1;
}

void qjsw_journal_synced(int fd) {
  if (fd < 0 || fd >= MAX_FDS || !fd_path[fd] || !fd_dirty[fd]) return;
  fd_dirty[fd] = 0;
  qjsw_journal_record(QJSW_CHANGE_CHANGE, fd_path[fd], NULL);
}

void qjsw_journal_closed(int fd) {
  if (fd < 0 || fd >= MAX_FDS || !fd_path[fd]) return;
  qjsw_journal_synced(fd);
  free(fd_path[fd]);
  fd_path[fd] = NULL;
}

EMSCRIPTEN_KEEPALIVE void qjsw_journal_watch(int reader, int on) {
  if (reader < 0 || reader >= READERS) return;
  if (on && !watching[reader]) cursor[reader] = head;
  watching[reader] = on != 0;
  qjsw_journal_on = watching[0] || watching[1];
}

EMSCRIPTEN_KEEPALIVE int qjsw_journal_active(void) { return qjsw_journal_on; }

int qjsw_journal_pending(int reader) {
  return reader >= 0 && reader < READERS && watching[reader] && cursor[reader] < head;
}

/* Room for 3 more bytes and a NUL at `len` in the drain buffer. */
static int reserve(size_t len) {
  if (len + 4 <= drained_cap) return 0;
  size_t cap = drained_cap ? drained_cap * 2 : 4096;
  char *grown = realloc(drained, cap);
  if (!grown) return -1;
  drained = grown;
  drained_cap = cap;
  return 0;
}

/* Appends `s`; with `escape`, bytes below 0x20 and '%' as %XX (fields and lines are
   separated by tabs and newlines). */
static int put(size_t *len, const char *s, int escape) {
  static const char hex[] = "0123456789ABCDEF";
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (reserve(*len) < 0) return -1;
    if (escape && (c < 0x20 || c == '%')) {
      drained[(*len)++] = '%';
      drained[(*len)++] = hex[c >> 4];
      drained[(*len)++] = hex[c & 15];
    } else {
      drained[(*len)++] = (char)c;
    }
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE const char *qjsw_journal_drain(int reader) {
  size_t len = 0;
  if (reserve(0) < 0) return "";
  if (reader >= 0 && reader < READERS && watching[reader]) {
    unsigned long long from = cursor[reader];
    if (head - from > RING) {
      if (put(&len, "5\t/\t\n", 0) < 0) return "";
      from = head;
    }
    for (unsigned long long s = from; s < head; s++) {
      Entry *e = &ring[s % RING];
      char type[2] = {(char)('0' + e->type), 0};
      if (put(&len, type, 0) < 0 || put(&len, "\t", 0) < 0 || put(&len, e->path, 1) < 0 || put(&len, "\t", 0) < 0 ||
          (e->old_path && put(&len, e->old_path, 1) < 0) || put(&len, "\n", 0) < 0)
        break;
    }
    cursor[reader] = head;
  }
  drained[len] = '\0';
  return drained;
}
