# Vault policy of order: short-lived logins from the database secrets engine
# (role order), its own KV secrets (where the database is), and the gateway's
# public passport keys. Read only; checked by libs/vault (policy-check.ts).

path "database/creds/order" {
  capabilities = ["read"]
}

path "kv/data/shop/order/*" {
  capabilities = ["read"]
}

path "kv/data/shop/public/passport-verify-keys" {
  capabilities = ["read"]
}
