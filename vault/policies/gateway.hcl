# Vault policy of the gateway: its own KV secrets (passport signing keys, the
# public HTTPS certificate and key), read only. It has no database.
# Checked by libs/vault (policy-check.ts): only its own paths, read only.

path "kv/data/shop/gateway/*" {
  capabilities = ["read"]
}
