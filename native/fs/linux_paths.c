/* What Linux's path calls do that WasmFS's do not, for qjsw:binding/fs (fs_path.c): the order
   of their errors (parents first, then the last component), trailing slashes, set-group-ID
   directories, rename's and rmdir's refusals, EPERM for hard links, realpath without /proc,
   and copyFile as libuv does it. Each returns as the syscall would, or a negative uv errno
   where it says so. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/fs_internal.h"

/* The directory a path's last component is in, as written ("a//b/" -> "a", "/x" -> "/"):
   its length, 0 for a bare name (the working directory), -1 if it does not fit. */
static int parent_of(const char *path, char *buf, size_t size) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  while (n > 0 && path[n - 1] != '/') n--;
  if (n == 0) return 0;
  while (n > 1 && path[n - 1] == '/') n--;
  if (n >= size) return -1;
  memcpy(buf, path, n);
  buf[n] = '\0';
  return (int)n;
}

/* Linux: a directory made in a set-group-ID directory is one too. */
void qjsw_inherit_setgid(const char *path) {
  char parent[PATH_MAX];
  int n = parent_of(path, parent, sizeof(parent));
  if (n < 0) return;
  if (n == 0) strcpy(parent, ".");
  struct stat st;
  if (stat(parent, &st) == 0 && (st.st_mode & S_ISGID) && stat(path, &st) == 0)
    chmod(path, (st.st_mode & 07777) | S_ISGID);
}

/* mkdir(2) with what Linux adds. */
int qjsw_mkdir(const char *path, mode_t mode) {
  if (mkdir(path, mode) < 0) return -1;
  int saved = errno;
  qjsw_inherit_setgid(path);
  errno = saved;
  return 0;
}

/* The last component of a path is "." or "..": Linux's rename refuses it. */
static int ends_in_dot(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  const char *last = path + n;
  while (last > path && last[-1] != '/') last--;
  size_t len = (size_t)(path + n - last);
  return (len == 1 && last[0] == '.') || (len == 2 && last[0] == '.' && last[1] == '.');
}

/* What Linux's walk to a path's parent directory fails with (0 when it is a directory):
   the errors of the parent come before any about the last component. */
int qjsw_parent_error(const char *path) {
  char parent[PATH_MAX];
  int n = parent_of(path, parent, sizeof(parent));
  if (n == 0) return 0; /* a name in the working directory */
  if (n < 0) return ENAMETOOLONG;
  struct stat st;
  if (stat(parent, &st) < 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

/* Whether a path's last component is longer than NAME_MAX (its lookup's ENAMETOOLONG). */
static int last_too_long(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  size_t start = n;
  while (start > 0 && path[start - 1] != '/') start--;
  return n - start > NAME_MAX;
}

/* Linux's answer for a non-directory named with a trailing slash (0 if none). */
int qjsw_trailing_slash_error(const char *path, int follow) {
  if (!qjsw_has_trailing_slash(path)) return 0;
  struct stat st;
  if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) return 0;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

/* Linux: a directory gives EISDIR; "name/" of anything else (a link to a
   directory included) gives ENOTDIR. */
int qjsw_unlink(const char *path) {
  struct stat st;
  if (qjsw_mount_readonly_at(path)) {
    errno = EROFS;
    return -1;
  }
  if (qjsw_has_trailing_slash(path)) { /* the name itself, not what a link names */
    char *copy = strdup(path);
    if (!copy) return -1;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/') copy[--n] = '\0';
    int r = lstat(copy, &st);
    free(copy);
    if (r < 0) return -1;
    errno = S_ISDIR(st.st_mode) ? EISDIR : ENOTDIR;
    return -1;
  }
  if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return -1;
  }
  return unlink(path);
}

/* Whether directory `dir` holds `path`'s parent (or is it): Linux's rename then finds the
   target is the "trap" of its lock and says ENOTEMPTY. */
static int is_ancestor_of_parent(const char *dir, const char *path) {
  char d[PATH_MAX], p[PATH_MAX], parent[PATH_MAX];
  int n = parent_of(path, parent, sizeof(parent));
  if (n < 0) return 0;
  if (n == 0) strcpy(parent, ".");
  if (qjsw_realpath(dir, d) < 0 || qjsw_realpath(parent, p) < 0) return 0;
  size_t dl = strlen(d);
  if (strcmp(d, "/") == 0) return 1;
  return strncmp(p, d, dl) == 0 && (p[dl] == '\0' || p[dl] == '/');
}

/* Linux's order: both parents, then "." and "..", then the source, then the rest. */
int qjsw_rename(const char *from, const char *to) {
  /* Linux looks up the source's parent, then the target's: an empty name is ENOENT there */
  int e = from[0] ? qjsw_parent_error(from) : ENOENT;
  if (!e) e = to[0] ? qjsw_parent_error(to) : ENOENT;
  if (e) {
    errno = e;
    return -1;
  }
  if (ends_in_dot(from) || ends_in_dot(to) || qjsw_mount_is_root(from) || qjsw_mount_is_root(to)) {
    errno = EBUSY;
    return -1;
  }
  int ro = qjsw_mount_readonly_at(from);
  if (ro && ro == qjsw_mount_readonly_at(to)) { /* across mounts: EXDEV, from WasmFS */
    errno = EROFS;
    return -1;
  }
  struct stat st, to_st;
  /* the lookups of the source, then of the target, fail on a name longer than NAME_MAX */
  if (last_too_long(from) || (lstat(from, &st) == 0 && last_too_long(to))) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (lstat(from, &st) < 0) return -1;
  /* a non-directory named with a trailing slash, on either side, before the "trap" */
  if (!S_ISDIR(st.st_mode) && (qjsw_has_trailing_slash(from) || qjsw_has_trailing_slash(to))) {
    errno = ENOTDIR;
    return -1;
  }
  if (lstat(to, &to_st) == 0 && S_ISDIR(to_st.st_mode) && is_ancestor_of_parent(to, from)) {
    errno = ENOTEMPTY;
    return -1;
  }
  return rename(from, to);
}

int qjsw_symlink(const char *target, const char *path) {
  int e = target[0] ? qjsw_parent_error(path) : 0;
  if (e) {
    errno = e;
    return -1;
  }
  if (target[0] == '\0' || qjsw_has_trailing_slash(path)) {
    struct stat st;
    errno = target[0] == '\0' || lstat(path, &st) < 0 ? ENOENT : EEXIST;
    return -1;
  }
  return symlink(target, path);
}

/* Linux refuses rmdir of "x/." (EINVAL) and "x/.." (ENOTEMPTY), unless the
   path does not resolve at all. */
int qjsw_rmdir(const char *path) {
  /* WasmFS would drop a mount point (and so unmount); Linux says EBUSY */
  if (qjsw_mount_is_root(path)) {
    errno = EBUSY;
    return -1;
  }
  if (ends_in_dot(path)) {
    struct stat st;
    if (stat(path, &st) < 0) return -1;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') n--;
    errno = (n >= 2 && path[n - 1] == '.' && path[n - 2] == '.') ? ENOTEMPTY : EINVAL;
    return -1;
  }
  if (qjsw_mount_readonly_at(path)) {
    errno = EROFS;
    return -1;
  }
  return rmdir(path);
}

/* WasmFS cannot make hard links. Report what Linux would for a link that fails
   anyway (missing source, existing target, a directory...), and EPERM, as
   filesystems without hard links do, for one that would succeed. */
int qjsw_link(const char *existing, const char *newpath) {
  struct stat st;
  if (lstat(existing, &st) < 0) return -1;
  if (qjsw_trailing_slash_error(existing, 0)) {
    errno = ENOTDIR;
    return -1;
  }
  if (lstat(newpath, &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  if (errno != ENOENT) return -1;
  char *copy = strdup(newpath);
  if (!copy) return -1;
  char *slash = strrchr(copy, '/');
  int parent_ok = 1;
  if (slash && slash != copy) {
    *slash = '\0';
    parent_ok = stat(copy, &st) == 0;
    if (parent_ok && !S_ISDIR(st.st_mode)) {
      parent_ok = 0;
      errno = ENOTDIR;
    }
  }
  free(copy);
  if (!parent_ok) return -1;
  errno = EPERM;
  return -1;
}

/*
 * realpath(3) done here rather than in libc, whose version needs /proc. As glibc's: walks
 * the components, expanding symlinks (at most 40), the rest of the path unbounded (a long
 * path through ".." resolves, a missing component is ENOENT however long the path), the
 * resolved part within PATH_MAX (lstat's ENAMETOOLONG past it). Returns 0 or -errno.
 */
int qjsw_realpath(const char *path, char *out) {
  size_t cap = strlen(path) + 1;
  char *pending = malloc(cap);
  if (!pending) return -ENOMEM;
  memcpy(pending, path, cap);
  int links = 0, err = 0;
  if (path[0] == '/') {
    strcpy(out, "/");
  } else if (!qjsw_getcwd(out, PATH_MAX)) {
    free(pending);
    return -errno;
  }
  char *p = pending;
  while (*p && !err) {
    while (*p == '/') p++;
    if (!*p) break;
    char *end = strchr(p, '/');
    size_t seg = end ? (size_t)(end - p) : strlen(p);
    if (seg == 1 && p[0] == '.') {
      p += seg;
      continue;
    }
    if (seg == 2 && p[0] == '.' && p[1] == '.') {
      char *last = strrchr(out, '/');
      if (last == out) out[1] = '\0';
      else if (last) *last = '\0';
      p += seg;
      continue;
    }
    size_t len = strlen(out);
    if (len + 1 + seg >= PATH_MAX) {
      err = ENAMETOOLONG;
      break;
    }
    if (len > 1) out[len++] = '/';
    memcpy(out + len, p, seg);
    out[len + seg] = '\0';
    p += seg;
    struct stat st;
    if (lstat(out, &st) < 0) {
      err = errno;
    } else if (S_ISLNK(st.st_mode)) {
      if (++links > 40) {
        err = ELOOP;
        break;
      }
      char target[PATH_MAX];
      ssize_t n = readlink(out, target, sizeof(target) - 1);
      if (n < 0) {
        err = errno;
        break;
      }
      target[n] = '\0';
      size_t rest = strlen(p);
      char *next = malloc((size_t)n + rest + 1);
      if (!next) {
        err = ENOMEM;
        break;
      }
      memcpy(next, target, (size_t)n);
      memcpy(next + n, p, rest + 1);
      free(pending);
      pending = p = next;
      if (target[0] == '/') {
        strcpy(out, "/");
      } else {
        char *last = strrchr(out, '/');
        if (last == out) out[1] = '\0';
        else *last = '\0';
      }
    } else if (*p && !S_ISDIR(st.st_mode)) {
      err = ENOTDIR;
    }
  }
  free(pending);
  return -err;
}

/* copyFile(src, dest, mode) -> 0, as libuv's uv_fs_copyfile (COPYFILE_EXCL = 1) */
int qjsw_copy_file(const char *src, const char *dst, int mode) {
  int in = qjsw_open(src, O_RDONLY, 0);
  if (in < 0) return qjsw_uv_errno(errno);
  struct stat st;
  if (fstat(in, &st) < 0) {
    int err = qjsw_uv_errno(errno);
    close(in);
    return err;
  }
  int flags = O_WRONLY | O_CREAT | ((mode & 1) ? O_EXCL : 0);
  int out = qjsw_open(dst, flags, st.st_mode & 07777);
  if (out < 0) {
    int err = qjsw_uv_errno(errno);
    close(in);
    return err;
  }
  struct stat dst_st;
  int err = 0;
  if (fstat(out, &dst_st) == 0 && dst_st.st_ino == st.st_ino && dst_st.st_dev == st.st_dev) {
    close(in); /* copying a file onto itself leaves it as it is */
    close(out);
    return 0;
  }
  if (ftruncate(out, 0) < 0) err = qjsw_uv_errno(errno);
  else { /* Linux's ftruncate moves mtime, even to the same size; WasmFS's does not */
    struct timespec now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    futimens(out, now);
  }
  /* libuv opens and truncates the destination before reading a directory fails */
  if (!err && S_ISDIR(st.st_mode)) err = qjsw_uv_errno(EISDIR);
  static uint8_t buf[65536];
  while (!err) {
    ssize_t n = read(in, buf, sizeof(buf));
    if (n < 0) err = qjsw_uv_errno(errno);
    if (n <= 0) break;
    for (ssize_t off = 0; off < n && !err;) {
      ssize_t w = write(out, buf + off, (size_t)(n - off));
      if (w < 0) err = qjsw_uv_errno(errno);
      else off += w;
    }
  }
  qjsw_fchmod(out, st.st_mode & 07777);
  close(in);
  if (close(out) < 0 && !err) err = qjsw_uv_errno(errno);
  if (err) unlink(dst); /* libuv removes a destination it could not fill (ENOSPC) */
  return err;
}
