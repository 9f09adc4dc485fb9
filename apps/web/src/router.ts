/**
 * Hash routes (#/orders/ID): the gateway serves one index.html and never has
 * to guess whether a path is a page or an API call.
 */
export interface Route {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
}

const PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['catalogue', /^\/?$/],
  ['product', /^\/products\/(?<id>[^/]+)$/],
  ['login', /^\/login$/],
  ['register', /^\/register$/],
  ['cart', /^\/cart$/],
  ['orders', /^\/orders$/],
  ['order', /^\/orders\/(?<id>[^/]+)$/],
  ['admin-orders', /^\/admin\/orders$/],
  ['admin-image', /^\/admin\/image$/],
  ['console', /^\/console$/],
];

export function currentRoute(): Route {
  const path = decodeURI(location.hash.replace(/^#/, '')) || '/';
  for (const [name, pattern] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { name, params: { ...match.groups } };
  }
  return { name: 'not-found', params: {} };
}

export function go(path: string): void {
  // Same hash: no hashchange event would fire, yet the caller wants a fresh rendering.
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = `#${path}`;
}
