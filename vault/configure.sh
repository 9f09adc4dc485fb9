#!/bin/sh
# Configures a Vault server for the hardened shop (compose overlay or kind):
#  - the database secrets engine: one role per service, short-lived logins that
#    are members of the service's group role (the layout libs/persistence
#    leased-logins.ts creates locally), revoked by dropping them;
#  - KV v2 at kv/: signing keys, the HTTPS certificate, where the database is;
#  - one policy per service (vault/policies/<service>.hcl);
#  - AppRole (compose) or Kubernetes auth (kind), one role per service bound to
#    that service's policy only.
# POSIX sh on purpose: the compose overlay runs it in the Vault image (busybox sh).
#
# usage: vault/configure.sh approle|kubernetes
#
# Environment (VAULT_ADDR and VAULT_TOKEN as for the vault CLI, an admin token;
#   or VAULT_TOKEN_FILE, a file holding it, so the token stays out of the environment of the container):
#   SHOP_SECRETS_SOURCE         folder laid out like SECRETS_DIR (what the init
#                               generated): keys and certificates to store in KV
#   SHOP_DB_HOST, SHOP_DB_PORT  PostgreSQL as the services reach it
#   SHOP_DB_NAME                database (default shop); the group roles are <db>_<service>
#   SHOP_DB_ADMIN_USER          Vault's own PostgreSQL login (vault/db-admin.sh makes it); its
#   SHOP_DB_ADMIN_PASSWORD_FILE password is rotated by Vault at the end, so only Vault knows it
#   SHOP_DB_TTL, SHOP_DB_MAX_TTL  lease of a login (default 15m, at most 1h)
#   approle:    SHOP_APPROLE_OUT  folder for <service>/role-id and <service>/secret-id
#   kubernetes: KUBERNETES_HOST (default https://kubernetes.default.svc), SHOP_NAMESPACE (default shop),
#               SHOP_TOKEN_AUDIENCE (default vault: the audience of the pods' projected tokens)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
auth_method=${1:?usage: configure.sh approle|kubernetes}
case "$auth_method" in approle | kubernetes) ;; *) echo "unknown auth method '$auth_method' (approle or kubernetes)" >&2 && exit 2 ;; esac
command -v vault >/dev/null || { echo "configure.sh needs the vault CLI" >&2 && exit 1; }
if [ -n "${VAULT_TOKEN_FILE:-}" ]; then
  VAULT_TOKEN=$(cat "$VAULT_TOKEN_FILE")
  export VAULT_TOKEN
fi
source_dir=${SHOP_SECRETS_SOURCE:?SHOP_SECRETS_SOURCE must name the generated secrets folder}
db_host=${SHOP_DB_HOST:?} db_port=${SHOP_DB_PORT:-5432} db_name=${SHOP_DB_NAME:-shop}
db_ttl=${SHOP_DB_TTL:-15m} db_max_ttl=${SHOP_DB_MAX_TTL:-1h}

services="gateway auth order payment inventory"
database_services="auth order payment inventory"
schema_of() {
  case "$1" in order) echo orders ;; payment) echo payments ;; *) echo "$1" ;; esac
}

mounted() { vault secrets list | awk '{print $1}' | grep -qx "$1/"; }
auth_enabled() { vault auth list | awk '{print $1}' | grep -qx "$1/"; }

echo "== KV v2 at kv/: keys, certificates, connection settings"
mounted kv || vault secrets enable -path=kv kv-v2
vault kv put kv/shop/gateway/passport-signing-keys jwks=@"$source_dir/gateway/passport-signing-keys.json" >/dev/null
vault kv put kv/shop/gateway/https cert=@"$source_dir/gateway/https/cert.pem" key=@"$source_dir/gateway/https/key.pem" >/dev/null
vault kv put kv/shop/auth/access-token-keys jwks=@"$source_dir/auth/access-token-keys.json" >/dev/null
# Public material only: every gRPC service's policy may read it.
vault kv put kv/shop/public/passport-verify-keys jwks=@"$source_dir/order/passport-verify-keys.json" >/dev/null
for service in $database_services; do
  vault kv put "kv/shop/$service/database" host="$db_host" port="$db_port" database="$db_name" schema="$(schema_of "$service")" >/dev/null
done

echo "== database secrets engine: one role per service, ${db_ttl} leases"
mounted database || vault secrets enable database
vault write database/config/shop \
  plugin_name=postgresql-database-plugin \
  connection_url="postgresql://{{username}}:{{password}}@${db_host}:${db_port}/${db_name}" \
  username="${SHOP_DB_ADMIN_USER:?}" password=@"${SHOP_DB_ADMIN_PASSWORD_FILE:?}" \
  password_authentication=scram-sha-256 \
  allowed_roles="$(echo "$database_services" | tr ' ' ',')" >/dev/null
for service in $database_services; do
  group="${db_name}_${service}"
  # The same CREATE ROLE as createLeasedLogin: a login that inherits the group's
  # DML rights on its own schema and nothing else, and stops at VALID UNTIL.
  vault write "database/roles/$service" \
    db_name=shop default_ttl="$db_ttl" max_ttl="$db_max_ttl" \
    creation_statements="CREATE ROLE \"{{name}}\" LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE \"${group}\";" \
    revocation_statements="SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}'; DROP ROLE IF EXISTS \"{{name}}\";" >/dev/null
done

echo "== policies: shop-<service>, each reading only its own paths"
for service in $services; do
  vault policy write "shop-$service" "$here/policies/$service.hcl" >/dev/null
done

case "$auth_method" in
  approle)
    echo "== AppRole: one role per service"
    out=${SHOP_APPROLE_OUT:?SHOP_APPROLE_OUT must name a folder for the role and secret ids}
    auth_enabled approle || vault auth enable approle
    for service in $services; do
      vault write "auth/approle/role/$service" token_policies="shop-$service" token_ttl=1h token_max_ttl=4h secret_id_ttl=24h >/dev/null
      # Each service's folder is its own volume in compose; only its agent mounts it.
      (umask 077 && mkdir -p "$out/$service")
      (umask 077 && vault read -field=role_id "auth/approle/role/$service/role-id" >"$out/$service/role-id")
      (umask 077 && vault write -f -field=secret_id "auth/approle/role/$service/secret-id" >"$out/$service/secret-id")
    done
    ;;
  kubernetes)
    echo "== Kubernetes auth: one role per ServiceAccount"
    auth_enabled kubernetes || vault auth enable kubernetes
    vault write auth/kubernetes/config kubernetes_host="${KUBERNETES_HOST:-https://kubernetes.default.svc}" >/dev/null
    for service in $services; do
      # Bound to the service's own ServiceAccount, and only to tokens projected for Vault
      # (k8s/components/vault mounts one into the agent containers, never the service's).
      vault write "auth/kubernetes/role/$service" \
        bound_service_account_names="$service" bound_service_account_namespaces="${SHOP_NAMESPACE:-shop}" \
        audience="${SHOP_TOKEN_AUDIENCE:-vault}" token_policies="shop-$service" token_ttl=1h >/dev/null
    done
    ;;
esac

echo "== handing the database admin password to Vault alone"
vault write -f database/rotate-root/shop >/dev/null
echo "Vault is configured for the shop."
