/* What vm.c (contexts and their runs) and vm_module.c (node:vm's modules) share. */
#ifndef QJSW_VM_H
#define QJSW_VM_H

#include "quickjs.h"
#include "ffi/qts.h"

/* A vm call's `timeout`: the nearest deadline of the calls under way, in the runtime's state
   (its interrupt handler stops the guest there). */
typedef struct VMDeadline {
  QTSRuntimeState *state;
  double saved, deadline;
} VMDeadline;

/* run()'s flags (vm.c); compile of a module takes the import ones too */
enum {
  VM_RUN_COMPILE_ONLY = 1,
  VM_RUN_WRAPPER_LINE = 2,
  VM_RUN_AFTER_EVALUATE = 4,
  VM_RUN_IMPORT_MISSING = 8,
  VM_RUN_IMPORT_MISSING_FLAG = 16,
};

VMDeadline qjsw_vm_deadline_begin(JSRuntime *rt, double timeout);
int qjsw_vm_deadline_end(JSRuntime *rt, VMDeadline *d);
JSValue qjsw_vm_run_own_jobs(JSContext *ctx, JSContext *job_ctx, JSValue ret);

/* vm_module.c: module(op, ...) of a context, and its wrapper class */
JSValue qjsw_vm_module(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);
int qjsw_vm_module_class_init(JSRuntime *rt);

#endif
