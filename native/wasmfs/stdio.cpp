/*
 * The guest's standard streams. WasmFS's own /dev/stdin, /dev/stdout and /dev/stderr (and fds
 * 0-2, open on them) read the host process's real stdin and print to its console: a guest
 * could read what was piped to the host, block it on a terminal, or write into a protocol the
 * host speaks on its stdio. Ours reach only the JS hooks of host_callbacks.js
 * (Module.qjswStdio: the sandbox's `stdin` option and output callbacks; without one, stdin is
 * empty and output is dropped), byte for byte, unbuffered.
 *
 * /dev/fd/0-2 name the same three files (WasmFS has no /dev/fd). A run starts with fds 0-2 and
 * these names restored (qjsw_stdio_reset), whatever the last guest closed or unlinked, and the
 * files of /proc with them (proc.cpp).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "file.h"
#include "file_table.h"
#include "wasmfs.h"

extern "C" {
int qjsw_stdio_read(int fd, uint8_t *buf, size_t len);
int qjsw_stdio_write(int fd, const uint8_t *buf, size_t len);
void qjsw_proc_reset(void);
}

namespace {

using namespace wasmfs;

class GuestStream : public DataFile {
  const int fd;

  int open(oflags_t) override { return 0; }
  int close() override { return 0; }
  ssize_t read(uint8_t *buf, size_t len, off_t) override {
    return fd == 0 ? qjsw_stdio_read(0, buf, len) : -EBADF;
  }
  ssize_t write(const uint8_t *buf, size_t len, off_t) override {
    return fd == 0 ? -EBADF : qjsw_stdio_write(fd, buf, len);
  }
  int flush() override { return 0; }
  off_t getSize() override { return 0; }
  int setSize(off_t) override { return -EINVAL; }

public:
  GuestStream(int fd)
      : DataFile(fd == 0 ? S_IRUSR | S_IRGRP | S_IROTH : S_IWUSR | S_IWGRP | S_IWOTH, NullBackend,
                 S_IFCHR),
        fd(fd) {
    seekable = false;
  }
};

std::shared_ptr<DataFile> stream(int fd) {
  static std::shared_ptr<DataFile> streams[3] = {std::make_shared<GuestStream>(0),
                                                 std::make_shared<GuestStream>(1),
                                                 std::make_shared<GuestStream>(2)};
  return streams[fd];
}

void place(std::shared_ptr<Directory> dir, const char *name, std::shared_ptr<DataFile> file) {
  auto locked = dir->locked();
  if (locked.getChild(name) == file) return;
  if (locked.getChild(name)) (void)locked.removeChild(name);
  locked.mountChild(name, file);
}

}  // namespace

static void reset_streams(void) {
  auto root = wasmFS.getRootDirectory();
  auto dev = root->locked().getChild("dev");
  auto devDir = dev ? dev->dynCast<Directory>() : nullptr;
  if (!devDir) {
    if (dev) (void)root->locked().removeChild("dev");
    devDir = root->locked().insertDirectory("dev", S_IRUGO | S_IXUGO);
  }
  if (devDir) {
    static const char *names[3] = {"stdin", "stdout", "stderr"};
    for (int fd = 0; fd < 3; fd++) place(devDir, names[fd], stream(fd));
    auto fdEntry = devDir->locked().getChild("fd");
    auto fdDir = fdEntry ? fdEntry->dynCast<Directory>() : nullptr;
    if (!fdDir) {
      if (fdEntry) (void)devDir->locked().removeChild("fd");
      fdDir = devDir->locked().insertDirectory("fd", S_IRUGO | S_IXUGO);
    }
    if (fdDir) {
      static const char *digits[3] = {"0", "1", "2"};
      for (int fd = 0; fd < 3; fd++) place(fdDir, digits[fd], stream(fd));
    }
  }
  auto table = wasmFS.getFileTable().locked();
  for (int fd = 0; fd < 3; fd++) {
    std::shared_ptr<OpenFileState> open;
    if (OpenFileState::create(stream(fd), fd == 0 ? O_RDONLY : O_WRONLY, open) == 0)
      (void)table.setEntry(fd, open);
  }
}

/*
 * Before each run. /proc is made here, not at startup, so that a host directory can still be
 * mounted there when the sandbox is made.
 */
extern "C" EMSCRIPTEN_KEEPALIVE void qjsw_stdio_reset(void) {
  reset_streams();
  qjsw_proc_reset();
}

/* After WasmFS has made its tree (init_priority 100), before any guest runs. */
__attribute__((constructor)) static void qjsw_stdio_init(void) { reset_streams(); }
