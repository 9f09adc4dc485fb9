# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Shared by kind-up.sh, kind-verify.sh and kind-down.sh: names and small helpers.

CLUSTER=${SHOP_KIND_CLUSTER:-hardened-shop}
# kind: Istio (STRICT mTLS, per-RPC AuthorizationPolicies); kind-app-mtls: the services' own mTLS.
OVERLAY=${SHOP_KIND_OVERLAY:-kind}
NAMESPACE=shop
# Secrets are generated on this machine into this folder (git-ignored) and never committed.
WORK=.kind
APPS=(gateway auth order payment inventory)
TAG=$(node -p "require('./package.json').version")

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'kind: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is required: $2"; }

# kubectl against the kind cluster only, whatever the current context is.
k() { kubectl --context "kind-$CLUSTER" "$@"; }

uses_istio() { [ "$OVERLAY" = kind ]; }
# kind-vault: Vault (dev server) and its Agent Injector from HashiCorp's helm chart render the
# services' files. The chart version is pinned; check `helm search repo hashicorp/vault --versions`.
uses_vault() { [ "$OVERLAY" = kind-vault ]; }
VAULT_CHART_VERSION=${SHOP_VAULT_CHART_VERSION:-0.31.0}
VAULT_NAMESPACE=vault
