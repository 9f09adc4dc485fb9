import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../deploy-settings';
import { MONITORING_NAMESPACE, labelsOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { PROMETHEUS, RULES_CONFIG_MAP } from './prometheus';

/**
 * The one rules file (unit-tested with promtool), shared by every deployment
 * target. Its file name is also the ConfigMap key, so the mounted file matches
 * Prometheus's `rule_files: /etc/prometheus/rules/*.yml`.
 */
export const ALERT_RULES_FILE = 'deploy/prometheus/security-alerts.rules.yml';

export function alertRulesText(root = REPO_ROOT): string {
  return readFileSync(join(root, ALERT_RULES_FILE), 'utf8');
}

/** The rules as the ConfigMap Prometheus mounts; no Prometheus operator, so no PrometheusRule. */
export function alertRulesConfigMap(): Manifest[] {
  const key = ALERT_RULES_FILE.split('/').pop() as string;
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: RULES_CONFIG_MAP, namespace: MONITORING_NAMESPACE, labels: labelsOf(PROMETHEUS.name, 'monitoring') },
      data: { [key]: alertRulesText() },
    },
  ];
}
