# quickjs-wasmfs: toolchain, Wasm build, demo and tests.
#   make demo   set up what is missing, build, run a guest that writes and reads a file
#   make test   set up what is missing, build, run every test
#   make conformance   Node 20's own test/parallel files, in Node and in the sandbox, per group
#   make bench-browser-deps   the stock WasmFS OPFS module `npm run bench:browser` compares against
SHELL := /bin/bash
.DEFAULT_GOAL := build

CACHE ?= $(CURDIR)/.cache
export QJSW_CACHE := $(CACHE)
-include $(CACHE)/toolchain.mk

OUT := build
comma := ,
OBJ := $(OUT)/obj
GEN := $(OUT)/gen
WASM_DIR := $(OUT)/wasm
WASM_JS := $(WASM_DIR)/quickjs-wasmfs.mjs
WASM := $(WASM_DIR)/quickjs-wasmfs.wasm
FFI_TS := runtime/generated/ffi.ts
NATIVE_TS := runtime/generated/native.ts

QUICKJS_SRCS := quickjs.c libregexp.c libunicode.c cutils.c dtoa.c
QUICKJS_OBJS := $(addprefix $(OBJ)/quickjs/,$(QUICKJS_SRCS:.c=.o))
# QuickJS as fetched, plus our patches (native/quickjs-patches/NNN-*.patch, applied in order):
# the build compiles this copy, never the cache's pristine tree.
QUICKJS_PATCHES := $(sort $(wildcard native/quickjs-patches/*.patch))
QJS_SRC := $(OUT)/quickjs-src
# zlib and brotli for node:zlib (native/bindings/zlib.c): the orig tarballs of Debian 13's source
# packages, pinned by sha256, fetched into the cache and unpacked into the build tree.
ZLIB_DEB := zlib=1:1.3.dfsg+really1.3.1-1+deb13u1
ZLIB_ORIG := zlib_1.3.dfsg+really1.3.1.orig.tar.gz
ZLIB_SHA256 := 60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb
BROTLI_DEB := brotli=1.1.0-2+deb13u1
BROTLI_ORIG := brotli_1.1.0.orig.tar.gz
BROTLI_SHA256 := 10973f4b4199eafa1d5735ef661ddb2ec2f97319ee9fd1824d4aabe08cff5265
ZLIB_DIR := $(OUT)/third_party/zlib
BROTLI_DIR := $(OUT)/third_party/brotli
# what deflate/inflate need: no gz* file API, no compress/uncompress helpers, no infback
ZLIB_SRCS := adler32.c crc32.c deflate.c inflate.c inffast.c inftrees.c trees.c zutil.c
ZLIB_OBJS := $(addprefix $(OBJ)/zlib/,$(ZLIB_SRCS:.c=.o))
BROTLI_SRCS := $(addprefix common/,constants.c context.c dictionary.c platform.c shared_dictionary.c transform.c) \
  $(addprefix dec/,bit_reader.c decode.c huffman.c state.c) \
  $(addprefix enc/,backward_references.c backward_references_hq.c bit_cost.c block_splitter.c \
    brotli_bit_stream.c cluster.c command.c compound_dictionary.c compress_fragment.c \
    compress_fragment_two_pass.c dictionary_hash.c encode.c encoder_dict.c entropy_encode.c \
    fast_log.c histogram.c literal_cost.c memory.c metablock.c static_dict.c utf8_util.c)
BROTLI_OBJS := $(addprefix $(OBJ)/brotli/,$(BROTLI_SRCS:.c=.o))
# CLEANUP_ON_OOM: out of memory is an error the encoder returns; its default is exit().
BROTLI_CFLAGS = $(OPT) -w -Wno-version-check -DBROTLI_ENCODER_CLEANUP_ON_OOM -I$(BROTLI_DIR)/c/include
ZLIB_CFLAGS = $(OPT) -w -Wno-version-check
# WasmFS's sources that our patches (native/wasmfs-patches/NNN-*.patch) touch, patched into
# a copy and linked ahead of -sWASMFS's library, whose objects of the same name they replace.
WASMFS_DIR = $(dir $(EMCC))system/lib/wasmfs
WASMFS_PATCHES := $(sort $(wildcard native/wasmfs-patches/*.patch))
WASMFS_PATCHED := syscalls.cpp paths.cpp
WASMFS_SRC := $(OUT)/wasmfs-src
WASMFS_OBJS := $(addprefix $(OBJ)/wasmfs/,$(WASMFS_PATCHED:.cpp=.o))
NATIVE_SRCS := $(filter-out native/tools/%,$(wildcard native/*/*.c))
# C++ only where an Emscripten interface is C++ (WasmFS backends: native/wasmfs/mount_backend.cpp)
NATIVE_CXX_SRCS := $(wildcard native/*/*.cpp)
NATIVE_OBJS := $(patsubst native/%.c,$(OBJ)/native/%.o,$(NATIVE_SRCS)) \
  $(patsubst native/%.cpp,$(OBJ)/native/%.o,$(NATIVE_CXX_SRCS)) $(OBJ)/gen/builtins.o
MODULE_SRCS := $(shell find modules bundles -name '*.js' 2>/dev/null)

EMCC_ENV := $(if $(EM_CONFIG_FILE),EM_CONFIG=$(EM_CONFIG_FILE)) EM_FROZEN_CACHE=1
OPT ?= -O2 -mbulk-memory
# CONFIG_STACK_CHECK: QuickJS turns its stack limit off under Emscripten; we keep it so deep
# recursion is a catchable error instead of a trashed Wasm stack.
CFLAGS := $(OPT) -D_GNU_SOURCE -DCONFIG_VERSION=\"2025-04-26\" -DCONFIG_STACK_CHECK \
  -I$(QJS_SRC) -Inative -Wno-version-check
QUICKJS_CFLAGS := $(CFLAGS) -w -include native/guards/quickjs_stack.h
NATIVE_CFLAGS := $(CFLAGS) -Wall -Wno-unused-parameter
# WasmFS's backend headers are internal to Emscripten (system/lib/wasmfs), not installed.
NATIVE_CXXFLAGS := $(OPT) -std=c++17 -fno-exceptions -fno-rtti -Wall -Wno-unused-parameter \
  -Wno-version-check -Inative -I$(dir $(EMCC))system/lib/wasmfs
# IMPORTED_MEMORY: the loader makes the Wasm memory (16 MiB, growable to 2 GiB, as the stock
# variants) or takes the caller's, so newVariant(QuickJSWasmFSVariant, { wasmMemory }) works.
LDFLAGS := $(OPT) -Wno-version-check --no-entry \
  -sWASMFS -sMODULARIZE -sEXPORT_ES6 -sEXPORT_NAME=createQuickJSWasmFS \
  -sENVIRONMENT=web,worker,node -sALLOW_MEMORY_GROWTH -sIMPORTED_MEMORY -sSTACK_SIZE=2MB \
  -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0 -sDYNAMIC_EXECUTION=0 \
  -sEXPORTED_FUNCTIONS=@$(GEN)/exports.json \
  -sEXPORTED_RUNTIME_METHODS=cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8,HEAP8,HEAPU8,HEAP16,HEAPU16,HEAP32,HEAPU32,HEAPF32,HEAPF64 \
  --pre-js native/glue/pre.js --js-library native/glue/host_callbacks.js --js-library native/wasmfs/mount_host.js --js-library $(GEN)/native_constants.js \
  --emit-symbol-map

.PHONY: setup toolchain deps test-deps browser build wasm ts demo test conformance bench-browser-deps clean distclean format format-check
setup: toolchain deps

toolchain:
	@scripts/setup-toolchain.sh

browser:
	@scripts/setup-browser.sh

deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# jest 30's resolver runs in the sandbox (whose process.arch is wasm32) as its WASI build, a
# package npm installs only on wasm32 machines: fetched by npm, pinned here, unpacked beside the
# rest (its dependencies are devDependencies). For the real-tools test.
UNRS_WASI := @unrs/resolver-binding-wasm32-wasi@1.12.2
UNRS_WASI_TGZ := unrs-resolver-binding-wasm32-wasi-1.12.2.tgz
UNRS_WASI_SHA256 := 1c6bd64327da2787cf3867f700c39b0979a71e43f491ccbc4d541e87484fa4ef
UNRS_WASI_DIR := node_modules/@unrs/resolver-binding-wasm32-wasi

$(CACHE)/downloads/$(UNRS_WASI_TGZ):
	@mkdir -p $(@D)
	cd $(@D) && npm pack $(UNRS_WASI) --silent >/dev/null

test-deps: $(UNRS_WASI_DIR)/.unpacked
$(UNRS_WASI_DIR)/.unpacked: $(CACHE)/downloads/$(UNRS_WASI_TGZ) node_modules/.package-lock.json
	echo "$(UNRS_WASI_SHA256)  $<" | sha256sum -c --quiet
	@rm -rf $(@D) && mkdir -p $(@D)
	tar -xzf $< -C $(@D) --strip-components=1
	@touch $@

build: setup
	@$(MAKE) --no-print-directory wasm ts

wasm: $(WASM_JS) $(FFI_TS)

$(GEN)/exports.json $(GEN)/native_constants.js $(FFI_TS) $(NATIVE_TS) &: scripts/gen-ffi.mjs native/journal/journal.h native/wasmfs/mount_internal.h \
  node_modules/.package-lock.json
	node scripts/gen-ffi.mjs $(GEN) $(FFI_TS)

# The builtins' bytecode comes from a compiler linked from the same QuickJS objects.
BUILTIN_COMPILER := $(OUT)/tools/compile-builtin.mjs
$(BUILTIN_COMPILER): $(QUICKJS_OBJS) $(OBJ)/tools/compile_builtin.o
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) -O0 -Wno-version-check -sMODULARIZE -sEXPORT_ES6 -sENVIRONMENT=node \
	  -sALLOW_MEMORY_GROWTH -sSTACK_SIZE=1MB -sEXPORTED_FUNCTIONS=_malloc,_free \
	  -sEXPORTED_RUNTIME_METHODS=HEAPU8,HEAPU32 $^ -o $@

# bundles/ also take the npm packages they import (esbuild), hence the lock file.
$(GEN)/builtins.c: scripts/compile-builtins.mjs $(BUILTIN_COMPILER) $(MODULE_SRCS) node_modules/.package-lock.json
	node scripts/compile-builtins.mjs $(BUILTIN_COMPILER) modules $@ bundles

# The list of patches as a file that changes when one is added or removed: a removed patch
# leaves nothing newer behind, and the patched tree would keep it.
PATCH_LIST := $(OUT)/quickjs-patches.list
$(shell mkdir -p $(OUT); echo "$(QUICKJS_PATCHES)" | cmp -s - $(PATCH_LIST) || echo "$(QUICKJS_PATCHES)" > $(PATCH_LIST))

$(QJS_SRC)/.patched: $(QUICKJS_PATCHES) $(PATCH_LIST) $(QUICKJS_DIR)/quickjs.c
	@rm -rf $(QJS_SRC) && mkdir -p $(QJS_SRC)
	cp $(QUICKJS_DIR)/*.c $(QUICKJS_DIR)/*.h $(QJS_SRC)/
	@for p in $(QUICKJS_PATCHES); do echo "patch $$p"; \
	  patch -s -d $(QJS_SRC) -p1 --no-backup-if-mismatch <$$p || exit 1; done
	@# the compile cache's key names the bytecode format by the sources that define it
	@echo "#define QJSW_BYTECODE_ID \"$$(cat $(QJS_SRC)/*.c $(QJS_SRC)/*.h | sha256sum | cut -c1-32)\"" \
	  > $(QJS_SRC)/qjsw_bytecode_id.h
	@touch $@

# every object of ours includes quickjs.h: a patch rebuilds them all
$(OBJ)/quickjs/%.o: $(QJS_SRC)/.patched native/guards/quickjs_stack.h
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(QUICKJS_CFLAGS) -c $(QJS_SRC)/$*.c -o $@

$(WASMFS_SRC)/.patched: $(WASMFS_PATCHES) $(addprefix $(WASMFS_DIR)/,$(WASMFS_PATCHED))
	@rm -rf $(WASMFS_SRC) && mkdir -p $(WASMFS_SRC)
	cp $(addprefix $(WASMFS_DIR)/,$(WASMFS_PATCHED)) $(WASMFS_SRC)/
	@for p in $(WASMFS_PATCHES); do echo "patch $$p"; \
	  patch -s -d $(WASMFS_SRC) -p1 --no-backup-if-mismatch <$$p || exit 1; done
	@touch $@

# as Emscripten builds its libwasmfs (tools/system_libs.py), with our optimisation level
$(OBJ)/wasmfs/%.o: $(WASMFS_SRC)/.patched
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(OPT) -DNDEBUG -std=c++17 -fno-exceptions -w -Wno-version-check \
	  -I$(WASMFS_DIR) -I$(WASMFS_DIR)/../pthread -c $(WASMFS_SRC)/$*.cpp -o $@

$(CACHE)/downloads/$(ZLIB_ORIG):
	scripts/fetch-debian.sh source "$(ZLIB_DEB)" $(ZLIB_ORIG) $(ZLIB_SHA256) $(@D) >/dev/null

$(CACHE)/downloads/$(BROTLI_ORIG):
	scripts/fetch-debian.sh source "$(BROTLI_DEB)" $(BROTLI_ORIG) $(BROTLI_SHA256) $(@D) >/dev/null

# the sha256 is checked again here: the cache is shared, the pin is ours
$(ZLIB_DIR)/.unpacked: $(CACHE)/downloads/$(ZLIB_ORIG)
	echo "$(ZLIB_SHA256)  $<" | sha256sum -c --quiet
	@rm -rf $(@D) && mkdir -p $(@D)
	tar -xzf $< -C $(@D) --strip-components=1
	@touch $@

$(BROTLI_DIR)/.unpacked: $(CACHE)/downloads/$(BROTLI_ORIG)
	echo "$(BROTLI_SHA256)  $<" | sha256sum -c --quiet
	@rm -rf $(@D) && mkdir -p $(@D)
	tar -xzf $< -C $(@D) --strip-components=1
	@touch $@

$(OBJ)/zlib/%.o: $(ZLIB_DIR)/.unpacked
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(ZLIB_CFLAGS) -c $(ZLIB_DIR)/$*.c -o $@

$(OBJ)/brotli/%.o: $(BROTLI_DIR)/.unpacked
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(BROTLI_CFLAGS) -c $(BROTLI_DIR)/c/$*.c -o $@

$(OBJ)/native/bindings/zlib.o: NATIVE_CFLAGS += -I$(ZLIB_DIR) -I$(BROTLI_DIR)/c/include
$(OBJ)/native/bindings/zlib.o: $(ZLIB_DIR)/.unpacked $(BROTLI_DIR)/.unpacked
$(OBJ)/native/loader/builtin_unpack.o: NATIVE_CFLAGS += -I$(BROTLI_DIR)/c/include
$(OBJ)/native/loader/builtin_unpack.o: $(BROTLI_DIR)/.unpacked

$(OBJ)/native/%.o: native/%.c $(wildcard native/*/*.h) $(QJS_SRC)/.patched
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(NATIVE_CFLAGS) -c $< -o $@

$(OBJ)/native/%.o: native/%.cpp $(wildcard native/*/*.h) $(QJS_SRC)/.patched
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(NATIVE_CXXFLAGS) -c $< -o $@

$(OBJ)/tools/%.o: native/tools/%.c $(QJS_SRC)/.patched
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(NATIVE_CFLAGS) -c $< -o $@

$(OBJ)/gen/%.o: $(GEN)/%.c native/loader/builtins.h $(QJS_SRC)/.patched
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) $(NATIVE_CFLAGS) -c $< -o $@

$(WASM_JS): $(QUICKJS_OBJS) $(NATIVE_OBJS) $(WASMFS_OBJS) $(ZLIB_OBJS) $(BROTLI_OBJS) $(GEN)/exports.json $(GEN)/native_constants.js native/glue/pre.js native/glue/host_callbacks.js \
  native/wasmfs/mount_host.js native/glue/quickjs-wasmfs.d.mts
	@mkdir -p $(@D)
	@# binaryen 108's finalize prints its metadata to stdout: keep it out of the build log
	$(EMCC_ENV) $(EMCC) $(LDFLAGS) $(QUICKJS_OBJS) $(NATIVE_OBJS) $(WASMFS_OBJS) $(ZLIB_OBJS) $(BROTLI_OBJS) -o $@ > $(OUT)/link.log
	cp native/glue/quickjs-wasmfs.d.mts $(WASM_DIR)/
	@echo "wasm size: $$(stat -c %s $(WASM)) bytes ($$(gzip -9c $(WASM) | wc -c) gzipped), loader $$(stat -c %s $@) bytes"

# After the loader: the browser workers inline it.
ts: $(FFI_TS) $(NATIVE_TS) $(WASM_JS)
	npx unbuild > $(OUT)/unbuild.log 2>&1 || { cat $(OUT)/unbuild.log; exit 1; }

demo: build
	node scripts/demo.mjs
	node dist/cli.mjs run scripts/demo-app/main.js sandbox

# Emscripten's own OPFS backend (wasmfs_create_opfs_backend) in a separate small module, for the
# `stock-opfs` row of `npm run bench:browser`; JSPI, so the exports that reach OPFS return promises.
BENCH_DIR := $(OUT)/bench
STOCK_OPFS_JS := $(BENCH_DIR)/stock-opfs.mjs
STOCK_OPFS_EXPORTS := bench_init,bench_setup,bench_run,bench_teardown,bench_finish
bench-browser-deps: setup
	@$(MAKE) --no-print-directory $(STOCK_OPFS_JS)

$(STOCK_OPFS_JS): scripts/bench/stock_opfs.c
	@mkdir -p $(@D)
	$(EMCC_ENV) $(EMCC) -O2 -Wno-version-check -Wno-experimental -sWASMFS -sJSPI \
	  -sJSPI_EXPORTS=$(STOCK_OPFS_EXPORTS) -sENVIRONMENT=worker -sMODULARIZE -sEXPORT_ES6 \
	  -sEXPORT_NAME=createStockOpfs -sALLOW_MEMORY_GROWTH \
	  -sEXPORTED_FUNCTIONS=$(subst $(comma),$(comma)_,_$(STOCK_OPFS_EXPORTS)),_bench_error \
	  -sEXPORTED_RUNTIME_METHODS=UTF8ToString $< -o $@ > $(BENCH_DIR)/link.log

test: build browser test-deps
	@$(MAKE) --no-print-directory format-check
	npx tsc --noEmit
	npx vitest run --reporter=default --reporter=json --outputFile.json=$(OUT)/vitest.json; \
	  node scripts/test-summary.mjs $(OUT)/vitest.json

# The house style (.editorconfig, .prettierrc.json, .clang-format): format-check fails on a file
# that differs from it, `make format` rewrites such files. The guest's JS (modules/, Node's lib/
# layout, denser than prettier prints it) is held to the .editorconfig basics only.
# clang-format-19 comes with the toolchain (scripts/setup-toolchain.sh).
PRETTIER_FILES := "*.ts" "runtime/**/*.ts" "test/**/*.{ts,mjs,cjs,js}" "scripts/**/*.mjs" "native/**/*.js"
C_FILES = $(shell git ls-files 'native/*.c' 'native/*.h' 'native/*.cpp')
GUEST_JS = $(shell git ls-files 'modules/*.js' 'bundles/*.js')
format-check:
	npx prettier --check --log-level warn $(PRETTIER_FILES)
	clang-format-19 --dry-run --Werror $(C_FILES)
	@! grep -nE '[[:space:]]$$' $(GUEST_JS) || { echo "format-check: trailing whitespace above"; exit 1; }

format:
	npx prettier --write --log-level warn $(PRETTIER_FILES)
	clang-format-19 -i $(C_FILES)

# Node 20's own tests (test/parallel, fetched into the cache) in real Node and in the sandbox,
# per group (test/conformance/groups.json); writes build/conformance.json and README's table.
# CONFORMANCE_ARGS: e.g. "--groups fs,path", "--update-known".
conformance: build
	node scripts/conformance.mjs --readme $(CONFORMANCE_ARGS)

clean:
	rm -rf $(OUT) dist runtime/generated

distclean: clean
	rm -rf $(CACHE) node_modules
