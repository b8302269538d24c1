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
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten/emscripten.h>

#include "backend.h"
#include "file.h"
#include "memory_backend.h"
#include "wasmfs.h"

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

class StoredDirectory : public MemoryDirectory {
  std::shared_ptr<DataFile> insertDataFile(const std::string &name, mode_t mode) override {
    if (!fits(kNodeCost)) return refuse<DataFile>();
    return MemoryDirectory::insertDataFile(name, mode);
  }
  std::shared_ptr<Directory> insertDirectory(const std::string &name, mode_t mode) override {
    if (!fits(kNodeCost)) return refuse<Directory>();
    return MemoryDirectory::insertDirectory(name, mode);
  }
  std::shared_ptr<Symlink> insertSymlink(const std::string &name,
                                         const std::string &target) override {
    if (!fits(kNodeCost + target.size())) return refuse<Symlink>();
    return MemoryDirectory::insertSymlink(name, target);
  }

public:
  StoredDirectory(mode_t mode, backend_t backend) : MemoryDirectory(mode, backend) {
    used += kNodeCost;
  }
  ~StoredDirectory() override { used -= kNodeCost; }
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
  return wasmFS.addBackend(std::make_unique<StoredBackend>());
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

int qjsw_storage_errno(int err) {
  int real = refused && (err == EIO || err == EPERM) ? ENOSPC : err;
  refused = false;
  return real;
}

}  // extern "C"
