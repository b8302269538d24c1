/*
 * The change journal: what the fs binding changed, for watchers (the host's sandbox.watch
 * and the guest's fs.watch). Records cost nothing until someone watches.
 *
 * Entries are { type, path, old path } with absolute, normalized guest paths, in a bounded
 * ring. Each reader (QJSW_JOURNAL_HOST, QJSW_JOURNAL_GUEST) has its own cursor; a reader that
 * falls a whole ring behind gets one overflow entry instead of what it missed. The same
 * change made again and again (a file written in a loop) is one entry until a reader has
 * taken it.
 */
#ifndef QJSW_JOURNAL_H
#define QJSW_JOURNAL_H

enum {
  QJSW_CHANGE_CREATE = 1,
  QJSW_CHANGE_CHANGE = 2,
  QJSW_CHANGE_DELETE = 3,
  QJSW_CHANGE_RENAME = 4,
  QJSW_CHANGE_OVERFLOW = 5
};
enum { QJSW_JOURNAL_HOST = 0, QJSW_JOURNAL_GUEST = 1 };

/* Whether any reader watches (recording is skipped otherwise). */
extern int qjsw_journal_on;

/* Records a change of `path` (relative paths are taken from the cwd); `old_path` for renames. */
void qjsw_journal_record(int type, const char *path, const char *old_path);

/* Writes through fds: a file opened for writing is remembered, a write marks it, and its
   close or fsync records one change. */
void qjsw_journal_opened(int fd, const char *path, int flags);
void qjsw_journal_written(int fd);
void qjsw_journal_synced(int fd);
void qjsw_journal_closed(int fd);

/* Starts or stops a reader (a started reader sees only what comes after). */
void qjsw_journal_watch(int reader, int on);

/* Whether any reader watches (for the host). */
int qjsw_journal_active(void);

/* Whether `reader` has something to take. */
int qjsw_journal_pending(int reader);

/* Calls `fn` with each entry `reader` has not taken yet (old_path NULL unless a rename; type
   QJSW_CHANGE_OVERFLOW, path "/": the reader fell behind and must rescan), and takes them. */
typedef void (*qjsw_journal_fn)(void *opaque, int type, const char *path, const char *old_path);
void qjsw_journal_take(int reader, qjsw_journal_fn fn, void *opaque);

/* The host's reader: the same in one buffer, valid until the next call (NULL when out of
   memory): u32 length in bytes of the records that follow, then per record u8 type, u32 path
   length, the path's bytes, u32 old path length (QJSW_JOURNAL_NO_OLD_PATH: none), its bytes.
   Integers little-endian. */
#define QJSW_JOURNAL_NO_OLD_PATH 0xFFFFFFFFu
const char *qjsw_journal_drain(int reader);

#endif
