/** Two sets that must be equal: what the policies allow, and what the topology calls for. */
export interface Comparison {
  readonly title: string;
  readonly actual: ReadonlySet<string>;
  readonly expected: ReadonlySet<string>;
}

export function unexpectedOf(c: Comparison): string[] {
  return [...c.actual].filter((x) => !c.expected.has(x)).sort();
}

export function missingOf(c: Comparison): string[] {
  return [...c.expected].filter((x) => !c.actual.has(x)).sort();
}

export function isEqual(c: Comparison): boolean {
  return unexpectedOf(c).length === 0 && missingOf(c).length === 0;
}

/** The difference, or nothing when the sets are equal. */
export function differenceReport(c: Comparison): string[] {
  return [
    ...unexpectedOf(c).map((x) => `${c.title}: allowed but not in the topology: ${x}`),
    ...missingOf(c).map((x) => `${c.title}: in the topology but not allowed: ${x}`),
  ];
}
