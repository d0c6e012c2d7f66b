#!/bin/sh
# Builds the chaincode's Fabric package of type ccaas, reproducibly (fixed owners,
# times and order, gzip without a timestamp): the package id is its sha256.
#   package-chaincode.sh LABEL ADDRESS OUT_DIR  ->  OUT_DIR/chaincode.tar.gz, OUT_DIR/label,
#   OUT_DIR/collections_config.json (the private data collections of the definition)
set -eu
label="$1" address="$2" out="$3"
work="$(mktemp -d)"
mkdir -p "$out"
printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$address" > "$work/connection.json"
printf '{"type":"ccaas","label":"%s"}\n' "$label" > "$work/metadata.json"
pack() { tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n; }
pack connection.json > "$work/code.tar.gz"
pack metadata.json code.tar.gz > "$out/chaincode.tar.gz"
printf '%s\n' "$label" > "$out/label"
cp "$(dirname "$0")/../../chaincode/collections_config.json" "$out/collections_config.json"
rm -rf "$work"
