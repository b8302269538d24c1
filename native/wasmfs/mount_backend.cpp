/*
 * A WasmFS backend that shows a directory of a host at a guest path: a Node host's directory,
 * or the browser's Origin Private File System (runtime/mounts/mount-host.ts's MountHost, one per
 * mount's host id).
 *
 * C++ because WasmFS's backend interface is C++ classes; the rest of the binding reaches
 * it through the C functions of mounts.h (mounts.cpp). Emscripten ships a node backend,
 * but it aborts the instance on rename, truncate, symlink and fsync, hides symlinks, opens
 * O_WRONLY files with "w" (truncating them), caps sizes at 32 bits and never refreshes
 * metadata, so mounts have their own backend; its host calls go through mount_host.js to
 * the mount's host. A host call may answer "pending" (OPFS's async API): host() in
 * mount_internal.h then waits for it, suspending the Wasm stack (JSPI).
 *
 * Files know only their name; a host path is rebuilt from WasmFS's parent pointers up to
 * the mount root on every call, so a rename of a directory moves everything below it.
 * Each lookup asks the host (lstat), so the guest sees host changes live: a name whose
 * host file changed identity (dev/ino/kind) gets a new WasmFS file, and the old one is
 * unlinked from the tree (its open fds keep working).
 *
 * Host symlinks are shown as symlinks; WasmFS resolves their targets in the guest's own
 * tree, never on the host, and a host never follows a link (runtime/mounts/node-mount-host.ts),
 * so nothing outside the mounted directory is reachable.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "backend.h"
#include "file.h"
#include "wasmfs.h"

#include "wasmfs/mount_internal.h"

namespace {

using namespace wasmfs;

class MountBackend : public Backend {
public:
  const int host_id;      /* whose files these are: mount_host.js's table of hosts */
  const std::string root; /* the host's name for the directory (its realpath's answer) */
  const bool readonly;
  const std::string guest; /* the mount point's guest path */

  MountBackend(int host_id, std::string root, bool readonly, std::string guest)
      : host_id(host_id), root(std::move(root)), readonly(readonly), guest(std::move(guest)) {}

  /* An absolute symlink target inside the mounted directory names the same file as seen
     from the other side: the host's /h/proj/x is the guest's /app/x. Other targets stay
     as they are (and resolve in the guest's own tree). */
  std::string translate(const std::string &target, bool to_guest) const {
    const std::string &from = to_guest ? root : guest;
    const std::string &to = to_guest ? guest : root;
    if (from == "/") return target[0] == '/' ? (target == "/" ? to : to + target) : target;
    if (target.compare(0, from.size(), from) != 0) return target;
    if (target.size() > from.size() && target[from.size()] != '/') return target;
    std::string rest = target.substr(from.size());
    return to == "/" ? (rest.empty() ? "/" : rest) : to + rest;
  }
  /* A guest's symlink target as the host will hold it, for a link in host directory `dir`;
     false when the host cannot hold it (EPERM). Host tools (builds, backups, cp -r) follow
     links the guest made, so a stored link never resolves outside the mounted directory:
     an absolute target must lie in the mount (stored as the host path), a relative one must
     stay inside from the link's directory. A `..` after a name is resolved lexically first
     (`r/../x` is stored as `x`): physically it would climb from wherever `r` leads. A host
     whose root is not a host path (OPFS: "opfs:") holds links only for the guest, so takes
     them as they are. */
  bool host_target(const std::string &target, const std::string &dir, std::string &out) const {
    if (root[0] != '/' || target.empty()) {
      out = translate(target, false);
      return true;
    }
    bool absolute = target[0] == '/';
    std::vector<std::string> at; /* where the target leads, as names below the mount root */
    if (!absolute) split(dir.substr(root.size()), at);
    std::vector<std::string> parts;
    split(target, parts);
    /* as written (what readlink gives back) when no `..` needs resolving: for a relative
       target, leading ones that stay in the mount climb real directories */
    bool verbatim = true, named = false;
    for (auto &part : parts) {
      if (part == ".") continue;
      if (part != "..") {
        at.push_back(part);
        named = true;
        continue;
      }
      if (named || absolute) verbatim = false;
      if (!at.empty()) at.pop_back();
      else if (!absolute) return false; /* "/.." is "/" */
    }
    if (absolute) {
      std::vector<std::string> mount;
      split(guest, mount);
      if (at.size() < mount.size() || !std::equal(mount.begin(), mount.end(), at.begin()))
        return false;
      if (verbatim) {
        out = translate(target, false);
        return true;
      }
      out = root;
      for (size_t i = mount.size(); i < at.size(); i++)
        out += (out.back() == '/' ? "" : "/") + at[i];
      return true;
    }
    if (verbatim) {
      out = target;
      return true;
    }
    std::vector<std::string> from;
    split(dir.substr(root.size()), from);
    size_t common = 0;
    while (common < from.size() && common < at.size() && from[common] == at[common]) common++;
    out.clear();
    for (size_t i = common; i < from.size(); i++) out += "../";
    for (size_t i = common; i < at.size(); i++) out += at[i] + "/";
    if (out.empty()) out = ".";
    else if (target.back() != '/') out.pop_back();
    return true;
  }

  static void split(const std::string &path, std::vector<std::string> &out) {
    for (size_t at = 0; at < path.size();) {
      size_t end = path.find('/', at);
      if (end == std::string::npos) end = path.size();
      if (end > at) out.push_back(path.substr(at, end - at));
      at = end + 1;
    }
  }

  std::shared_ptr<DataFile> createFile(mode_t) override { return nullptr; }
  std::shared_ptr<Directory> createDirectory(mode_t mode) override;
  std::shared_ptr<Symlink> createSymlink(std::string) override { return nullptr; }
};

/* Every mount of this instance, to tell our files from others by their backend. */
std::vector<MountBackend *> mounts;

MountBackend *mount_of(File *f) {
  for (auto *m : mounts)
    if (static_cast<Backend *>(m) == f->getBackend()) return m;
  return nullptr;
}

/* The host's errno behind a failure WasmFS reports generically (see take_errno). */
int pending_errno;

template <class T> std::shared_ptr<T> fail(int err) {
  pending_errno = err;
  return nullptr;
}

/* What a file of a mount knows besides WasmFS's state: its name in its parent, and the
   identity of the host file it was found as. */
template <class Base> class Mounted : public Base {
public:
  std::string name;
  double ino = 0, dev = 0;

  template <class... Args> Mounted(Args &&...args) : Base(std::forward<Args>(args)...) {}

  int host_id() { return static_cast<MountBackend *>(this->getBackend())->host_id; }

  /* Takes the host's metadata: stat() on the guest side then reports it. */
  void absorb(const HostStat &st) {
    this->mode = (mode_t)st.mode;
    this->atime = st.atimeMs;
    this->mtime = st.mtimeMs;
    this->ctime = st.ctimeMs;
    ino = st.ino;
    dev = st.dev;
  }
};

class MountFile;
class MountDir;
class MountLink;

File::FileKind kind_of(double mode) {
  mode_t m = (mode_t)mode;
  return S_ISREG(m)   ? File::DataFileKind
         : S_ISDIR(m) ? File::DirectoryKind
         : S_ISLNK(m) ? File::SymlinkKind
                      : File::UnknownKind;
}

/* Defined below, once every class is known. */
std::string *name_of(File *f);
double host_ino(File *f);
double host_dev(File *f);
bool is_root(File *f);
void absorb(File *f, const HostStat &st);

/* The host path of `f`, from its mount root down; false once `f` is no longer linked
   into the mount (removed, replaced, or its directory was). */
bool host_path(File *f, std::string &out) {
  auto *m = mount_of(f);
  if (!m) return false;
  std::vector<std::string> names;
  std::shared_ptr<File> keep;
  for (File *cur = f; !is_root(cur); cur = keep.get()) {
    names.push_back(*name_of(cur));
    keep = cur->locked().getParent();
    if (!keep || keep->getBackend() != f->getBackend()) return false;
  }
  out = m->root;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (out.back() != '/') out += '/';
    out += *it;
  }
  return true;
}

int access_of(oflags_t flags) { return flags == O_WRONLY ? 1 : flags == O_RDWR ? 2 : 0; }

class MountFile : public Mounted<DataFile> {
  int fd = -1; /* one host fd for all of the guest's opens, as WasmFS keeps offsets */
  int opens = 0;
  oflags_t access = O_RDONLY;
  int created_fd = -1; /* the O_RDWR fd that created the file, for its first open */

  bool readonly() { return mount_of(this)->readonly; }

public:
  MountFile(mode_t mode, backend_t backend, int created_fd)
      : Mounted<DataFile>(mode, backend), created_fd(created_fd) {}
  ~MountFile() override {
    if (fd >= 0) host(qjsw_host_close, host_id(), fd);
    if (created_fd >= 0) host(qjsw_host_close, host_id(), created_fd);
  }

  int open_fd() { return opens > 0 ? fd : -1; }

private:
  int open(oflags_t flags) override {
    if (readonly() && flags != O_RDONLY) return -EROFS;
    if (opens > 0 && (access == O_RDWR || access == flags)) {
      ++opens;
      return 0;
    }
    int nfd;
    if (created_fd >= 0) {
      /* Linux lets the open that creates a file write it whatever its mode (0444
         included): use that fd rather than a second open the mode would refuse. */
      nfd = created_fd;
      created_fd = -1;
      flags = O_RDWR;
    } else {
      std::string path;
      if (!host_path(this, path)) return -ENOENT;
      /* a second access mode on an open file: one fd for both */
      if (opens > 0) flags = O_RDWR;
      nfd = host(qjsw_host_open, host_id(), path.c_str(), access_of(flags), 0, 0);
      if (nfd < 0) return nfd;
    }
    if (opens > 0) (void)host(qjsw_host_close, host_id(), fd);
    fd = nfd;
    access = flags;
    ++opens;
    return 0;
  }

  int close() override {
    if (opens == 0 || --opens > 0) return 0;
    int r = host(qjsw_host_close, host_id(), fd);
    fd = -1;
    return r;
  }

  ssize_t read(uint8_t *buf, size_t len, off_t offset) override {
    if (opens == 0) return -EBADF;
    return host(qjsw_host_read, host_id(), fd, buf, len, (double)offset);
  }

  ssize_t write(const uint8_t *buf, size_t len, off_t offset) override {
    if (opens == 0) return -EBADF;
    return host(qjsw_host_write, host_id(), fd, buf, len, (double)offset);
  }

  int setSize(off_t size) override {
    if (readonly()) return -EROFS;
    if (opens > 0 && access != O_RDONLY)
      return host(qjsw_host_ftruncate, host_id(), fd, (double)size);
    std::string path;
    if (!host_path(this, path)) return -ENOENT;
    int tfd = host(qjsw_host_open, host_id(), path.c_str(), 1, 0, 0);
    if (tfd < 0) return tfd;
    int r = host(qjsw_host_ftruncate, host_id(), tfd, (double)size);
    (void)host(qjsw_host_close, host_id(), tfd);
    return r;
  }

  int flush() override { return opens > 0 ? host(qjsw_host_fsync, host_id(), fd) : 0; }

  /* stat() asks for the size first: one host stat refreshes every field. */
  off_t getSize() override {
    HostStat st;
    int r;
    std::string path;
    if (opens > 0) r = host(qjsw_host_fstat, host_id(), fd, &st);
    else r = host_path(this, path) ? host(qjsw_host_lstat, host_id(), path.c_str(), &st) : -ENOENT;
    if (r < 0) return r;
    absorb(st);
    return (off_t)st.size;
  }
};

class MountLink : public Mounted<Symlink> {
  std::string target;

public:
  MountLink(backend_t backend, std::string target)
      : Mounted<Symlink>(backend), target(std::move(target)) {}
  std::string getTarget() const override { return target; }

  off_t getSize() override {
    std::string path;
    HostStat st;
    if (host_path(this, path) && host(qjsw_host_lstat, host_id(), path.c_str(), &st) == 0)
      absorb(st);
    return (off_t)target.size();
  }
};

class MountDir : public Mounted<Directory> {
  /* Files looked up or made here, by name. WasmFS's dcache is off for this backend
     (maintainsFileIdentity) so that every lookup reaches getChild and the host. */
  std::map<std::string, std::shared_ptr<File>> children;

  MountBackend *mount() { return static_cast<MountBackend *>(getBackend()); }

  bool child_path(const std::string &name, std::string &out) {
    /* WasmFS resolves "." and ".." itself and splits at '/': never let one reach the host */
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
      return false;
    if (!host_path(this, out)) return false;
    if (out.back() != '/') out += '/';
    out += name;
    return true;
  }

  /* `name` no longer refers to this file: unlink it from the tree. */
  void forget(std::map<std::string, std::shared_ptr<File>>::iterator it) {
    it->second->locked().setParent(nullptr);
    children.erase(it);
  }

  std::shared_ptr<File> make(File::FileKind kind, const std::string &name, const std::string &path,
                             const HostStat &st) {
    std::shared_ptr<File> f;
    if (kind == File::DataFileKind) {
      f = std::make_shared<MountFile>((mode_t)st.mode, getBackend(), -1);
    } else if (kind == File::DirectoryKind) {
      f = std::make_shared<MountDir>((mode_t)st.mode, getBackend(), false);
    } else if (kind == File::SymlinkKind) {
      char target[PATH_MAX];
      if (host(qjsw_host_readlink, host_id(), path.c_str(), target, sizeof(target)) < 0)
        return nullptr;
      f = std::make_shared<MountLink>(getBackend(), mount()->translate(target, true));
    } else {
      return nullptr;
    }
    *name_of(f.get()) = name;
    ::absorb(f.get(), st);
    children[name] = f;
    return f;
  }

public:
  const bool root;

  MountDir(mode_t mode, backend_t backend, bool root)
      : Mounted<Directory>(mode, backend), root(root) {}

private:
  std::shared_ptr<File> getChild(const std::string &name) override {
    std::string path;
    if (!child_path(name, path)) return nullptr;
    HostStat st;
    auto it = children.find(name);
    int r = host(qjsw_host_lstat, host_id(), path.c_str(), &st);
    /* WasmFS can only say ENOENT for a lookup that fails: keep the host's reason
       (EACCES for a directory this user may not search) */
    pending_errno = r < 0 && r != -ENOENT ? -r : 0;
    File::FileKind kind = r < 0 ? File::UnknownKind : kind_of(st.mode);
    if (it != children.end()) {
      File *f = it->second.get();
      if (f->kind == kind && host_ino(f) == st.ino && host_dev(f) == st.dev) {
        ::absorb(f, st);
        return it->second;
      }
      forget(it);
    }
    /* FIFOs, sockets and devices are not shown: opening one could block the host */
    if (kind == File::UnknownKind) return nullptr;
    return make(kind, name, path, st);
  }

  std::shared_ptr<DataFile> insertDataFile(const std::string &name, mode_t mode) override {
    pending_errno = 0;
    if (mount()->readonly) return fail<DataFile>(EROFS);
    std::string path;
    if (!child_path(name, path)) return fail<DataFile>(ENOENT);
    int fd = host(qjsw_host_open, host_id(), path.c_str(), 2, 1, mode);
    if (fd < 0) return fail<DataFile>(-fd);
    HostStat st;
    int r = host(qjsw_host_fstat, host_id(), fd, &st);
    if (r < 0) {
      (void)host(qjsw_host_close, host_id(), fd);
      return fail<DataFile>(-r);
    }
    auto f = std::make_shared<MountFile>(mode, getBackend(), fd);
    f->name = name;
    f->absorb(st);
    children[name] = f;
    return f;
  }

  /* Makes `name` on the host with `create`, then takes it as found there. */
  template <class T, class Create>
  std::shared_ptr<T> insert(const std::string &name, Create create) {
    pending_errno = 0;
    if (mount()->readonly) return fail<T>(EROFS);
    std::string path;
    if (!child_path(name, path)) return fail<T>(ENOENT);
    int r = create(path.c_str());
    HostStat st;
    if (r == 0) r = host(qjsw_host_lstat, host_id(), path.c_str(), &st);
    if (r < 0) return fail<T>(-r);
    auto it = children.find(name);
    if (it != children.end()) forget(it);
    auto f = make(T::expectedKind, name, path, st);
    return f ? std::static_pointer_cast<T>(f) : fail<T>(EIO);
  }

  std::shared_ptr<Directory> insertDirectory(const std::string &name, mode_t mode) override {
    return insert<Directory>(
        name, [this, mode](const char *p) { return host(qjsw_host_mkdir, host_id(), p, mode); });
  }

  std::shared_ptr<Symlink> insertSymlink(const std::string &name,
                                         const std::string &target) override {
    std::string dir, host_target;
    if (mount()->readonly) return fail<Symlink>(EROFS);
    if (!host_path(this, dir)) return fail<Symlink>(ENOENT);
    if (!mount()->host_target(target, dir, host_target)) return fail<Symlink>(EPERM);
    return insert<Symlink>(name, [this, &host_target](const char *p) {
      return host(qjsw_host_symlink, host_id(), host_target.c_str(), p);
    });
  }

  int insertMove(const std::string &name, std::shared_ptr<File> file) override {
    if (mount()->readonly) return -EROFS;
    /* a mount inside this one: its own backend, not a host rename */
    if (file->getBackend() != getBackend()) return -EXDEV;
    if (is_root(file.get())) return -EBUSY;
    std::string from, to;
    if (!host_path(file.get(), from) || !child_path(name, to)) return -ENOENT;
    if (int r = host(qjsw_host_rename, host_id(), from.c_str(), to.c_str())) return r;
    auto old_parent = std::static_pointer_cast<MountDir>(file->locked().getParent());
    std::string &old_name = *name_of(file.get());
    auto old = old_parent->children.find(old_name);
    if (old != old_parent->children.end() && old->second == file) old_parent->children.erase(old);
    auto over = children.find(name);
    if (over != children.end()) forget(over);
    old_name = name;
    children[name] = file;
    return 0;
  }

  int removeChild(const std::string &name) override {
    if (mount()->readonly) return -EROFS;
    std::string path;
    if (!child_path(name, path)) return -ENOENT;
    auto it = children.find(name);
    bool dir;
    if (it != children.end()) {
      dir = it->second->kind == File::DirectoryKind;
    } else {
      HostStat st;
      if (int r = host(qjsw_host_lstat, host_id(), path.c_str(), &st)) return r;
      dir = S_ISDIR((mode_t)st.mode);
    }
    if (int r = dir ? host(qjsw_host_rmdir, host_id(), path.c_str())
                    : host(qjsw_host_unlink, host_id(), path.c_str()))
      return r;
    if (it != children.end()) forget(it);
    return 0;
  }

  ssize_t getNumEntries() override {
    auto entries = getEntries();
    if (int err = entries.getError()) return err;
    return entries->size();
  }

  Directory::MaybeEntries getEntries() override {
    std::vector<Directory::Entry> entries;
    std::string path;
    if (!host_path(this, path)) return {-ENOENT};
    if (int r = host(qjsw_host_readdir, host_id(), path.c_str(), &entries)) return {r};
    return {entries};
  }

  std::string getName(std::shared_ptr<File> file) override {
    for (auto &[name, f] : children)
      if (f == file) return name;
    return "";
  }

  bool maintainsFileIdentity() override { return true; }

  off_t getSize() override {
    std::string path;
    HostStat st;
    if (!host_path(this, path)) return -ENOENT;
    if (int r = host(qjsw_host_lstat, host_id(), path.c_str(), &st)) return r;
    absorb(st);
    return (off_t)st.size;
  }
};

/* Per-kind access to the Mounted<> part of a file of a mount. */
template <class F> auto with_mounted(File *f, F fn) {
  switch (f->kind) {
    case File::DataFileKind:
      return fn(static_cast<Mounted<DataFile> *>(static_cast<MountFile *>(f)));
    case File::DirectoryKind:
      return fn(static_cast<Mounted<Directory> *>(static_cast<MountDir *>(f)));
    default: return fn(static_cast<Mounted<Symlink> *>(static_cast<MountLink *>(f)));
  }
}

std::string *name_of(File *f) {
  return with_mounted(f, [](auto *m) { return &m->name; });
}
double host_ino(File *f) {
  return with_mounted(f, [](auto *m) { return m->ino; });
}
double host_dev(File *f) {
  return with_mounted(f, [](auto *m) { return m->dev; });
}
void absorb(File *f, const HostStat &st) {
  with_mounted(f, [&st](auto *m) { m->absorb(st); });
}
bool is_root(File *f) {
  return f->kind == File::DirectoryKind && mount_of(f) && static_cast<MountDir *>(f)->root;
}

std::shared_ptr<Directory> MountBackend::createDirectory(mode_t mode) {
  auto dir = std::make_shared<MountDir>(mode, this, true);
  dir->name = guest.substr(guest.rfind('/') + 1);
  return dir;
}

}  // namespace

/* What mounts.cpp needs of the backend (mount_internal.h). */
namespace qjsw_mounts {

backend_t create(int host_id, std::string root, bool readonly, std::string guest) {
  auto *m = new MountBackend(host_id, std::move(root), readonly, std::move(guest));
  backend_t backend = wasmFS.addBackend(std::unique_ptr<Backend>(m));
  mounts.push_back(m);
  return backend;
}

bool any() { return !mounts.empty(); }

int id_of(File *f) {
  for (size_t i = 0; i < mounts.size(); i++)
    if (static_cast<Backend *>(mounts[i]) == f->getBackend()) return (int)i + 1;
  return 0;
}

bool readonly(File *f) { return mount_of(f) && mount_of(f)->readonly; }

int host_id(File *f) { return mount_of(f) ? mount_of(f)->host_id : 0; }

bool is_root(File *f) { return ::is_root(f); }

const std::string &name_of(File *f) { return *::name_of(f); }

bool host_path(File *f, std::string &out) { return ::host_path(f, out); }

int host_fd(File *f) {
  return f->kind == File::DataFileKind && mount_of(f) ? static_cast<MountFile *>(f)->open_fd() : -1;
}

int take_errno(int err) {
  int real = pending_errno && (err == EIO || err == EPERM || err == ENOENT) ? pending_errno : err;
  pending_errno = 0;
  return real;
}

}  // namespace qjsw_mounts

/* Called by mount_host.js for each directory entry. */
extern "C" EMSCRIPTEN_KEEPALIVE void qjsw_mount_add_entry(void *entries, const char *name,
                                                          int kind) {
  static_cast<std::vector<Directory::Entry> *>(entries)->push_back({name, File::FileKind(kind), 0});
}
