/** Splits `left -> right` keys and groups the right sides under their left side. */
function groupBy(keys: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of [...keys].sort()) {
    const at = key.indexOf(' -> ');
    const [left, right] = [key.slice(0, at), key.slice(at + 4)];
    groups.set(left, [...(groups.get(left) ?? []), right]);
  }
  return groups;
}

/** `shop/gateway -> shop/auth:50051, shop/order:50052` lines, one per source. */
export function formatReachability(allowed: ReadonlySet<string>): string[] {
  const groups = groupBy(allowed);
  const width = Math.max(0, ...[...groups.keys()].map((k) => k.length));
  return [...groups.entries()].map(([source, targets]) => `${source.padEnd(width)} -> ${targets.join(', ')}`);
}

/**
 * The principal -> method table: per caller, per `workload:port`, the
 * requests it may make. What every caller (plaintext included) may do is
 * printed once, under "any caller".
 */
export function formatGrants(grants: ReadonlySet<string>, identities: readonly string[]): string[] {
  const byIdentity = groupBy(grants);
  const everyone = (byIdentity.get(identities[0]) ?? []).filter((g) => identities.every((id) => byIdentity.get(id)?.includes(g)));
  const lines: string[] = [];
  const section = (title: string, entries: string[]) => {
    if (entries.length === 0) return;
    lines.push(title);
    const byTarget = new Map<string, string[]>();
    for (const entry of entries) {
      const at = entry.indexOf(' ');
      byTarget.set(entry.slice(0, at), [...(byTarget.get(entry.slice(0, at)) ?? []), entry.slice(at + 1)]);
    }
    for (const [target, requests] of byTarget) lines.push(`  ${target.padEnd(22)} ${requests.join(', ')}`);
  };
  section('any caller (every principal, and plaintext where mTLS is not STRICT)', everyone);
  for (const identity of identities) {
    const own = (byIdentity.get(identity) ?? []).filter((g) => !everyone.includes(g));
    section(identity, own);
    if (own.length === 0) lines.push(`${identity}\n  (nothing beyond "any caller")`);
  }
  return lines;
}
