#!/bin/sh
# Entry point of the services image:
#   pujiang <service>           run the service (traceability, ledger, ebl, claims, vessels, supervision)
#   pujiang migrate <service>   apply the service's pending migrations and exit (migration Job)
set -eu
cd /app
main() { echo "dist/services/$1/services/$1/src/main.js"; }
# Node flags of a service (decision 0045), from the one list scripts/services.sh also reads.
flags() { sed -n "s/^$1 //p" /app/node-flags; }
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
