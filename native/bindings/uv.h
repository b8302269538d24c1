#ifndef QJSW_UV_H
#define QJSW_UV_H

/* The negative libuv error number (as Node reports it on Linux) for an errno of
   the Emscripten libc. */
int qjsw_uv_errno(int wasi_errno);

/* Its code name ('ENOENT'), or 'UNKNOWN'. */
const char *qjsw_errno_name(int wasi_errno);

#endif
