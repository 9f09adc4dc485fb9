#!/usr/bin/env bash
# Brings the hardened shop up on a local kind cluster for training:
#   scripts/kind-up.sh                            # with Istio (overlay k8s/overlays/kind)
#   SHOP_KIND_OVERLAY=kind-app-mtls scripts/kind-up.sh   # no mesh: the services' own mTLS
#   SHOP_KIND_OVERLAY=kind-vault scripts/kind-up.sh      # no mesh; Vault Agents render the secrets
# Needs Docker, kind >= 0.24 (its CNI enforces NetworkPolicies), kubectl, node, and
# for the Istio overlay istioctl, for the Vault overlay helm and the vault CLI. Pulls
# postgres, redis, prometheus, Istio and Vault images and the Vault helm chart from the
# internet. Re-running it is safe: existing pieces are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/kind-lib.sh
source scripts/kind-lib.sh

need docker "https://docs.docker.com/get-docker/"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation"
need kubectl "https://kubernetes.io/docs/tasks/tools/"
need node "Node.js 20 (the repository's engines field)"
uses_istio && need istioctl "https://istio.io/latest/docs/setup/getting-started/#download"
uses_vault && need helm "https://helm.sh/docs/intro/install/"
uses_vault && need vault "the Vault CLI: https://developer.hashicorp.com/vault/install"
[ -d "k8s/overlays/$OVERLAY" ] || fail "no overlay k8s/overlays/$OVERLAY"

kind_version=$(kind version | sed -E 's/^kind v([0-9]+)\.([0-9]+).*/\1 \2/')
read -r major minor <<<"$kind_version"
if [ "$major" -eq 0 ] && [ "$minor" -lt 24 ]; then
  fail "kind $(kind version) is too old: NetworkPolicies are enforced from v0.24 on"
fi

step "cluster $CLUSTER"
if kind get clusters | grep -qx "$CLUSTER"; then
  echo "exists, kept"
else
  kind create cluster --name "$CLUSTER" --config k8s/kind/cluster.yaml
fi

step "images (tag $TAG), built here and loaded into the cluster"
# The Dockerfile (container issue) builds one app per APP build argument; platform-init
# is the one-shot tool that writes secrets and provisions the database.
for app in "${APPS[@]}" platform-init; do
  docker build --quiet --build-arg "APP=$app" --tag "hardened-shop/$app:$TAG" . >/dev/null
  kind load docker-image --name "$CLUSTER" "hardened-shop/$app:$TAG"
done

step "secrets: generated into $WORK/secrets on this machine, then one Secret per folder"
# platform-init (the container issue's init tool) writes every service's folder <service>/ and
# <service>-migrate/ in the layout the services read, and the PostgreSQL superuser password;
# the CA keys stay in $WORK/pki, on this machine only. Re-running renews SVIDs past half-life.
mkdir -p "$WORK/secrets" "$WORK/pki"
chmod 700 "$WORK" "$WORK/secrets" "$WORK/pki"
platform_init() {
  docker run --rm --user "$(id -u):$(id -g)" --network none \
    -e SECRETS_DIR=/run/secrets/shop -e SHOP_PKI_DIR=/run/pki \
    -e SHOP_DB_HOST=postgres -e SHOP_DB_PORT=5432 \
    -e SHOP_DB_ADMIN_PASSWORD_FILE=/run/secrets/shop/postgres/password \
    -v "$PWD/$WORK/secrets:/run/secrets/shop" -v "$PWD/$WORK/pki:/run/pki" \
    "hardened-shop/platform-init:$TAG" dist/apps/platform-init/src/main.js "$@"
}
mkdir -p "$WORK/secrets/postgres"
platform_init secrets
platform_init web-ca > "$WORK/web-ca.pem"

k create namespace "$NAMESPACE" --dry-run=client -o yaml | k apply -f - >/dev/null
for dir in "$WORK"/secrets/*/; do
  folder=$(basename "$dir")
  args=()
  # Secret keys cannot hold "/": tls/svid.pem is stored as tls__svid.pem and mounted back at its path.
  while IFS= read -r -d '' file; do
    relative=${file#"$dir"}
    args+=("--from-file=${relative//\//__}=$file")
  done < <(find "$dir" -type f -print0)
  k -n "$NAMESPACE" create secret generic "shop-$folder" "${args[@]}" --dry-run=client -o yaml | k apply -f - >/dev/null
  echo "secret shop-$folder (${#args[@]} files)"
done

if uses_istio; then
  step "Istio: istiod with the CNI plugin (no NET_ADMIN in the shop's pods) and native sidecars"
  k create namespace istio-system --dry-run=client -o yaml | k apply -f - >/dev/null
  k label namespace istio-system --overwrite pod-security.kubernetes.io/enforce=privileged >/dev/null
  istioctl install -y --context "kind-$CLUSTER" --set profile=minimal \
    --set components.cni.enabled=true \
    --set values.pilot.env.ENABLE_NATIVE_SIDECARS=true
fi

if uses_vault; then
  step "Vault $VAULT_CHART_VERSION (helm): a dev server (in memory) and the Agent Injector in namespace $VAULT_NAMESPACE"
  # The root token is made here and kept in $WORK (0600); the dev server holds it in its pod spec.
  [ -s "$WORK/vault-root-token" ] || (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$WORK/vault-root-token")
  helm repo add hashicorp https://helm.releases.hashicorp.com >/dev/null 2>&1 || true
  helm repo update hashicorp >/dev/null
  helm upgrade --install vault hashicorp/vault --kube-context "kind-$CLUSTER" \
    --namespace "$VAULT_NAMESPACE" --create-namespace --version "$VAULT_CHART_VERSION" \
    --set server.dev.enabled=true --set "server.dev.devRootToken=$(cat "$WORK/vault-root-token")" \
    --set injector.enabled=true --wait --timeout 5m
fi

step "apply k8s/overlays/$OVERLAY: data stores and the migrations Job first, then the services"
kubectl kustomize "k8s/overlays/$OVERLAY" > "$WORK/rendered.yaml"
k apply -f "$WORK/rendered.yaml" --selector 'app.kubernetes.io/component!=service'
k -n "$NAMESPACE" wait --for=condition=complete job/database-init --timeout=10m

if uses_vault; then
  step "Vault's own PostgreSQL login (vault/db-admin.sh, in the postgres pod), then vault/configure.sh kubernetes"
  k -n "$NAMESPACE" rollout status deployment/postgres --timeout=5m
  # Over the pod's socket as the superuser; the password file comes back here and leaves the pod.
  k -n "$NAMESPACE" exec -i deployment/postgres -- env PGHOST=/var/run/postgresql PGUSER=postgres \
    SHOP_DB_SUPERUSER_PASSWORD_FILE=/run/secrets/shop/postgres/password \
    SHOP_DB_ADMIN_PASSWORD_FILE=/tmp/vault-db-admin-password sh -s < vault/db-admin.sh
  (umask 077 && k -n "$NAMESPACE" exec deployment/postgres -- cat /tmp/vault-db-admin-password > "$WORK/vault-db-admin-password")
  k -n "$NAMESPACE" exec deployment/postgres -- rm -f /tmp/vault-db-admin-password
  k -n "$VAULT_NAMESPACE" port-forward svc/vault 18200:8200 >/dev/null 2>&1 &
  port_forward=$!
  trap 'kill "$port_forward" 2>/dev/null || true' EXIT
  for _ in $(seq 1 30); do VAULT_ADDR=http://127.0.0.1:18200 vault status >/dev/null 2>&1 && break; sleep 1; done
  VAULT_ADDR=http://127.0.0.1:18200 VAULT_TOKEN_FILE="$WORK/vault-root-token" \
    SHOP_SECRETS_SOURCE="$WORK/secrets" SHOP_DB_HOST="postgres.$NAMESPACE.svc.cluster.local" \
    SHOP_DB_ADMIN_USER=vault_admin SHOP_DB_ADMIN_PASSWORD_FILE="$WORK/vault-db-admin-password" \
    SHOP_NAMESPACE="$NAMESPACE" sh vault/configure.sh kubernetes
  kill "$port_forward"
  trap - EXIT
fi
k apply -f "$WORK/rendered.yaml"
for app in "${APPS[@]}"; do k -n "$NAMESPACE" rollout status "deployment/$app" --timeout=5m; done
k -n monitoring rollout status deployment/prometheus --timeout=5m 2>/dev/null || true

step "up"
cat <<MSG
The shop:        curl --cacert $WORK/web-ca.pem https://localhost:8443/api/v1/products
Prometheus:      kubectl --context kind-$CLUSTER -n monitoring port-forward svc/prometheus 9090
Check it:        scripts/kind-verify.sh   (each check prints its command and the expected answer)
Vault (kind-vault): kubectl --context kind-$CLUSTER -n $VAULT_NAMESPACE port-forward svc/vault 8200, token in $WORK/vault-root-token
Remove it all:   scripts/kind-down.sh
MSG
