# Vault policy of payment: short-lived logins from the database secrets engine
# (role payment), its own KV secrets (where the database is), and the gateway's
# public passport keys. Read only; checked by libs/vault (policy-check.ts).

path "database/creds/payment" {
  capabilities = ["read"]
}

path "kv/data/shop/payment/*" {
  capabilities = ["read"]
}

path "kv/data/shop/public/passport-verify-keys" {
  capabilities = ["read"]
}
