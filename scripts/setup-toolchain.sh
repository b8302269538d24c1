#!/usr/bin/env bash
# Provision everything the Wasm build needs, idempotently, into a gitignored cache, and write
# $cache/toolchain.mk for the Makefile: EMCC, EM_CONFIG and QUICKJS_DIR.
#
# - Emscripten 3.1.69 from Debian 13's `emscripten` package (extracted, never installed), run with
#   Debian 12's clang-19/lld-19/llvm-19 and binaryen. An existing emsdk (EMSDK set, or an emcc
#   >= 3.1.69 on PATH) is used instead.
# - QuickJS 2025-04-26 from Debian 13's `quickjs` source package.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache=${QJSW_CACHE:-$root/.cache}
export QJSW_CACHE=$cache
mkdir -p "$cache"

EMSCRIPTEN_DEB_VERSION=3.1.69+dfsg-3
EMSCRIPTEN_DEB_SHA256=d2ac788b952c56ab6736b4db2ac0825aa63cfb4c08b8abaefe19e324779d1b2d
QUICKJS_SRC_VERSION=2025.04.26-1
QUICKJS_ORIG=quickjs_2025.04.26.orig.tar.xz
QUICKJS_ORIG_SHA256=ec81da5b3249ed648dbc7df4a1654988910e66a118d9b71cb63534216efcfbbe
ACORN_VERSION=8.12.1   # what emscripten 3.1.69's package.json asks for

log() { echo "setup: $*" >&2; }

version_ge() { # a b -> a >= b (dotted versions)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

apt_install() { # packages…
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]}"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

emcc="" em_config=""
if [ -n "${EMSDK:-}" ] && [ -x "$EMSDK/upstream/emscripten/emcc" ]; then
  emcc="$EMSDK/upstream/emscripten/emcc"
  log "using emsdk at $EMSDK"
elif command -v emcc >/dev/null 2>&1; then
  v=$(emcc --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)
  if [ -n "$v" ] && version_ge "$v" 3.1.69; then
    emcc=$(command -v emcc)
    log "using emcc $v from PATH"
  fi
fi

apt_install xz-utils ca-certificates python3 debian-archive-keyring patch
# the formatter `make format-check` runs on native/
apt_install clang-format-19

if [ -z "$emcc" ]; then
  apt_install clang-19 lld-19 llvm-19 binaryen
  emroot="$cache/emscripten-3.1.69/usr/share/emscripten"
  if [ ! -f "$emroot/emcc.py" ]; then
    deb=$("$here/fetch-debian.sh" binary "emscripten=$EMSCRIPTEN_DEB_VERSION" "$EMSCRIPTEN_DEB_SHA256" "$cache/downloads")
    log "extracting $(basename "$deb")"
    rm -rf "$cache/emscripten-3.1.69.tmp"
    dpkg -x "$deb" "$cache/emscripten-3.1.69.tmp"
    rm -rf "$cache/emscripten-3.1.69"
    mv "$cache/emscripten-3.1.69.tmp" "$cache/emscripten-3.1.69"
  fi
  # Emscripten's .js tools are CommonJS: keep a "type": "module" package.json above the cache
  # (this repository's) from reaching them.
  [ -f "$cache/package.json" ] || echo '{ "private": true, "type": "commonjs" }' >"$cache/package.json"
  # Emscripten's JS tools import acorn as an ES module: it must resolve by walking up from tools/.
  if [ ! -f "$cache/node_modules/acorn/package.json" ]; then
    log "installing acorn@$ACORN_VERSION for emscripten's JS optimizer"
    (cd "$cache" && npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund \
      "acorn@$ACORN_VERSION" >&2)
  fi
  em_config="$cache/em-config.py"
  cat >"$em_config.tmp" <<EOF
# Written by scripts/setup-toolchain.sh; only this project's builds read it.
LLVM_ROOT = '/usr/lib/llvm-19/bin'
BINARYEN_ROOT = '/usr'
NODE_JS = '$(command -v node)'
FROZEN_CACHE = True
CACHE = '$emroot/cache'
EOF
  mv "$em_config.tmp" "$em_config"
  emcc="$emroot/emcc"
fi

qjs_dir="$cache/quickjs/quickjs-2025.04.26"
if [ ! -f "$qjs_dir/quickjs.c" ]; then
  tarball=$("$here/fetch-debian.sh" source "quickjs=$QUICKJS_SRC_VERSION" "$QUICKJS_ORIG" "$QUICKJS_ORIG_SHA256" "$cache/downloads")
  rm -rf "$cache/quickjs"
  mkdir -p "$cache/quickjs"
  tar -xJf "$tarball" -C "$cache/quickjs"
fi

cat >"$cache/toolchain.mk" <<EOF
# Written by scripts/setup-toolchain.sh
EMCC := $emcc
EM_CONFIG_FILE := $em_config
QUICKJS_DIR := $qjs_dir
EOF
log "toolchain ready: $("${emcc}" --version 2>/dev/null | head -1 || echo "$emcc")"
