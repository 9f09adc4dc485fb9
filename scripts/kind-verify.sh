#!/usr/bin/env bash
# Shows, on the running kind cluster, that each network control refuses what it
# must: prints every command (copy-paste it to try it by hand), what it printed,
# and PASS or FAIL against the expected answer. Run after scripts/kind-up.sh.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/kind-lib.sh
source scripts/kind-lib.sh
need kubectl "https://kubernetes.io/docs/tasks/tools/"

failures=0
# check <title> <expected regex> <command...>
check() {
  local title=$1 expected=$2
  shift 2
  printf '\n--- %s\n$ %s\n' "$title" "$*"
  local output
  output=$("$@" 2>&1)
  printf '%s\n' "$output"
  if grep -Eq "$expected" <<<"$output"; then
    echo "PASS (expected: /$expected/)"
  else
    echo "FAIL (expected: /$expected/)"
    failures=$((failures + 1))
  fi
}

ctx=(kubectl --context "kind-$CLUSTER" -n "$NAMESPACE")
# One gRPC call with an empty message, made with node inside a service's own container,
# so it leaves through that pod's network (and, with Istio, its sidecar). Without Istio it
# presents the pod's own SVID, as the service would. Prints the HTTP and gRPC status.
GRPC_CALL_JS='
const [target, path, mesh, me] = process.argv.slice(1);
const fs = require("fs"), http2 = require("http2");
const dir = "/run/secrets/shop/" + me + "/tls/";
const tls = mesh === "mesh" ? {} : { ca: fs.readFileSync(dir + "bundle.pem"), cert: fs.readFileSync(dir + "svid.pem"),
  key: fs.readFileSync(dir + "svid-key.pem"), checkServerIdentity: () => undefined };
const session = http2.connect((mesh === "mesh" ? "http://" : "https://") + target, tls);
session.on("error", (e) => { console.log("connection error", e.code); process.exit(0); });
const req = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers" });
let http = "", grpc = "", message = "";
const read = (h) => { grpc = h["grpc-status"] ?? grpc; message = decodeURIComponent(h["grpc-message"] ?? message); };
req.on("response", (h) => { http = h[":status"]; read(h); });
req.on("trailers", read);
req.on("error", (e) => { console.log("stream error", e.code); process.exit(0); });
req.on("close", () => { console.log("http " + http + " grpc-status " + grpc + " " + message); session.close(); });
req.setTimeout(5000, () => { console.log("timed out"); process.exit(0); });
req.end(Buffer.alloc(5));'
# shellcheck disable=SC2317  # called through check "$@"
grpc_call() {
  local from=$1 target=$2 path=$3 mode=mtls
  uses_istio && mode=mesh
  "${ctx[@]}" exec "deploy/$from" -c "$from" -- node -e "$GRPC_CALL_JS" "$target" "$path" "$mode" "$from"
}
# shellcheck disable=SC2317  # called through check "$@"
tcp_connect() {
  local from=$1 container=$2 host=$3 port=$4
  "${ctx[@]}" exec "deploy/$from" -c "$container" -- node -e "
    const c = require('net').connect($port, '$host', () => { console.log('connected'); process.exit(0); });
    c.setTimeout(3000, () => { console.log('timed out'); process.exit(0); });
    c.on('error', (e) => { console.log(e.code); process.exit(0); });"
}

check "allowed: gateway lists products on inventory (an edge of the topology)" \
  'grpc-status 0' grpc_call gateway inventory:50054 /shop.inventory.v1.InventoryService/ListProducts

if uses_istio; then
  check "AuthorizationPolicy: gateway may reach inventory, but not call ReserveStock (only order may)" \
    'grpc-status 7 RBAC: access denied' grpc_call gateway inventory:50054 /shop.inventory.v1.InventoryService/ReserveStock
  # istio-proxy (uid 1337) is not redirected through the sidecar: its traffic is plaintext.
  check "PeerAuthentication STRICT: plaintext from inside the mesh to order's gRPC port is refused" \
    'Recv failure|reset by peer|Empty reply' \
    "${ctx[@]}" exec deploy/gateway -c istio-proxy -- curl -sS -m 5 --http2-prior-knowledge http://order:50052/
  check "NetworkPolicy: payment opening auth's port (no edge) times out, below the mesh" \
    'timed out|Connection timed out' \
    "${ctx[@]}" exec deploy/payment -c istio-proxy -- curl -sS -m 3 http://auth:50051/
else
  check "in-app peer authorization (mTLS, SVID checked against the topology): gateway may not call ReserveStock" \
    'grpc-status 7' grpc_call gateway inventory:50054 /shop.inventory.v1.InventoryService/ReserveStock
  check "NetworkPolicy: payment opening auth's port (no edge) times out" \
    'timed out' tcp_connect payment payment auth 50051
fi
check "NetworkPolicy: no egress to the cloud metadata address, even for inventory" \
  'timed out' tcp_connect inventory inventory 169.254.169.254 80

if uses_vault; then
  # Vault's database engine names its logins v-<auth>-<role>-...; platform-init's static login is shop_order.
  check "Vault: order's db.json holds a short-lived login from Vault, with its lease" \
    '"user": "v-[^"]*order[^"]*".*"lease"' \
    bash -c "$(printf '%q ' "${ctx[@]}") exec deploy/order -c order -- cat /run/secrets/shop/order/db.json | tr -d '\n'"
  check "Vault: the service's own container holds no Kubernetes API token (only its agent does)" \
    'ENOENT' \
    "${ctx[@]}" exec deploy/order -c order -- node -e "require('fs').readdirSync('/var/run/secrets/kubernetes.io/serviceaccount')"
  check "NetworkPolicy: a service reaches Vault's API port 8200 only, not its cluster port 8201" \
    'timed out' tcp_connect gateway gateway vault.vault.svc.cluster.local 8201
fi

printf '\n%s\n' "$([ "$failures" -eq 0 ] && echo "all checks PASS" || echo "$failures check(s) FAIL")"
exit "$failures"
