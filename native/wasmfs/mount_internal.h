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

/* A host lstat/fstat as mount_host.js writes it, with Node's names for fs.Stats' fields:
   scripts/gen-ffi.mjs gives the host's side this order (runtime/generated/native.ts). */
struct HostStat {
  double mode, size, atimeMs, mtimeMs, ctimeMs, ino, dev, nlink;
};

extern "C" {
/* mount_host.js: each calls the mount's host, by the id qjsw_mount was given, and returns
   >= 0, a negative errno, or QJSW_HOST_PENDING (call them through host() below). */
int qjsw_host_realpath(int host, const char *path, char *out, size_t size);
int qjsw_host_lstat(int host, const char *path, HostStat *out);
int qjsw_host_fstat(int host, int fd, HostStat *out);
int qjsw_host_open(int host, const char *path, int access, int create, int mode);
int qjsw_host_close(int host, int fd);
int qjsw_host_read(int host, int fd, uint8_t *buf, size_t len, double pos);
int qjsw_host_write(int host, int fd, const uint8_t *buf, size_t len, double pos);
int qjsw_host_ftruncate(int host, int fd, double size);
int qjsw_host_fsync(int host, int fd);
int qjsw_host_mkdir(int host, const char *path, int mode);
int qjsw_host_unlink(int host, const char *path);
int qjsw_host_rmdir(int host, const char *path);
int qjsw_host_rename(int host, const char *from, const char *to);
int qjsw_host_symlink(int host, const char *target, const char *path);
int qjsw_host_readlink(int host, const char *path, char *out, size_t size);
int qjsw_host_readdir(int host, const char *path, void *entries);
int qjsw_host_chmod(int host, const char *path, int mode);
int qjsw_host_fchmod(int host, int fd, int mode);
int qjsw_host_utimes(int host, const char *path, double atime, double mtime);
int qjsw_host_futimes(int host, int fd, double atime, double mtime);

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

/* A new mount's backend: directory `root` of host `host_id` (the root its realpath gave) shown
   at guest path `guest`. */
wasmfs::backend_t create(int host_id, std::string root, bool readonly, std::string guest);

/* Whether any mount exists (until then every question below is answered for free). */
bool any();

/* 0 when `f` is not in a mount, else an id of its mount (1, 2, ...). */
int id_of(wasmfs::File *f);

/* For files of a mount: */
bool readonly(wasmfs::File *f);
int host_id(wasmfs::File *f); /* the id of its mount's host */
bool is_root(wasmfs::File *f);
const std::string &name_of(wasmfs::File *f);       /* in its parent; a root: its mount point's */
bool host_path(wasmfs::File *f, std::string &out); /* false once unlinked from the mount */
int host_fd(wasmfs::File *f);                      /* of an open data file, else -1 */

/* qjsw_mount_errno's answer: the host's errno behind WasmFS's generic one. */
int take_errno(int err);

}  // namespace qjsw_mounts

#endif
