#!/usr/bin/env bash
# Removes the training cluster and the secrets generated for it (.kind/).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/kind-lib.sh
source scripts/kind-lib.sh
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation"

if kind get clusters | grep -qx "$CLUSTER"; then
  kind delete cluster --name "$CLUSTER"
else
  echo "no kind cluster named $CLUSTER"
fi
rm -rf "$WORK"
echo "removed $WORK (the generated secrets and the rendered manifests)"
