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

/**
 * The matrix: one row per source, one column per pod of `namespace`, the
 * ports it may open in each cell (`-` for none); then, per source in the
 * namespace, what it may open outside it.
 */
export function formatReachability(allowed: ReadonlySet<string>, namespace: string): string[] {
  const groups = groupBy(allowed);
  const targetOf = (entry: string) => entry.slice(0, entry.lastIndexOf(':'));
  const columns = [...new Set([...groups.values()].flat().map(targetOf).filter((t) => t.startsWith(`${namespace}/`)))].sort();
  const rows = [...groups.keys()].filter((source) => groups.get(source)?.some((e) => columns.includes(targetOf(e))));
  const cell = (source: string, column: string) =>
    (groups.get(source) ?? []).filter((e) => targetOf(e) === column).map((e) => e.slice(e.lastIndexOf(':') + 1)).join(',') || '-';
  const widths = columns.map((c) => Math.max(c.length - namespace.length - 1, ...rows.map((r) => cell(r, c).length)));
  const first = Math.max(...rows.map((r) => r.length), 'from \\ to'.length);
  const line = (head: string, cells: string[]) => `${head.padEnd(first)}  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  const lines = [line('from \\ to', columns.map((c) => c.slice(namespace.length + 1))), ...rows.map((r) => line(r, columns.map((c) => cell(r, c))))];
  const outbound = [...groups.entries()]
    .filter(([source]) => source.startsWith(`${namespace}/`))
    .map(([source, targets]) => [source, targets.filter((t) => !t.startsWith(`${namespace}/`))] as const)
    .filter(([, targets]) => targets.length > 0);
  if (outbound.length > 0) lines.push('', `out of namespace ${namespace}:`, ...outbound.map(([source, targets]) => `${source.padEnd(first)}  -> ${targets.join(', ')}`));
  return lines;
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
    if (own.length === 0) lines.push(identity, '  (nothing beyond "any caller")');
  }
  return lines;
}
