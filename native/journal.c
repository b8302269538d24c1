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

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

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

/* The host's form of an entry: a line "type\tpath\told\n". */
static void put_line(void *opaque, int type, const char *path, const char *old_path) {
  size_t *len = opaque;
  char t[2] = {(char)('0' + type), 0};
  if (put(len, t, 0) < 0 || put(len, "\t", 0) < 0 || put(len, path, 1) < 0 || put(len, "\t", 0) < 0 ||
      (old_path && put(len, old_path, 1) < 0) || put(len, "\n", 0) < 0)
    return;
}

EMSCRIPTEN_KEEPALIVE const char *qjsw_journal_drain(int reader) {
  size_t len = 0;
  if (reserve(0) < 0) return "";
  qjsw_journal_take(reader, put_line, &len);
  drained[len] = '\0';
  return drained;
}
