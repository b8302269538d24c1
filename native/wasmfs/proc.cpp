/*
 * The sandbox's /proc: only /proc/sys/kernel/hostname, the name os.hostname() returns. As in
 * Linux, a procfs file stats as an empty regular file and still reads its text, so code that
 * reads a file by its stat size alone gets nothing, as it would on Linux. /proc/sys is mounted
 * read-only in containers, so opening the file for writing is EROFS. Each run starts with the
 * file restored (qjsw_proc_reset, from qjsw_stdio_reset), whatever the last guest removed.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"
#include "wasmfs.h"

extern "C" void qjsw_proc_reset(void);

namespace {

using namespace wasmfs;

class ProcFile : public DataFile {
  const char *const text;

  int open(oflags_t flags) override { return (flags & O_ACCMODE) == O_RDONLY ? 0 : -EROFS; }
  int close() override { return 0; }
  ssize_t read(uint8_t *buf, size_t len, off_t offset) override {
    size_t size = strlen(text);
    if (offset < 0 || (size_t)offset >= size) return 0;
    size_t n = size - offset < len ? size - offset : len;
    memcpy(buf, text + offset, n);
    return n;
  }
  ssize_t write(const uint8_t *, size_t, off_t) override { return -EBADF; }
  int flush() override { return 0; }
  off_t getSize() override { return 0; }
  int setSize(off_t) override { return -EROFS; }

public:
  ProcFile(const char *text) : DataFile(S_IRUGO | S_IWUSR, NullBackend, S_IFREG), text(text) {}
};

/*
 * The directory `name` of `parent`, made (or remade, where something else holds the name). Only
 * in the in-memory tree: a host directory mounted on the way is the host's, and left alone.
 */
std::shared_ptr<Directory> directory(std::shared_ptr<Directory> parent, const char *name) {
  auto locked = parent->locked();
  auto entry = locked.getChild(name);
  if (entry && entry->getBackend() != parent->getBackend()) return nullptr;
  if (auto dir = entry ? entry->dynCast<Directory>() : nullptr) return dir;
  if (entry) (void)locked.removeChild(name);
  return locked.insertDirectory(name, S_IRUGO | S_IXUGO);
}

}  // namespace

extern "C" void qjsw_proc_reset(void) {
  static std::shared_ptr<DataFile> hostname = std::make_shared<ProcFile>("localhost\n");
  auto dir = wasmFS.getRootDirectory();
  for (const char *name : {"proc", "sys", "kernel"}) {
    if (!dir) return;
    dir = directory(dir, name);
  }
  if (!dir) return;
  auto locked = dir->locked();
  auto entry = locked.getChild("hostname");
  if (entry == hostname) return;
  if (entry) (void)locked.removeChild("hostname");
  locked.mountChild("hostname", hostname);
}
