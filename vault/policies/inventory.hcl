# Vault policy of inventory: short-lived logins from the database secrets engine
# (role inventory), its own KV secrets (where the database is), and the gateway's
# public passport keys. Read only; checked by libs/vault (policy-check.ts).

path "database/creds/inventory" {
  capabilities = ["read"]
}

path "kv/data/shop/inventory/*" {
  capabilities = ["read"]
}

path "kv/data/shop/public/passport-verify-keys" {
  capabilities = ["read"]
}
