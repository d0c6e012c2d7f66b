#!/usr/bin/env bash
# Prints the home of a Java 25 JDK (DCSA's Conformance Framework needs it):
# JAVA25_HOME when set, else Temurin 25 where Debian/Adoptium install it.
set -euo pipefail
for home in "${JAVA25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
  if [ -n "$home" ] && [ -x "$home/bin/java" ]; then echo "$home"; exit 0; fi
done
echo "[dcsa-conformance] no Java 25 found: set JAVA25_HOME (Temurin 25)" >&2
exit 1
