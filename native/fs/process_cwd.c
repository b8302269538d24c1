/*
 * The working directory as the host sees it. WasmFS has one for the whole Wasm module, while
 * each sandbox on the module (a child process, a worker) has its own: the host saves the
 * running sandbox's and sets the next one's whenever it enters another (Sandbox.claimStdio).
 */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "ffi/qts.h"

QTS_EXPORT const char *qjsw_cwd_get(void) {
  static char buf[PATH_MAX];
  return getcwd(buf, sizeof buf) ? buf : "";
}

QTS_EXPORT int qjsw_cwd_set(const char *path) { return chdir(path) == 0 ? 0 : -errno; }
