# Builds the Go commands of a pinned Hyperledger release into the tool cache,
# for install.sh (Fabric) and install-ca.sh (Fabric CA); sourced, never run.
# After the operator's own binaries (each installer checks those), the routes
# are, in order, each announced in one line on stderr:
#   a build cached by an earlier run (from either route below);
#   the source archive: a `git archive` with the vendor/ tree, checked against
#     the pinned SHA-256 and built with no network (air-gapped sites, and
#     machines whose Go proxy refuses github.com/hyperledger);
#   go install at the pinned commit (wherever the Go proxy serves the module).
# A build directory is complete only once its .complete stamp is written,
# after the last step, so an interrupted build is redone rather than half used.
# shellcheck shell=bash

announce() { printf '[%s] %s\n' "$PART" "$*" >&2; }

# pinned_build NAME MODULE COMMIT ARCHIVE_SHA256 ARCHIVE KEEP PKG... — prints
# the directory of a complete build ($dir/bin, and the source folder KEEP
# unless it is ""), building it the first time: from ARCHIVE when it is set,
# otherwise with go install.
pinned_build() {
  local name="$1" module="$2" commit="$3" pinned="$4" archive="$5" keep="$6" build
  shift 6
  local from_archive="$PUJIANG_CACHE/$name/archive-${pinned:0:16}"
  local from_module="$PUJIANG_CACHE/$name/commit-${commit:0:12}"
  for build in "$from_archive" "$from_module"; do
    if build_complete "$build" "$keep" "$@"; then
      announce "route: cached build $build"
      echo "$build"
      return 0
    fi
  done
  if [ -n "$archive" ]; then
    build_from_archive "$name" "$archive" "$pinned" "$from_archive" "$keep" "$@" || return 1
    echo "$from_archive"
  else
    build_with_go_install "$name" "$module" "$commit" "$from_module" "$keep" "$@" || return 1
    echo "$from_module"
  fi
}

# The stamp, and every binary and kept folder asked for: a build made when
# the list was shorter is made again.
build_complete() {
  local dir="$1" keep="$2" pkg
  shift 2
  [ -f "$dir/.complete" ] || return 1
  [ -z "$keep" ] || [ -d "$dir/$keep" ] || return 1
  for pkg in "$@"; do [ -x "$dir/bin/$(basename "$pkg")" ] || return 1; done
}

build_from_archive() {
  local name="$1" archive="$2" pinned="$3" dest="$4" keep="$5" actual work
  shift 5
  [ -f "$archive" ] || { echo "$name source archive $archive: no such file" >&2; return 1; }
  command -v go >/dev/null || { echo "go not found: Go builds $name" >&2; return 1; }
  actual="$(sha256sum "$archive" | cut -d' ' -f1)"
  if [ "$actual" != "$pinned" ]; then
    echo "$name source archive $archive has SHA-256 $actual, but this project pins $pinned: refusing to build it" >&2
    return 1
  fi
  announce "route: building $name from the source archive $archive (once)"
  work="$dest.partial"
  rm -rf "$work" && mkdir -p "$work/src" "$work/bin"
  tar -xzf "$archive" -C "$work/src"
  # Vendored modules only: this build never touches the network.
  (cd "$work/src" && GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 \
    go build -trimpath -o "$work/bin/" "${@/#/./}") >&2 || return 1
  [ -z "$keep" ] || cp -r "$work/src/$keep" "$work/$keep"
  rm -rf "$work/src"
  finish_build "$work" "$dest"
}

build_with_go_install() {
  local name="$1" module="$2" commit="$3" dest="$4" keep="$5" work module_dir pkg
  shift 5
  command -v go >/dev/null || { echo "go not found: Go builds $name" >&2; return 1; }
  announce "route: go install $module/…@$commit (once)"
  work="$dest.partial"
  rm -rf "$work" && mkdir -p "$work/bin"
  local targets=()
  for pkg in "$@"; do targets+=("$module/$pkg@$commit"); done
  # cgo is only needed for optional build tags (PKCS#11, SQLite).
  if ! CGO_ENABLED=0 GOBIN="$work/bin" GONOSUMDB="$module" go install "${targets[@]}" >&2; then
    echo "go install of $name failed. Where the Go proxy refuses github.com/hyperledger modules," \
      "build from the source archive instead (see the README)" >&2
    return 1
  fi
  if [ -n "$keep" ]; then
    module_dir="$(go list -m -mod=mod -f '{{.Dir}}' "$module@$commit")"
    cp -r "$module_dir/$keep" "$work/$keep" && chmod -R u+w "$work/$keep"
  fi
  finish_build "$work" "$dest"
}

finish_build() {
  rm -rf "$2"
  touch "$1/.complete"
  mv "$1" "$2"
}
