#!/usr/bin/env bash
# Creates the Secrets and ConfigMaps that the manifests reference but git never holds
# (k8s/README.md lists them), with fresh random passwords and a new root key pair per
# Fabric CA. Idempotent: what exists is left alone, so running it again changes nothing.
#   create-secrets.sh            all namespaces of the consortium deployment (k8s/base)
# Needs kubectl (current context) and openssl. Production: back the CA keys up offline.
set -euo pipefail
PLATFORM=pujiang
FABRIC_NAMESPACES=(pujiang-orderer pujiang-org1 pujiang-org2 pujiang-regulator)
SERVICES=(traceability ledger ebl claims vessels supervision)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

exists() { kubectl get -n "$1" "$2" "$3" >/dev/null 2>&1; }
password() { openssl rand -hex 24; }
apply() { kubectl apply -f - >/dev/null; }
ensure_namespace() { kubectl create namespace "$1" --dry-run=client -o yaml | apply; }

# A CA's self-signed root (EC P-256, 10 years): Fabric CA signs identities and TLS with it.
ca_keypair() {
  local ns="$1"
  if exists "$ns" secret ca-keypair; then
    kubectl get -n "$ns" secret ca-keypair -o jsonpath='{.data.tls\.crt}' | base64 -d > "$WORK/$ns.crt"
    return
  fi
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/O=$ns/CN=ca.$ns" -keyout "$WORK/$ns.key" -out "$WORK/$ns.crt" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  kubectl create secret tls ca-keypair -n "$ns" --cert "$WORK/$ns.crt" --key "$WORK/$ns.key" \
    --dry-run=client -o yaml | apply
  echo "created $ns/ca-keypair"
}

for ns in "${FABRIC_NAMESPACES[@]}"; do
  ensure_namespace "$ns"
  ca_keypair "$ns"
  if ! exists "$ns" secret ca-admin; then
    kubectl create secret generic ca-admin -n "$ns" --from-literal=username=ca-admin \
      --from-literal=password="$(password)"
  fi
done

# Enrolment secrets: one per identity. Each service has its own (docs/decisions/0015):
# Org1, which registers the services' identities, holds it as `client-<service>` in its
# `enrollment` Secret, and the platform namespace as `fabric-enrollment-<service>`, which
# only that service's pods mount. A secret that exists on either side is kept.
declare -A service_secret
for service in "${SERVICES[@]}"; do
  known="$(kubectl get -n pujiang-org1 secret enrollment -o jsonpath="{.data.client-$service}" 2>/dev/null | base64 -d || true)"
  known="${known:-$(kubectl get -n "$PLATFORM" secret "fabric-enrollment-$service" -o jsonpath='{.data.secret}' 2>/dev/null | base64 -d || true)}"
  service_secret[$service]="${known:-$(password)}"
done
for ns in "${FABRIC_NAMESPACES[@]}"; do
  if ! exists "$ns" secret enrollment; then
    kubectl create secret generic enrollment -n "$ns" --from-literal=node="$(password)" \
      --from-literal=admin="$(password)"
  fi
done
# Org1's registrar Job reads every service's secret; added to an existing Secret as a patch.
for service in "${SERVICES[@]}"; do
  value="$(printf '%s' "${service_secret[$service]}" | base64 | tr -d '\n')"
  kubectl patch secret enrollment -n pujiang-org1 --type merge \
    -p "{\"data\":{\"client-$service\":\"$value\"}}" >/dev/null
done

# The regulator's registrar Job registers its inspector (docs/decisions/0035) with this
# secret; the supervision service that reads as it enrols with the same.
if [ -z "$(kubectl get -n pujiang-regulator secret enrollment -o jsonpath='{.data.client-inspector}' 2>/dev/null)" ]; then
  value="$(password | base64 | tr -d '\n')"
  kubectl patch secret enrollment -n pujiang-regulator --type merge \
    -p "{\"data\":{\"client-inspector\":\"$value\"}}" >/dev/null
fi

ensure_namespace "$PLATFORM"
for service in "${SERVICES[@]}"; do
  if ! exists "$PLATFORM" secret "fabric-enrollment-$service"; then
    kubectl create secret generic "fabric-enrollment-$service" -n "$PLATFORM" \
      --from-literal=secret="${service_secret[$service]}"
  fi
done

# Every namespace gets every organisation's CA certificate (public): TLS trust and MSPs.
cas=()
for ns in "${FABRIC_NAMESPACES[@]}"; do cas+=(--from-file="$ns.crt=$WORK/$ns.crt"); done
for ns in "$PLATFORM" "${FABRIC_NAMESPACES[@]}"; do
  kubectl create configmap fabric-cas -n "$ns" "${cas[@]}" --dry-run=client -o yaml | apply
done

# One role per service database; CloudNativePG sets the password, the pods use the uri.
for service in "${SERVICES[@]}"; do
  if ! exists "$PLATFORM" secret "db-$service"; then
    pw="$(password)"
    kubectl create secret generic "db-$service" -n "$PLATFORM" --type=kubernetes.io/basic-auth \
      --from-literal=username="$service" --from-literal=password="$pw" \
      --from-literal=uri="postgresql://$service:$pw@postgres-rw:5432/$service"
  fi
done
echo "secrets and CA certificates are in place; production also needs backup-s3 and consumer-tls (k8s/README.md)"
