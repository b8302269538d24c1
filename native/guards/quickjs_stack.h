/*
 * Force-included into QuickJS's own sources (see QUICKJS_CFLAGS in the Makefile).
 *
 * QuickJS checks for stack overflow by comparing a frame address with a limit. In Wasm that
 * address is on the shadow stack, which C recursion with no address-taken locals does not
 * move, while every Wasm frame still uses the host engine's native stack (about 984 KB in V8).
 * So recursion through native code (JSON.parse of deep nesting, toJSON returning new objects)
 * ran into V8's limit first, and the RangeError thrown through the Wasm frames left the
 * instance corrupt.
 *
 * Its frame-address read becomes the address of a small local buffer instead. The read is
 * inlined into every function that checks the stack, so each such frame now reserves these
 * bytes of shadow stack: any recursion that checks the stack at every level advances the
 * shadow stack, and QuickJS's own limit ("stack overflow", catchable) comes first.
 *
 * 256 bytes, with the 384 KiB default limit (QTS_DEFAULT_MAX_STACK_SIZE), keeps every
 * recursion measured (plain calls, getters, toJSON, JSON.stringify, Array.prototype.flat) at
 * less than 2/3 of V8's stack, in a fresh process as well as after tier-up. Recursion in the
 * parser (source nested ~1000 deep) and in JSON.parse does not pass a check at every level:
 * both have their own guard (source_depth.c for what the sandbox compiles, json_guard.c).
 */
#ifndef QJSW_QUICKJS_STACK_H
#define QJSW_QUICKJS_STACK_H

#define QJSW_STACK_CHECK_FRAME 256

#define __builtin_frame_address(level)                \
  ({                                                  \
    volatile char qjsw_frame[QJSW_STACK_CHECK_FRAME]; \
    (void *)qjsw_frame;                               \
  })

#endif
