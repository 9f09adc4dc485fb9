import { ShopMetrics } from '@shop/observability';
import { SECURITY_EVENTS } from '@shop/security/audit';
import { parse } from 'yaml';
import { alertRulesText } from './alert-rules';

interface Rule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
}

const rules: Rule[] = (parse(alertRulesText()) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
/** Recording rules here all aggregate `sum by (...)`: those are their labels. */
const recorded = new Map(
  rules.flatMap((r) => (r.record ? [[r.record, new Set(/by \(([^)]*)\)/.exec(r.expr)?.[1].split(',').map((l) => l.trim()))] as const] : [])),
);

/** What a service process really registers: name -> label names (`service` is a default label on all). */
function registered(): Map<string, Set<string>> {
  const metrics = new ShopMetrics('rules-check');
  const names = new Map<string, Set<string>>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const { name, labelNames } = metric as unknown as { name: string; labelNames?: readonly string[] };
    names.set(name, new Set(['service', ...(labelNames ?? [])]));
  }
  return names;
}

// Metric names as the rules use them: the shop's own, its recording rules and the process/Node.js defaults.
const METRIC = /\b(?:shop|process|nodejs)[_:][a-z0-9_:]+/g;
const MATCHER = /([a-z_]+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g;

/** The `{...}` right after a metric name, if any. */
function matcherBody(expr: string, end: number): string {
  const open = expr.slice(end).search(/\S/) + end;
  return expr[open] === '{' ? expr.slice(open, expr.indexOf('}', open) + 1) : '';
}

function selectors(expr: string): { name: string; matchers: { label: string; op: string; value: string }[] }[] {
  return [...expr.matchAll(METRIC)].map((match) => ({
    name: match[0],
    matchers: [...matcherBody(expr, (match.index ?? 0) + match[0].length).matchAll(MATCHER)].map(([, label, op, value]) => ({ label, op, value })),
  }));
}

describe('the alert rules reference only what the services export', () => {
  const metrics = registered();
  const used = rules.flatMap((r) => selectors(r.expr));

  it('finds the selectors (the check is not vacuous)', () => {
    expect(rules.filter((r) => r.alert)).toHaveLength(8);
    expect(used.length).toBeGreaterThan(15);
  });

  it.each(rules.map((r) => [r.alert ?? r.record, r.expr]))('%s: every metric is registered by ShopMetrics or recorded in the file', (_name, expr) => {
    for (const { name } of selectors(expr)) {
      expect({ name, known: name.includes(':') ? recorded.has(name) : metrics.has(name) }).toEqual({ name, known: true });
    }
  });

  it('filters only on labels the metric has', () => {
    for (const { name, matchers } of used) {
      const labels = name.includes(':') ? recorded.get(name) : metrics.get(name);
      for (const { label } of matchers) expect({ name, label, known: labels?.has(label) }).toEqual({ name, label, known: true });
    }
  });

  it('names only security events that exist', () => {
    const values = used.flatMap((s) => s.matchers.filter((m) => m.label === 'event' && !m.op.startsWith('!')).flatMap((m) => m.value.split('|')));
    expect(values.length).toBeGreaterThan(4);
    for (const event of values) expect(SECURITY_EVENTS).toContain(event);
  });
});
