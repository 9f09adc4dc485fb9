import { UnsupportedPolicyError } from '../network/label-selector';

/**
 * Istio's string match for principals, namespaces, paths and methods: exact,
 * prefix (`abc*`), suffix (`*abc`), or `*` for any non-empty value.
 */
export function istioStringMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (pattern.includes('{')) throw new UnsupportedPolicyError(`path template "${pattern}"`);
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/**
 * A positive field (`principals`) matches when any value matches; its
 * negative twin (`notPrincipals`) when none does. An absent field matches all.
 */
export function fieldMatches(values: readonly string[] | undefined, negated: readonly string[] | undefined, actual: string | undefined, match = istioStringMatches): boolean {
  if (values && !values.some((v) => match(v, actual))) return false;
  if (negated && negated.some((v) => match(v, actual))) return false;
  return true;
}
