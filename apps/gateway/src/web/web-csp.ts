/**
 * The storefront's Content-Security-Policy. Everything is a file from this
 * origin: no inline script or style, no eval, no third party, no framing.
 * Trusted Types are required for DOM sinks; lit-html (the only code writing
 * HTML) creates its own "lit-html" policy and nothing else may.
 */
export const WEB_CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
  ['require-trusted-types-for', "'script'"],
  ['trusted-types', 'lit-html'],
  ['upgrade-insecure-requests'],
];

export const WEB_CSP = WEB_CSP_DIRECTIVES.map((directive) => directive.join(' ')).join('; ');
