/*
 * The in-memory file tree's storage bound (native/wasmfs/memory_backend.cpp). The tree belongs to
 * the Wasm module, so the bound is the module's, shared by every sandbox created in it.
 */
#ifndef QJSW_STORAGE_H
#define QJSW_STORAGE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the most bytes the in-memory tree may hold (file contents plus a fixed cost per file,
   directory and symlink); a negative limit means no bound but Wasm memory itself. Exported
   to the host. */
void qjsw_storage_set_limit(double limit);

/* Bytes the in-memory tree holds now, and its limit (-1: none). Exported to the host. */
double qjsw_storage_used(void);
double qjsw_storage_limit(void);

/* WasmFS turns a backend's refusal to create a file, directory or symlink into EIO or EPERM.
   Given such an errno right after the storage bound refused one, returns ENOSPC; any other
   errno comes back unchanged. */
int qjsw_storage_errno(int err);

#ifdef __cplusplus
}
#endif

#endif
