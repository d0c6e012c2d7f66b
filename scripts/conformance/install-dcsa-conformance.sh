#!/usr/bin/env bash
# Builds DCSA's Conformance Framework (test/conformance runs it against our eBL
# platform) from the source archive shipped beside the repository, once per
# archive: the build is cached under its pinned SHA-256 and reused after.
# The archive's path comes from DCSA_CONFORMANCE_SOURCE_ARCHIVE (.ci/run sets it
# from ../shared); the repository holds none of DCSA's source.
# Prints the build directory: jar/ (the runnable framework) and keys/ (the
# framework's own test keys, which its carrier and platforms sign with).
set -euo pipefail
PUJIANG_CACHE="${PUJIANG_CACHE:-$HOME/.cache/pujiang}"
# `git archive` of dcsaorg/Conformance-Gateway at 283bf7a1dcbcd9ea8fa6a25230af7c45c136e892.
PINNED_SHA256=c1f3dd0319172a4a32a261dfdf6ee832cac74eb361aca3a0d625cc8f71da9936
BUILD="$PUJIANG_CACHE/dcsa-conformance/archive-${PINNED_SHA256:0:16}"
say() { echo "[dcsa-conformance] $*" >&2; }

if [ -f "$BUILD/.complete" ]; then echo "$BUILD"; exit 0; fi

archive="${DCSA_CONFORMANCE_SOURCE_ARCHIVE:-}"
if [ -z "$archive" ] || [ ! -f "$archive" ]; then
  say "DCSA_CONFORMANCE_SOURCE_ARCHIVE is not set or names no file (${archive:-unset}); cannot build the framework"
  exit 1
fi
actual="$(sha256sum "$archive" | cut -d' ' -f1)"
if [ "$actual" != "$PINNED_SHA256" ]; then
  say "$archive has SHA-256 $actual, but this project pins $PINNED_SHA256: refusing to build it"
  exit 1
fi
java_home="$(bash "$(dirname "${BASH_SOURCE[0]}")/java25-home.sh")"

say "building the framework from $archive (once; about a minute plus Maven downloads)"
work="$BUILD.partial"
rm -rf "$work" && mkdir -p "$work/src" "$work/jar" "$work/keys"
tar -xzf "$archive" -C "$work/src"
(cd "$work/src" && JAVA_HOME="$java_home" PATH="$java_home/bin:$PATH" \
  ./mvnw -B -q -pl spring-boot -am install -DskipTests &&
  ./mvnw -B -q -pl spring-boot package spring-boot:repackage -DskipTests) >&2
# One runnable jar with its dependencies (spring-boot:repackage), so a run needs no Maven.
cp "$work/src/spring-boot/target/spring-boot-1.0.0-SNAPSHOT.jar" "$work/jar/conformance.jar"
# The framework's carrier and sending platform sign with fixed test keys kept in
# its source; our directory must know them, and our tests authenticate as them.
cp "$work/src/ebl/src/main/java/org/dcsa/conformance/standards/ebl/crypto/PayloadSignerFactory.java" "$work/keys/"
cp "$work/src/LICENSE" "$work/LICENSE"
rm -rf "$work/src"
touch "$work/.complete"
rm -rf "$BUILD" && mv "$work" "$BUILD"
say "built: $BUILD"
echo "$BUILD"
