# Vault policy of auth: short-lived logins from the database secrets engine
# (role auth), its own KV secrets (where the database is, the access-token
# signing keys) and the gateway's public passport keys. Read only; checked by
# libs/vault (policy-check.ts).

path "database/creds/auth" {
  capabilities = ["read"]
}

path "kv/data/shop/auth/*" {
  capabilities = ["read"]
}

path "kv/data/shop/public/passport-verify-keys" {
  capabilities = ["read"]
}
