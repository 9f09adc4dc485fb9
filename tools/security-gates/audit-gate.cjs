// Dependency audit: `npm audit --omit=dev --audit-level=high`, evaluated from
// its JSON so the verdict (and the "registry cannot audit" case) is explicit.

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];
// HTTP statuses a registry answers when it does not serve advisories at all.
const NO_AUDIT_ENDPOINT = [404, 405, 501];

/**
 * @param {object} report parsed `npm audit --json` output
 * @param {string} threshold lowest severity that fails the gate
 * @returns {{ verdict: 'pass' | 'fail' | 'unavailable', findings: string[], detail: string }}
 */
function evaluateAudit(report, threshold = 'high') {
  if (report && report.error) {
    // Only "this registry has no audit endpoint" is unavailable; any other
    // error (network, auth, a 500) fails closed, like a finding.
    const noEndpoint = NO_AUDIT_ENDPOINT.includes(report.statusCode);
    const what = report.statusCode ? `HTTP ${report.statusCode} ${report.message ?? ''}` : `${report.error.code ?? 'error'} ${report.error.summary || report.message || ''}`;
    return { verdict: noEndpoint ? 'unavailable' : 'fail', findings: noEndpoint ? [] : [`audit error: ${what.trim()}`], detail: what.trim() };
  }
  const min = SEVERITIES.indexOf(threshold);
  const findings = Object.values((report && report.vulnerabilities) || {})
    .filter((v) => SEVERITIES.indexOf(v.severity) >= min)
    .map((v) => `${v.name} (${v.severity})`);
  const counts = (report && report.metadata && report.metadata.vulnerabilities) || {};
  return {
    verdict: findings.length ? 'fail' : 'pass',
    findings,
    detail: `vulnerabilities: ${SEVERITIES.map((s) => `${s} ${counts[s] ?? 0}`).join(', ')}`,
  };
}

module.exports = { evaluateAudit };
