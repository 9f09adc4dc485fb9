import { isServiceName, type ServiceName } from './services';

/** Every workload runs in this Kubernetes namespace; the SPIFFE path says so. */
export const SHOP_NAMESPACE = 'shop';
export const DEFAULT_TRUST_DOMAIN = 'shop.local';

/** `spiffe://<trust-domain>/ns/shop/sa/<service>`, the Istio/SPIRE shape. */
export function spiffeIdOf(service: ServiceName, trustDomain: string): string {
  return `spiffe://${trustDomain}/ns/${SHOP_NAMESPACE}/sa/${service}`;
}

const TRUST_DOMAIN = /^[a-z0-9.\-_]{1,255}$/;
const SPIFFE_WORKLOAD = /^spiffe:\/\/([a-z0-9.\-_]+)\/ns\/([a-z0-9-]+)\/sa\/([a-z0-9-]+)$/;

export function isValidTrustDomain(value: string): boolean {
  return TRUST_DOMAIN.test(value);
}

/**
 * Maps a SPIFFE ID back to a shop service, or undefined when it names another
 * trust domain, namespace or an unknown workload. Exact match only: no
 * prefixes, no case folding, no trailing slashes.
 */
export function serviceOfSpiffeId(id: string, trustDomain: string): ServiceName | undefined {
  const match = SPIFFE_WORKLOAD.exec(id);
  if (!match) return undefined;
  const [, domain, namespace, account] = match;
  if (domain !== trustDomain || namespace !== SHOP_NAMESPACE || !isServiceName(account)) return undefined;
  return account;
}

/**
 * A bounded metric label for a calling workload: the shop service its SPIFFE ID
 * names (trust domain not checked: this only groups, it decides nothing),
 * `unknown` for any other identity and `none` when the call had none. Raw IDs
 * would let a lab-mode caller (self-asserted identity) mint label values.
 */
export function workloadLabelOf(peer: string | undefined): ServiceName | 'unknown' | 'none' {
  if (!peer) return 'none';
  const account = SPIFFE_WORKLOAD.exec(peer)?.[3];
  return account && isServiceName(account) ? account : 'unknown';
}
