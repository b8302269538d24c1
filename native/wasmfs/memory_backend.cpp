/*
 * The in-memory file tree (WasmFS's root backend), with a storage bound.
 *
 * Emscripten's own memory backend keeps a file's contents in a std::vector and grows it
 * without limit; built without exceptions, a growth that malloc cannot satisfy aborts the
 * whole instance (appendFileSync in a loop did so at 128 MB), and a guest could make the
 * host hold gigabytes however small its heap limit. Here contents live in malloc'd blocks:
 * growth is checked against the module's storage limit and a failed allocation is an error,
 * both ENOSPC as on a full tmpfs. Each file, directory and symlink also costs a fixed amount
 * (its objects, directory entry and name), so millions of empty files are bounded as well.
 *
 * What is counted is what is allocated (a file's capacity, which grows by half again so that
 * small appends stay linear), and it is given back when a file shrinks or its last reference
 * goes: an unlinked file that is still open keeps its bytes until it is closed. Mounted host
 * directories and /opfs are other backends and are not counted (the host's disk applies).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <list>
#include <string_view>
#include <unordered_map>

#include <emscripten/emscripten.h>

#include "backend.h"
#include "file.h"
#include "wasmfs.h"

#include "paths.h"
#include "wasmfs/memory_tree.h"
#include "wasmfs/storage.h"

namespace {

using namespace wasmfs;

/* A file's or directory's objects, its shared_ptr block, its entry in the parent and a name
   of up to NAME_MAX (255) bytes. */
constexpr uint64_t kNodeCost = 512;

/* The default bound: an eighth of the 2 GiB Wasm memory may hold, leaving room for the heap
   and for reading a whole file back (a second copy) or growing one (realloc may copy). */
uint64_t limit = uint64_t(256) << 20;
uint64_t used;
/* The backend of the tree's directories (there is one StoredBackend). */
backend_t storedBackend;
/* The last insertion was refused for want of room (see qjsw_storage_errno). */
bool refused;

bool fits(uint64_t n) { return n <= limit && used <= limit - n; }

class StoredFile : public DataFile {
  uint8_t *data = nullptr;
  size_t size = 0, capacity = 0;

  int open(oflags_t) override { return 0; }
  int close() override { return 0; }
  int flush() override { return 0; }
  off_t getSize() override { return size; }

  /* Moves the block to `cap` bytes (>= size); false when malloc cannot. */
  bool resize(size_t cap) {
    if (cap == capacity) return true;
    void *p = cap ? realloc(data, cap) : (free(data), nullptr);
    if (cap && !p) return false;
    used = used - capacity + cap;
    data = static_cast<uint8_t *>(p);
    capacity = cap;
    return true;
  }

  /* Room for `want` bytes: 0, or -ENOSPC over the limit or when malloc fails. */
  int reserve(uint64_t want) {
    if (want <= capacity) return 0;
    if (want > SIZE_MAX) return -EFBIG;
    uint64_t grown = uint64_t(capacity) + capacity / 2;
    if (grown > want && fits(grown - capacity) && grown <= SIZE_MAX && resize(size_t(grown)))
      return 0;
    if (!fits(want - capacity) || !resize(size_t(want))) return -ENOSPC;
    return 0;
  }

  /* A file cut to under half its block gives the rest back. */
  void release() {
    if (size < capacity / 2) (void)resize(size);
  }

  ssize_t write(const uint8_t *buf, size_t len, off_t offset) override {
    if (offset < 0) return -EINVAL;
    uint64_t end = uint64_t(offset) + len;
    if (end > size) {
      if (int err = reserve(end)) return err;
      if (uint64_t(offset) > size) memset(data + size, 0, size_t(offset) - size);
      size = size_t(end);
    }
    if (len) memcpy(data + offset, buf, len);
    return ssize_t(len);
  }

  ssize_t read(uint8_t *buf, size_t len, off_t offset) override {
    if (offset < 0 || uint64_t(offset) >= size) return 0;
    if (len > size - size_t(offset)) len = size - size_t(offset);
    memcpy(buf, data + offset, len);
    return ssize_t(len);
  }

  int setSize(off_t n) override {
    if (n < 0) return -EINVAL;
    if (uint64_t(n) > size) {
      if (int err = reserve(uint64_t(n))) return err;
      memset(data + size, 0, size_t(n) - size);
    }
    size = size_t(n);
    release();
    return 0;
  }

public:
  StoredFile(mode_t mode, backend_t backend) : DataFile(mode, backend) { used += kNodeCost; }
  ~StoredFile() override {
    free(data);
    used -= capacity + kNodeCost;
  }
};

class StoredSymlink : public Symlink {
  const std::string target;
  std::string getTarget() const override { return target; }

public:
  StoredSymlink(const std::string &target, backend_t backend) : Symlink(backend), target(target) {
    used += kNodeCost + target.size();
  }
  ~StoredSymlink() override { used -= kNodeCost + target.size(); }
};

template <class T> std::shared_ptr<T> refuse() {
  refused = true;
  return nullptr;
}

/* A directory of the tree: its children in creation order (what readdir lists, as
   Emscripten's MemoryDirectory), found by name or by File through two indexes. MemoryDirectory
   compares every name on each lookup, and a path walk looks up each component, so resolving a
   path in a node_modules of a thousand packages cost a thousand string compares. */
class StoredDirectory : public Directory {
  struct Entry {
    std::string name;
    std::shared_ptr<File> child;
  };
  using Entries = std::list<Entry>;
  Entries entries;
  std::unordered_map<std::string_view, Entries::iterator> byName; /* views of entries' names */
  std::unordered_map<const File *, Entries::iterator> byFile;

  template <class T>
  std::shared_ptr<T> insertChild(const std::string &name, std::shared_ptr<T> child) {
    auto it = entries.insert(entries.end(), Entry{name, child});
    byName.emplace(it->name, it);
    byFile.emplace(it->child.get(), it);
    return child;
  }

  void erase(Entries::iterator it) {
    byName.erase(it->name);
    byFile.erase(it->child.get());
    entries.erase(it);
  }

  std::shared_ptr<File> getChild(const std::string &name) override { return find(name); }

  std::shared_ptr<DataFile> insertDataFile(const std::string &name, mode_t mode) override {
    if (!fits(kNodeCost)) return refuse<DataFile>();
    return insertChild(name, getBackend()->createFile(mode));
  }
  std::shared_ptr<Directory> insertDirectory(const std::string &name, mode_t mode) override {
    if (!fits(kNodeCost)) return refuse<Directory>();
    return insertChild(name, getBackend()->createDirectory(mode));
  }
  std::shared_ptr<Symlink> insertSymlink(const std::string &name,
                                         const std::string &target) override {
    if (!fits(kNodeCost + target.size())) return refuse<Symlink>();
    return insertChild(name, getBackend()->createSymlink(target));
  }

  /* As MemoryDirectory: out of its old directory (the same backend: rename checks), over
     whatever had the name here; WasmFS then sets the parent. */
  int insertMove(const std::string &name, std::shared_ptr<File> file) override {
    auto from = std::static_pointer_cast<StoredDirectory>(file->locked().getParent());
    if (auto it = from->byFile.find(file.get()); it != from->byFile.end()) from->erase(it->second);
    (void)removeChild(name);
    insertChild(name, file);
    return 0;
  }

  int removeChild(const std::string &name) override {
    if (auto it = byName.find(name); it != byName.end()) {
      it->second->child->locked().setParent(nullptr);
      erase(it->second);
    }
    return 0;
  }

  ssize_t getNumEntries() override { return ssize_t(entries.size()); }

  Directory::MaybeEntries getEntries() override {
    std::vector<Directory::Entry> result;
    result.reserve(entries.size());
    for (auto &[name, child] : entries) result.push_back({name, child->kind, child->getIno()});
    return {result};
  }

  std::string getName(std::shared_ptr<File> file) override {
    auto it = byFile.find(file.get());
    return it == byFile.end() ? "" : it->second->name;
  }

  bool maintainsFileIdentity() override { return true; }

public:
  StoredDirectory(mode_t mode, backend_t backend) : Directory(mode, backend) { used += kNodeCost; }
  ~StoredDirectory() override { used -= kNodeCost; }

  size_t size() const { return entries.size(); }
  template <class F> void forEach(F each) const {
    for (auto &[name, child] : entries) each(name, child->kind);
  }

  std::shared_ptr<File> find(std::string_view name) {
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : it->second->child;
  }
};

class StoredBackend : public Backend {
public:
  std::shared_ptr<DataFile> createFile(mode_t mode) override {
    return std::make_shared<StoredFile>(mode, this);
  }
  std::shared_ptr<Directory> createDirectory(mode_t mode) override {
    return std::make_shared<StoredDirectory>(mode, this);
  }
  std::shared_ptr<Symlink> createSymlink(std::string target) override {
    return std::make_shared<StoredSymlink>(target, this);
  }
};

}  // namespace

/* WasmFS asks for its root backend once, while it starts (a weak C++ hook of wasmfs.cpp). */
namespace wasmfs {
backend_t wasmfs_create_root_dir(void) {
  storedBackend = wasmFS.addBackend(std::make_unique<StoredBackend>());
  return storedBackend;
}

/* The path walk's lookup (wasmfs-patches/006): a child of an in-memory directory found in its
   index, skipping WasmFS's generic lookup (the unlinked check, the cache probe with a name
   copied into a std::string, re-setting the parent). nullptr for anything else: another
   backend's directory, "." and "..", a name the directory lacks (it may be a mount point, which
   only WasmFS's cache knows). */
std::shared_ptr<File> qjswStoredChild(const std::shared_ptr<Directory> &dir,
                                      std::string_view name) {
  if (dir->getBackend() != storedBackend || name == "." || name == "..") return nullptr;
  return static_cast<StoredDirectory *>(dir.get())->find(name);
}
}  // namespace wasmfs

extern "C" {

EMSCRIPTEN_KEEPALIVE void qjsw_storage_set_limit(double bytes) {
  limit = bytes < 0 || bytes >= 18e18 ? UINT64_MAX : uint64_t(bytes);
}

EMSCRIPTEN_KEEPALIVE double qjsw_storage_used(void) { return double(used); }

EMSCRIPTEN_KEEPALIVE double qjsw_storage_limit(void) {
  return limit == UINT64_MAX ? -1 : double(limit);
}

int qjsw_memory_list(const char *path, QjswDirentView **out, size_t *count) {
  auto parsed = path::parseFile(path);
  if (parsed.getError()) return -1;
  auto dir = parsed.getFile()->dynCast<Directory>();
  if (!dir || dir->getBackend() != storedBackend) return -1;
  auto *stored = static_cast<StoredDirectory *>(dir.get());
  /* WasmFS counts mount points with the backend's entries; only its cache names them */
  if (dir->locked().getNumEntries() != ssize_t(stored->size())) return -1;
  size_t room = stored->size() ? stored->size() : 1;
  auto *views = static_cast<QjswDirentView *>(malloc(room * sizeof(QjswDirentView)));
  if (!views) return -1;
  size_t n = 0;
  stored->forEach([&](const std::string &name, File::FileKind kind) {
    unsigned char type = kind == File::DataFileKind    ? DT_REG
                         : kind == File::DirectoryKind ? DT_DIR
                         : kind == File::SymlinkKind   ? DT_LNK
                                                       : DT_UNKNOWN;
    views[n++] = {name.c_str(), name.size(), type};
  });
  *out = views;
  *count = n;
  return 0;
}

int qjsw_storage_errno(int err) {
  int real = refused && (err == EIO || err == EPERM) ? ENOSPC : err;
  refused = false;
  return real;
}

}  // extern "C"
