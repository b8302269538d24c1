#!/usr/bin/env bash
# Fetch one pinned file from Debian 13 (trixie) without touching the system's apt state.
#
#   fetch-debian.sh binary <package>=<version> <sha256> <dest-dir>
#   fetch-debian.sh source <package>=<version> <orig-tarball-name> <sha256> <dest-dir>
#
# The mirror is read from the machine's own apt configuration (deb822 .sources files or the
# one-line sources.list format), so no host name is written into this repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${QJSW_CACHE:-$(cd "$here/.." && pwd)/.cache}
aptdir="$cache/apt"

die() { echo "fetch-debian: $*" >&2; exit 1; }

# First http(s) URI of a Debian (non-security) archive configured for apt.
debian_mirror() {
  local uri=""
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    uri=$(awk '
      BEGIN { RS=""; FS="\n" }
      {
        u=""; s=""; t=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { u = $i; sub(/^URIs:[ \t]*/, "", u) }
          if ($i ~ /^Suites:/) { s = $i }
          if ($i ~ /^Types:/)  { t = $i }
        }
        if (t ~ /deb/ && s !~ /security/ && u != "") { split(u, a, " "); if (a[1] ~ /\/debian\/?$/) { print a[1]; exit } }
      }' "$f")
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ]; then
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      uri=$(awk '$1 ~ /^deb(-src)?$/ && $0 !~ /security/ {
                   for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { if ($i ~ /\/debian\/?$/) { print $i; exit } else break } }' "$f")
      [ -n "$uri" ] && break
    done
  fi
  [ -n "$uri" ] || die "no Debian mirror found in /etc/apt sources"
  echo "${uri%/}"
}

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "missing $keyring (apt-get install debian-archive-keyring)"

apt_opts=(
  -o "Dir::Etc::sourcelist=$aptdir/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$aptdir/lists"
  -o "Dir::Cache=$aptdir/cache"
  -o "APT::Get::List-Cleanup=0"
  -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
)

prepare_apt() {
  mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
  local mirror
  mirror=$(debian_mirror)
  cat >"$aptdir/sources.list" <<EOF
deb [signed-by=$keyring] $mirror trixie main
deb-src [signed-by=$keyring] $mirror trixie main
EOF
  # One update per cache; a stale list only matters if the pinned version left the archive.
  if [ ! -f "$aptdir/lists/.updated" ] || [ -n "${QJSW_APT_REFRESH:-}" ]; then
    apt-get "${apt_opts[@]}" update -qq >&2 || die "apt-get update (trixie) failed"
    touch "$aptdir/lists/.updated"
  fi
}

check_sha() { # file sha
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || die "sha256 mismatch for $1: got $got, want $2"
}

mode=${1:-}
case "$mode" in
  binary)
    [ $# -eq 4 ] || die "usage: $0 binary pkg=ver sha256 dest"
    spec=$2 sha=$3 dest=$4
    mkdir -p "$dest"
    name=${spec%%=*}
    existing=$(ls "$dest"/"${name}"_*.deb 2>/dev/null | head -1 || true)
    if [ -n "$existing" ] && [ "$(sha256sum "$existing" | cut -d' ' -f1)" = "$sha" ]; then
      echo "$existing"; exit 0
    fi
    prepare_apt
    (cd "$dest" && apt-get "${apt_opts[@]}" download -qq "$spec" >&2) || {
      QJSW_APT_REFRESH=1 prepare_apt
      (cd "$dest" && apt-get "${apt_opts[@]}" download -qq "$spec" >&2) || die "apt-get download $spec failed"
    }
    deb=$(ls "$dest"/"${name}"_*.deb | head -1)
    check_sha "$deb" "$sha"
    echo "$deb"
    ;;
  source)
    [ $# -eq 5 ] || die "usage: $0 source pkg=ver orig-name sha256 dest"
    spec=$2 orig=$3 sha=$4 dest=$5
    mkdir -p "$dest"
    if [ -f "$dest/$orig" ] && [ "$(sha256sum "$dest/$orig" | cut -d' ' -f1)" = "$sha" ]; then
      echo "$dest/$orig"; exit 0
    fi
    prepare_apt
    # apt-get source fetches every file of the package (the .dsc, each orig component, the
    # .debian.tar.xz) and fails when any is missing; some mirrors hold only the orig tarballs,
    # and only the pinned one matters here, so a failure counts only when it is not there.
    (cd "$dest" && apt-get "${apt_opts[@]}" source --download-only -qq "$spec" >&2) || [ -f "$dest/$orig" ] || {
      QJSW_APT_REFRESH=1 prepare_apt
      (cd "$dest" && apt-get "${apt_opts[@]}" source --download-only -qq "$spec" >&2) || [ -f "$dest/$orig" ] ||
        die "apt-get source $spec failed"
    }
    check_sha "$dest/$orig" "$sha"
    echo "$dest/$orig"
    ;;
  *) die "usage: $0 binary|source …" ;;
esac
