/*
 * Host directories mounted into the WasmFS tree (native/wasmfs/mount_backend.cpp; its hosts are
 * runtime/mounts/mount-host.ts's, reached through native/wasmfs/mount_host.js). The C side of the
 * fs binding asks these where WasmFS offers a backend no say: errors it reports generically, and
 * metadata calls it keeps in memory only.
 */
#ifndef QJSW_MOUNTS_H
#define QJSW_MOUNTS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Mounts directory `host_dir` of host `host_id` (a MountHost the runtime registered:
   runtime/mounts/mount-host.ts) at guest path `guest` (parents created as needed). Returns 0 or a
   negative errno. Exported to the host. */
int qjsw_mount(int host_id, const char *host_dir, const char *guest, int readonly);

/* Takes the mount at `guest` out of the tree: 0 or a negative errno. Exported to the host. */
int qjsw_unmount(const char *guest);

/* WasmFS turns a backend's failure to create a file, directory or symlink into EIO or
   EPERM, and a failed lookup into ENOENT. Given such an errno, returns what the host
   really said (EROFS, EACCES...); any other errno comes back unchanged. */
int qjsw_mount_errno(int err);

enum { QJSW_ATTR_CHECK, QJSW_ATTR_CHMOD, QJSW_ATTR_UTIMES };

/* WasmFS keeps chmod/utimes/chown in memory. Before one of them runs on `path` (or on
   `fd` when path is NULL), this applies it to the host file when the file is in a
   mount: 0 when done (or when the file is not in a mount), a negative errno (EROFS on a
   read-only mount) when the call must fail. Times are in seconds. */
int qjsw_mount_setattr(int fd, const char *path, int nofollow, int op, mode_t mode, double atime,
                       double mtime);

/* Whether `fd` (or `path`, followed) is a file of a mount: its size is not bounded by
   Wasm memory. */
int qjsw_mount_fd(int fd);
int qjsw_mount_path(const char *path);

/* Linux refuses unlink, rmdir and rename on a read-only file system before it looks the
   name up (EROFS for a missing or non-empty one too); WasmFS looks first. Returns 0 when
   the directory holding `path`'s last component is not in a read-only mount, else an id
   of that mount (a rename within one mount compares equal ids). */
int qjsw_mount_readonly_at(const char *path);

/* getcwd(3), with the right name for mount points (WasmFS leaves them out: "//x"). */
char *qjsw_getcwd(char *buf, size_t size);

/* Whether `path` (not followed) is the root of a mount, which rmdir and rename refuse
   with EBUSY as Linux does for mount points. */
int qjsw_mount_is_root(const char *path);

#ifdef __cplusplus
}
#endif

#endif
