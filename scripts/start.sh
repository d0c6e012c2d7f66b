#!/usr/bin/env bash
# The whole system on this machine: dependencies, the stack (PostgreSQL, Kafka,
# Fabric with the chaincode), then the four services.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=node-env.sh
source "$ROOT/scripts/node-env.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/stack/up.sh"
bash "$ROOT/scripts/services.sh" up
