/*
 * What the fs binding reads from the in-memory tree directly (native/wasmfs/memory_backend.cpp)
 * instead of through a syscall that copies it.
 */
#ifndef QJSW_MEMORY_TREE_H
#define QJSW_MEMORY_TREE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A child's name, as the directory holds it, and its dirent type (DT_REG, DT_DIR, DT_LNK). */
typedef struct {
  const char *name;
  size_t len;
  unsigned char type;
} QjswDirentView;

/* The children of the in-memory directory `path` names (links followed), in creation order,
   without "." and "..": a malloc'd array of views (*count of them; free it) into the
   directory's own names, valid until the tree next changes. Returns 0, or -1 when `path` is
   not such a directory, or has mount points among its children: the caller then lists it the
   generic way, which also reports its errors. */
int qjsw_memory_list(const char *path, QjswDirentView **out, size_t *count);

#ifdef __cplusplus
}
#endif

#endif
