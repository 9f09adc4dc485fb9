// Project-specific SAST rules (the "shop" ESLint plugin). Each rule has a test
// next to it that plants the violation and watches the rule report it.
module.exports = {
  meta: { name: 'eslint-plugin-shop' },
  rules: {
    'jwt-verify-algorithms': require('./jwt-verify-algorithms.cjs'),
    'no-tls-verification-off': require('./no-tls-verification-off.cjs'),
    'env-only-in-config': require('./env-only-in-config.cjs'),
    'no-sql-string-building': require('./no-sql-string-building.cjs'),
    'no-hardcoded-secret': require('./no-hardcoded-secret.cjs'),
    'no-unvalidated-url': require('./no-unvalidated-url.cjs'),
    'disable-needs-reason': require('./disable-needs-reason.cjs'),
  },
};
