import { join } from 'node:path';
import { REPO_ROOT } from '@shop/deploy';

/** The Vault material: `vault/policies/<service>.hcl`, `vault/templates/<service>/…`, `vault/configure.sh`. */
export const VAULT_DIR = join(REPO_ROOT, 'vault');
export const POLICIES_DIR = join(VAULT_DIR, 'policies');
export const TEMPLATES_DIR = join(VAULT_DIR, 'templates');

/**
 * Secrets every service may read because they hold only public material:
 * the gateway's public passport keys. Nothing private may live here.
 */
export const PUBLIC_SECRET_PATHS: readonly string[] = ['kv/data/shop/public/passport-verify-keys'];

/** What a service's own Vault paths are: its database role and its KV folder. */
export function ownPaths(service: string) {
  return {
    /** The database secrets engine role named after the service (dynamic logins). */
    databaseCreds: `database/creds/${service}`,
    /** KV v2 data under the service's own folder; the trailing slash keeps `order` out of `orders-x/`. */
    kvPrefix: `kv/data/shop/${service}/`,
  };
}
