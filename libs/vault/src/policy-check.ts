import { PUBLIC_SECRET_PATHS, ownPaths } from './vault-layout';

// Loaded untyped on purpose: the package's typings pull in the DOM library, which
// changes Node's buffer types for every file compiled with this one. Only `parse` is used.
const { parse } = require('@cdktn/hcl2json') as { parse(fileName: string, text: string): Promise<Record<string, unknown>> };

/** One `path "…" { capabilities = […] }` stanza of a Vault policy. */
export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly string[];
}

/** The only capability a service needs: reading its secrets. `deny` is always allowed. */
const ALLOWED_CAPABILITIES = new Set(['read', 'deny']);

/**
 * Parses a Vault policy with HashiCorp's own HCL parser (hcl2json is the Go
 * library compiled to WebAssembly). Anything but `path` stanzas holding only
 * `capabilities` is refused: parameter constraints and other keys are not
 * used here, and a checker must not skip what it does not understand.
 */
export async function parsePolicy(fileName: string, text: string): Promise<PolicyRule[]> {
  const document = await parse(fileName, text);
  const unknownStanzas = Object.keys(document).filter((key) => key !== 'path');
  if (unknownStanzas.length > 0) throw new Error(`${fileName}: only path stanzas are allowed, found ${unknownStanzas.join(', ')}`);
  const paths = (document['path'] ?? {}) as Record<string, Array<Record<string, unknown>>>;
  return Object.entries(paths).flatMap(([path, blocks]) =>
    blocks.map((block) => {
      const extra = Object.keys(block).filter((key) => key !== 'capabilities');
      if (extra.length > 0) throw new Error(`${fileName}: path "${path}" has unsupported keys ${extra.join(', ')}`);
      const capabilities = block['capabilities'];
      if (!Array.isArray(capabilities) || !capabilities.every((c) => typeof c === 'string')) throw new Error(`${fileName}: path "${path}" needs a list of capabilities`);
      return { path, capabilities };
    }),
  );
}

/** Vault's path matching: exact, `+` for one segment, a trailing `*` for any suffix. */
export function pathMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const patternParts = (glob ? pattern.slice(0, -1) : pattern).split('/');
  const pathParts = path.split('/');
  if (!glob && patternParts.length !== pathParts.length) return false;
  return patternParts.every((part, i) => {
    const actual = pathParts[i];
    if (actual === undefined) return false;
    const last = i === patternParts.length - 1;
    if (part === '+') return true;
    return glob && last ? actual.startsWith(part) : actual === part;
  });
}

/** Whether the rules let a token read `path` (a matching `deny` wins, as in Vault). */
export function grantsRead(rules: readonly PolicyRule[], path: string): boolean {
  const matching = rules.filter((rule) => pathMatches(rule.path, path));
  return matching.some((rule) => rule.capabilities.includes('read')) && !matching.some((rule) => rule.capabilities.includes('deny'));
}

/** Whether every path `pattern` can match belongs to `service` (or is public and named exactly). */
function staysInOwnPaths(service: string, pattern: string): boolean {
  const own = ownPaths(service);
  if (pattern.includes('+')) return false;
  if (pattern.endsWith('*')) return pattern.slice(0, -1).startsWith(own.kvPrefix);
  return pattern === own.databaseCreds || (pattern.startsWith(own.kvPrefix) && pattern.length > own.kvPrefix.length) || PUBLIC_SECRET_PATHS.includes(pattern);
}

/** Everything wrong with `service`'s policy: paths outside its own, and capabilities beyond read. */
export function policyProblems(service: string, rules: readonly PolicyRule[]): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    const denyOnly = rule.capabilities.length > 0 && rule.capabilities.every((c) => c === 'deny');
    if (!denyOnly && !staysInOwnPaths(service, rule.path)) problems.push(`${service}: "${rule.path}" reaches beyond ${service}'s own paths`);
    const extra = rule.capabilities.filter((c) => !ALLOWED_CAPABILITIES.has(c));
    if (extra.length > 0) problems.push(`${service}: "${rule.path}" grants ${extra.join(', ')} (only read is needed)`);
  }
  if (rules.length === 0) problems.push(`${service}: the policy grants nothing`);
  return problems;
}
