#!/bin/sh
# Entry point of the chaincode image:
#   chaincode serve        run the chaincode server with the id of the package in this image
#   chaincode export DIR   copy the package to DIR (the lifecycle Jobs install it from there)
set -eu
package=/package/chaincode.tar.gz
case "${1:-}" in
  serve)
    # Fabric's package id is <label>:<sha256 of the package file>.
    CORE_CHAINCODE_ID="$(cat /package/label):$(sha256sum "$package" | cut -d' ' -f1)"
    CORE_CHAINCODE_ADDRESS="${CORE_CHAINCODE_ADDRESS:-0.0.0.0:9999}"
    export CORE_CHAINCODE_ID CORE_CHAINCODE_ADDRESS
    cd /chaincode
    exec node node_modules/.bin/fabric-chaincode-node server
    ;;
  export)
    mkdir -p "${2:?usage: chaincode export DIR}"
    cp "$package" /package/label /package/collections_config.json "$2/"
    ;;
  *)
    echo "usage: chaincode serve | chaincode export DIR" >&2
    exit 64
    ;;
esac
