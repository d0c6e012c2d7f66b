#!/bin/sh
# Entry point of the services image:
#   pujiang <service>           run the service (traceability, ledger, ebl, claims, vessels, supervision)
#   pujiang migrate <service>   apply the service's pending migrations and exit (migration Job)
set -eu
cd /app
main() { echo "dist/services/$1/services/$1/src/main.js"; }
# Traceability's live heap is ~80 MB while it captures, but with V8's defaults (a 64 MB young
# generation, an old generation let grow to several times what survives) its RSS passed
# 400 MB: a smaller young generation and a heap grown to twice what survives each full GC
# (decision 0045). scripts/services.sh gives the same flags.
flags() { case "$1" in traceability) echo "--max-semi-space-size=8 --heap-growing-percent=100" ;; esac; }
case "${1:-}" in
  migrate)
    service="${2:-}"
    [ -n "$service" ] && [ -f "$(main "$service")" ] || { echo "pujiang: unknown service '$service'" >&2; exit 64; }
    exec node dist/k8s/migrate.js "$service"
    ;;
  *)
    [ -n "${1:-}" ] && [ -f "$(main "$1")" ] || { echo "usage: pujiang <service> | pujiang migrate <service>" >&2; exit 64; }
    # shellcheck disable=SC2046 # the flags are words
    exec node $(flags "$1") "$(main "$1")"
    ;;
esac
