/*
 * The C interface of host directory mounts (mounts.h): making a mount, and the answers the
 * fs binding asks for where WasmFS gives a backend no say (see mount_backend.cpp).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "paths.h"
#include "wasmfs.h"

#include "wasmfs/mount_internal.h"
#include "wasmfs/mounts.h"

extern "C" {
/* WasmFS's own (syscalls.cpp); its public header's backend_t is another type name. */
int wasmfs_create_directory(const char *path, int mode, wasmfs::backend_t backend);
int wasmfs_unmount(intptr_t path);
}

namespace {

using namespace wasmfs;

/* The file `path` names (or `fd` is open on) when it belongs to a mount. */
std::shared_ptr<File> mounted_file(int fd, const char *path, int nofollow) {
  std::shared_ptr<File> file;
  if (path) {
    auto parsed = path::getFileAt(AT_FDCWD, path, nofollow ? AT_SYMLINK_NOFOLLOW : 0);
    if (parsed.getError()) return nullptr;
    file = parsed.getFile();
  } else {
    auto open = wasmFS.getFileTable().locked().getEntry(fd);
    if (!open) return nullptr;
    file = open->locked().getFile();
  }
  return file && qjsw_mounts::id_of(file.get()) ? file : nullptr;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int qjsw_mount(int host_id, const char *host_dir, const char *guest,
                                    int readonly) {
  char real[PATH_MAX];
  if (host_id <= 0) return -EINVAL;
  if (int r = host(qjsw_host_realpath, host_id, host_dir, real, sizeof(real))) return r;
  if (guest[0] != '/') return -EINVAL;
  std::string dir(guest);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir == "/") return -EBUSY;
  if (qjsw_mount_is_root(dir.c_str())) return -EBUSY;
  /* Not inside another mount: making the mount point there would create (or, below,
     remove) a directory on that mount's host. */
  for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
    if (mounted_file(-1, dir.substr(0, at).c_str(), 0)) return -EXDEV;
    if (at == std::string::npos) break;
  }
  /* parents first, as mkdir -p */
  for (size_t at = dir.find('/', 1); at != std::string::npos; at = dir.find('/', at + 1))
    if (mkdir(dir.substr(0, at).c_str(), 0777) < 0 && errno != EEXIST) return -errno;
  /* an empty directory already there (WasmFS makes /tmp) gives way to the mount */
  struct stat st;
  if (lstat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return -EEXIST;
    if (rmdir(dir.c_str()) < 0) return -errno;
  }
  return wasmfs_create_directory(dir.c_str(), 0777,
                                 qjsw_mounts::create(host_id, real, readonly != 0, dir));
}

char *qjsw_getcwd(char *buf, size_t size) {
  if (!qjsw_mounts::any()) return getcwd(buf, size);
  auto root = wasmFS.getRootDirectory();
  std::shared_ptr<File> cur = wasmFS.getCWD();
  std::string result;
  while (cur != root) {
    auto parent = cur->locked().getParent();
    if (!parent) {
      errno = ENOENT;
      return nullptr;
    }
    /* the one name WasmFS's getcwd gets wrong: a memory directory does not know the
       names of the mounts in it */
    result = '/' +
             (qjsw_mounts::is_root(cur.get()) ? qjsw_mounts::name_of(cur.get())
                                              : parent->locked().getName(cur)) +
             result;
    cur = parent;
  }
  if (result.empty()) result = "/";
  if (result.size() + 1 > size) {
    errno = ERANGE;
    return nullptr;
  }
  memcpy(buf, result.c_str(), result.size() + 1);
  return buf;
}

int qjsw_mount_errno(int err) { return qjsw_mounts::take_errno(err); }

int qjsw_mount_setattr(int fd, const char *path, int nofollow, int op, mode_t mode, double atime,
                       double mtime) {
  if (!qjsw_mounts::any()) return 0;
  auto file = mounted_file(fd, path, nofollow);
  if (!file) return 0;
  if (qjsw_mounts::readonly(file.get())) return -EROFS;
  if (op == QJSW_ATTR_CHECK) return 0;
  /* an open file's own host fd names exactly that file, even if renamed or unlinked */
  int host_fd = qjsw_mounts::host_fd(file.get());
  std::string p;
  if (host_fd < 0 && !qjsw_mounts::host_path(file.get(), p)) return -ENOENT;
  int id = qjsw_mounts::host_id(file.get());
  if (op == QJSW_ATTR_CHMOD)
    return host_fd >= 0 ? host(qjsw_host_fchmod, id, host_fd, mode & 07777)
                        : host(qjsw_host_chmod, id, p.c_str(), mode & 07777);
  return host_fd >= 0 ? host(qjsw_host_futimes, id, host_fd, atime, mtime)
                      : host(qjsw_host_utimes, id, p.c_str(), atime, mtime);
}

int qjsw_mount_fd(int fd) { return qjsw_mounts::any() && mounted_file(fd, nullptr, 0) != nullptr; }

int qjsw_mount_path(const char *path) {
  return qjsw_mounts::any() && mounted_file(-1, path, 0) != nullptr;
}

int qjsw_mount_readonly_at(const char *path) {
  if (!qjsw_mounts::any()) return 0;
  auto parsed = path::parseParent(path);
  if (parsed.getError()) return 0;
  File *dir = parsed.getParentChild().first.get();
  return qjsw_mounts::readonly(dir) ? qjsw_mounts::id_of(dir) : 0;
}

int qjsw_mount_is_root(const char *path) {
  if (!qjsw_mounts::any()) return 0;
  auto file = mounted_file(-1, path, 1);
  return file && qjsw_mounts::is_root(file.get());
}

/* As umount(2): EINVAL when `guest` is no mount point, EBUSY while the working directory is
   in the mount. Files the guest still has open keep their backend (and host) until closed. */
EMSCRIPTEN_KEEPALIVE int qjsw_unmount(const char *guest) {
  if (!qjsw_mount_is_root(guest)) return -EINVAL;
  auto parsed = path::getFileAt(AT_FDCWD, guest, AT_SYMLINK_NOFOLLOW);
  if (parsed.getError()) return parsed.getError();
  auto root = parsed.getFile();
  /* (the root directory is its own parent) */
  auto top = wasmFS.getRootDirectory();
  for (std::shared_ptr<File> cur = wasmFS.getCWD(); cur && cur != top;
       cur = cur->locked().getParent())
    if (cur == root) return -EBUSY;
  std::string dir(guest);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return wasmfs_unmount((intptr_t)dir.c_str());
}

}  // extern "C"
