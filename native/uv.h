#ifndef QJSW_UV_H
#define QJSW_UV_H

/* The negative libuv error number (as Node reports it on Linux) for an errno of
   the Emscripten libc. */
int qjsw_uv_errno(int wasi_errno);

#endif
