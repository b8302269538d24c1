// The `stock-opfs` row of `npm run bench:browser`: Emscripten's own WasmFS OPFS backend
// (wasmfs_create_opfs_backend(), as shipped in the toolchain the Makefile uses), mounted at /opfs
// and driven with plain POSIX open/read/write/close. Built as its own small Wasm module with
// -sWASMFS -sJSPI (Makefile target bench-browser-deps, output build/bench/stock-opfs.mjs); every
// export that reaches OPFS suspends through JSPI, so the worker calls them with await.
//
// The scenarios mirror scripts/bench/browser-scenarios.mjs (the sandbox guests' loops):
//   0 readFileSync-100B   100 files of 100 bytes; each op opens one (O_RDONLY), fstat()s it, reads
//                         its whole content and closes it; the files are taken in turn
//   1 writeFileSync-100B  each op opens one of those files O_WRONLY|O_CREAT|O_TRUNC, writes 100
//                         bytes and closes it
//   2 read-16MiB          each op reads one 16 MiB file whole (open, fstat, read, close)
//   3 write-16MiB         each op rewrites it whole (open with O_TRUNC, write, close)
//   4 create-new-100B     each op creates a never-seen file (O_CREAT|O_EXCL), writes 100 bytes and
//                         closes it; each batch gets a fresh directory, removed untimed afterwards
// bench_run() times its loop with emscripten_get_now() (performance.now()) and returns the
// milliseconds, or -1 with bench_error() set.
//
// What this backend does under JSPI (3.1.69, no pthreads), which the numbers reflect: an O_RDONLY
// open takes a Blob snapshot (getFile()) and each read() is an async slice().arrayBuffer(); a
// writable open gets an emulated "async access handle", so every write() and every truncation
// (O_TRUNC) is its own createWritable({ keepExistingData: true }) + write + close, i.e. a copy of
// the file to a swap file and a commit. The benchmark never lists a directory: in this version
// readdir() on the OPFS mount fails with EIO (the backend's get_entries uses stringToUTF8OnStack
// without depending on it, and the ReferenceError is caught as an I/O error), and a file removed
// from OPFS behind WasmFS's back gives EIO, not ENOENT, on stat()/open().
#include <emscripten.h>
#include <emscripten/wasmfs.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROOT "/opfs/stock-bench"
#define SMALL_COUNT 100
#define SMALL_SIZE 100
#define BIG_SIZE (16 * 1024 * 1024)

enum { READ_SMALL, WRITE_SMALL, READ_BIG, WRITE_BIG, CREATE_NEW, SCENARIOS };

static char error_text[256];
static unsigned char small_data[SMALL_SIZE];
static unsigned char small_buf[SMALL_SIZE + 16];
static unsigned char* big_data;
static unsigned char* big_buf;
static unsigned next_small;
static unsigned batch_counter;
static unsigned last_batch_files;
static volatile unsigned sink;

static int fail(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(error_text, sizeof error_text, fmt, ap);
  va_end(ap);
  return -1;
}

EMSCRIPTEN_KEEPALIVE const char* bench_error(void) { return error_text; }

static void small_path(char* out, size_t size, unsigned i) {
  snprintf(out, size, ROOT "/small/f%02u.txt", i);
}

static int write_whole(const char* path, const unsigned char* data, size_t len, int extra_flags) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | extra_flags, 0644);
  if (fd < 0) return fail("open %s for writing: %s", path, strerror(errno));
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(fd, data + done, len - done);
    if (n <= 0) {
      int e = errno;
      close(fd);
      return fail("write %s: %s", path, n < 0 ? strerror(e) : "wrote nothing");
    }
    done += (size_t)n;
  }
  if (close(fd) != 0) return fail("close %s: %s", path, strerror(errno));
  return 0;
}

// Like Node's readFileSync: open, fstat for the size, read until that size or EOF, close.
static ssize_t read_whole(const char* path, unsigned char* buf, size_t cap) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return fail("open %s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return fail("fstat %s: %s", path, strerror(e));
  }
  size_t want = (size_t)st.st_size < cap ? (size_t)st.st_size : cap;
  size_t done = 0;
  while (done < want) {
    ssize_t n = read(fd, buf + done, want - done);
    if (n < 0) {
      int e = errno;
      close(fd);
      return fail("read %s: %s", path, strerror(e));
    }
    if (n == 0) break;
    done += (size_t)n;
  }
  if (close(fd) != 0) return fail("close %s: %s", path, strerror(errno));
  return (ssize_t)done;
}

static int make_dir(const char* path) {
  if (mkdir(path, 0755) != 0 && errno != EEXIST) return fail("mkdir %s: %s", path, strerror(errno));
  return 0;
}

static int remove_dir(const char* path) {
  if (rmdir(path) != 0 && errno != ENOENT) return fail("rmdir %s: %s", path, strerror(errno));
  return 0;
}

static void fill(unsigned char* p, size_t len, unsigned seed) {
  for (size_t i = 0; i < len; i++) p[i] = (unsigned char)((i * 31 + 7 + seed) & 255);
}

static int check_big(const unsigned char* p, size_t len) {
  if (len != BIG_SIZE) return fail("16 MiB file read back %zu bytes", len);
  if (memcmp(p, big_data, BIG_SIZE) != 0) return fail("16 MiB file content differs");
  return 0;
}

static int big_buffers(void) {
  if (!big_data) {
    big_data = malloc(BIG_SIZE);
    big_buf = malloc(BIG_SIZE);
    if (!big_data || !big_buf) return fail("out of memory for the 16 MiB buffers");
    fill(big_data, BIG_SIZE, 0);
  }
  return 0;
}

// Mounts the stock backend at /opfs (the whole Origin Private File System).
EMSCRIPTEN_KEEPALIVE int bench_init(void) {
  backend_t backend = wasmfs_create_opfs_backend();
  if (!backend) return fail("wasmfs_create_opfs_backend() returned null");
  if (wasmfs_create_directory("/opfs", 0777, backend) != 0) return fail("mount /opfs: %s", strerror(errno));
  fill(small_data, SMALL_SIZE, 1);
  return make_dir(ROOT);
}

EMSCRIPTEN_KEEPALIVE int bench_setup(int scenario) {
  char path[128];
  switch (scenario) {
    case READ_SMALL:
    case WRITE_SMALL:
      if (make_dir(ROOT "/small")) return -1;
      for (unsigned i = 0; i < SMALL_COUNT; i++) {
        small_path(path, sizeof path, i);
        if (write_whole(path, small_data, SMALL_SIZE, 0)) return -1;
      }
      for (unsigned i = 0; i < SMALL_COUNT; i++) {
        small_path(path, sizeof path, i);
        ssize_t n = read_whole(path, small_buf, sizeof small_buf);
        if (n < 0) return -1;
        if (n != SMALL_SIZE || memcmp(small_buf, small_data, SMALL_SIZE) != 0) {
          return fail("%s read back %zd bytes, not what was written", path, n);
        }
      }
      next_small = 0;
      return 0;
    case READ_BIG:
    case WRITE_BIG: {
      if (big_buffers()) return -1;
      if (write_whole(ROOT "/big.bin", big_data, BIG_SIZE, 0)) return -1;
      ssize_t n = read_whole(ROOT "/big.bin", big_buf, BIG_SIZE);
      if (n < 0) return -1;
      return check_big(big_buf, (size_t)n);
    }
    case CREATE_NEW:
      batch_counter = 0;
      last_batch_files = 0;
      return 0;
  }
  return fail("no scenario %d", scenario);
}

static int remove_batch_dir(void) {
  char path[128];
  for (unsigned i = 0; i < last_batch_files; i++) {
    snprintf(path, sizeof path, ROOT "/new%u/n%u.txt", batch_counter, i);
    if (unlink(path) != 0) return fail("unlink %s: %s", path, strerror(errno));
  }
  snprintf(path, sizeof path, ROOT "/new%u", batch_counter);
  last_batch_files = 0;
  return remove_dir(path);
}

EMSCRIPTEN_KEEPALIVE double bench_run(int scenario, int n) {
  char path[128];
  double t0 = 0, t1 = 0;
  switch (scenario) {
    case READ_SMALL: {
      unsigned total = 0, k = next_small;
      t0 = emscripten_get_now();
      for (int i = 0; i < n; i++) {
        small_path(path, sizeof path, k);
        k = k + 1 == SMALL_COUNT ? 0 : k + 1;
        ssize_t got = read_whole(path, small_buf, sizeof small_buf);
        if (got < 0) return -1;
        total += (unsigned)got;
      }
      t1 = emscripten_get_now();
      next_small = k;
      sink += total;
      if (total != (unsigned)n * SMALL_SIZE) return fail("read %u bytes in %d ops", total, n);
      break;
    }
    case WRITE_SMALL: {
      unsigned k = next_small;
      t0 = emscripten_get_now();
      for (int i = 0; i < n; i++) {
        small_path(path, sizeof path, k);
        k = k + 1 == SMALL_COUNT ? 0 : k + 1;
        if (write_whole(path, small_data, SMALL_SIZE, 0)) return -1;
      }
      t1 = emscripten_get_now();
      next_small = k;
      break;
    }
    case READ_BIG: {
      size_t total = 0;
      t0 = emscripten_get_now();
      for (int i = 0; i < n; i++) {
        ssize_t got = read_whole(ROOT "/big.bin", big_buf, BIG_SIZE);
        if (got < 0) return -1;
        total += (size_t)got;
      }
      t1 = emscripten_get_now();
      if (total != (size_t)n * BIG_SIZE) return fail("read %zu bytes in %d ops", total, n);
      break;
    }
    case WRITE_BIG:
      t0 = emscripten_get_now();
      for (int i = 0; i < n; i++) {
        if (write_whole(ROOT "/big.bin", big_data, BIG_SIZE, 0)) return -1;
      }
      t1 = emscripten_get_now();
      break;
    case CREATE_NEW:
      batch_counter++;
      snprintf(path, sizeof path, ROOT "/new%u", batch_counter);
      if (make_dir(path)) return -1;
      t0 = emscripten_get_now();
      for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, ROOT "/new%u/n%u.txt", batch_counter, i);
        if (write_whole(path, small_data, SMALL_SIZE, O_EXCL)) return -1;
        last_batch_files = (unsigned)i + 1;
      }
      t1 = emscripten_get_now();
      if (remove_batch_dir()) return -1;
      break;
    default:
      return fail("no scenario %d", scenario);
  }
  return t1 - t0;
}

// Removes what bench_setup() created, through the backend (so WasmFS's view stays right).
EMSCRIPTEN_KEEPALIVE int bench_teardown(int scenario) {
  char path[128];
  switch (scenario) {
    case READ_SMALL:
    case WRITE_SMALL:
      for (unsigned i = 0; i < SMALL_COUNT; i++) {
        small_path(path, sizeof path, i);
        if (unlink(path) != 0 && errno != ENOENT) return fail("unlink %s: %s", path, strerror(errno));
      }
      return remove_dir(ROOT "/small");
    case READ_BIG:
    case WRITE_BIG:
      if (unlink(ROOT "/big.bin") != 0 && errno != ENOENT) return fail("unlink big.bin: %s", strerror(errno));
      return 0;
    case CREATE_NEW:
      return last_batch_files ? remove_batch_dir() : 0;
  }
  return fail("no scenario %d", scenario);
}

// Removes the bench's root directory itself (after every scenario's teardown).
EMSCRIPTEN_KEEPALIVE int bench_finish(void) { return remove_dir(ROOT); }
