/*
 * Internal to the mount backend (mount_backend.cpp) and its C interface (mounts.cpp): the
 * host calls of mount_host.js, and what the interface asks of the backend's files.
 */
#ifndef QJSW_MOUNT_INTERNAL_H
#define QJSW_MOUNT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <string>

#include "file.h"

/* A host lstat/fstat as mount_host.js writes it. */
struct HostStat {
  double mode, size, atime, mtime, ctime, ino, dev, nlink;
};

extern "C" {
/* mount_host.js: each returns >= 0, a negative errno, or QJSW_HOST_PENDING (call them
   through host() below). */
int qjsw_host_realpath(const char *path, char *out, size_t size);
int qjsw_host_lstat(const char *path, HostStat *out);
int qjsw_host_fstat(int fd, HostStat *out);
int qjsw_host_open(const char *path, int access, int create, int mode);
int qjsw_host_close(int fd);
int qjsw_host_read(int fd, uint8_t *buf, size_t len, double pos);
int qjsw_host_write(int fd, const uint8_t *buf, size_t len, double pos);
int qjsw_host_ftruncate(int fd, double size);
int qjsw_host_fsync(int fd);
int qjsw_host_mkdir(const char *path, int mode);
int qjsw_host_unlink(const char *path);
int qjsw_host_rmdir(const char *path);
int qjsw_host_rename(const char *from, const char *to);
int qjsw_host_symlink(const char *target, const char *path);
int qjsw_host_readlink(const char *path, char *out, size_t size);
int qjsw_host_readdir(const char *path, void *entries);
int qjsw_host_chmod(const char *path, int mode);
int qjsw_host_fchmod(int fd, int mode);
int qjsw_host_utimes(const char *path, double atime, double mtime);
int qjsw_host_futimes(int fd, double atime, double mtime);

/* A host that must wait for the browser (OPFS: getFileHandle, createSyncAccessHandle,
   removeEntry...) answers QJSW_HOST_PENDING; qjsw_host_await then suspends the Wasm
   stack (JSPI) until the answer is there and returns it. A host only answers PENDING
   when the instance was entered through a suspendable (promising) export. */
int qjsw_host_await(void);
}

#define QJSW_HOST_PENDING (-100000)

/* Calls host function `f`, waiting for a pending answer. */
template <class F, class... Args> int host(F f, Args... args) {
  int r = f(args...);
  return r == QJSW_HOST_PENDING ? qjsw_host_await() : r;
}

namespace qjsw_mounts {

/* A new mount's backend: host directory `root` (a realpath) shown at guest path `guest`. */
wasmfs::backend_t create(std::string root, bool readonly, std::string guest);

/* Whether any mount exists (until then every question below is answered for free). */
bool any();

/* 0 when `f` is not in a mount, else an id of its mount (1, 2, ...). */
int id_of(wasmfs::File *f);

/* For files of a mount: */
bool readonly(wasmfs::File *f);
bool is_root(wasmfs::File *f);
const std::string &name_of(wasmfs::File *f); /* in its parent; a root: its mount point's */
bool host_path(wasmfs::File *f, std::string &out); /* false once unlinked from the mount */
int host_fd(wasmfs::File *f); /* of an open data file, else -1 */

/* qjsw_mount_errno's answer: the host's errno behind WasmFS's generic one. */
int take_errno(int err);

} // namespace qjsw_mounts

#endif
