// A deployment's health in the terms of the monitoring plugins (Nagios, Icinga, Zabbix's agent checks, a
// systemd OnFailure=): 0 OK, 1 WARNING (actions need the consultant), 2 CRITICAL (the last pass failed, or none
// succeeded for alerts.noSuccessHours), 3 UNKNOWN (the state cannot be read, no pass yet), in one line of text
// with performance data after "|".
import { t } from '../l10n';
import type { ActivitySnapshot } from './activity';
import { zonedTime } from './format';

export const HEALTH_CODES = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 } as const;
export type HealthStatus = keyof typeof HEALTH_CODES;

export interface DeploymentHealth {
  status: HealthStatus;
  code: (typeof HEALTH_CODES)[HealthStatus];
  /** One line: "OPTIMA SYNC WARNING - … | failed=1 uncertain=0". */
  line: string;
}

const HOUR_MS = 3_600_000;

function health(status: HealthStatus, text: string, snapshot?: ActivitySnapshot): DeploymentHealth {
  const perf = snapshot
    ? ` | failed=${snapshot.attention.failed} uncertain=${snapshot.attention.uncertain} passes=${snapshot.passes.length}`
    : '';
  return { status, code: HEALTH_CODES[status], line: `OPTIMA SYNC ${status} - ${text}${perf}` };
}

export function unknownHealth(reason: string): DeploymentHealth {
  return health('UNKNOWN', reason);
}

/** The verdict on a snapshot of the history; `noSuccessHours` 0 turns that check off. */
export function deploymentHealth(snapshot: ActivitySnapshot, noSuccessHours: number, now: Date): DeploymentHealth {
  const { timeZone, attention } = snapshot;
  // A pass stopped on request (a service restarting) says nothing about the deployment's health.
  const last = snapshot.passes.find((pass) => pass.finishedAt && pass.result !== 'cancelled');
  if (!last) return health('UNKNOWN', t('no sync pass recorded yet'), snapshot);
  if (last.result === 'failed') {
    return health('CRITICAL', t('the last pass ({0}) failed: {1}', zonedTime(last.finishedAt!, timeZone), last.error ?? ''), snapshot);
  }
  const since = snapshot.lastSuccess?.finishedAt;
  if (noSuccessHours > 0 && (!since || now.getTime() - Date.parse(since) >= noSuccessHours * HOUR_MS)) {
    return health(
      'CRITICAL',
      since
        ? t('no pass has succeeded for {0} hours (the last success: {1})', noSuccessHours, zonedTime(since, timeZone))
        : t('no pass has succeeded yet'),
      snapshot,
    );
  }
  if (last.result === 'blocked') {
    return health(
      'WARNING',
      t(
        'the bulk guard stopped the last pass ({0}): it would e-mail more customers than email.bulkLimit; nothing is sent until someone decides',
        zonedTime(last.finishedAt!, timeZone),
      ),
      snapshot,
    );
  }
  if (attention.failed + attention.uncertain > 0) {
    return health(
      'WARNING',
      t(
        'actions need attention: {0} failed, {1} uncertain (optima-sync state --failed --uncertain)',
        attention.failed,
        attention.uncertain,
      ),
      snapshot,
    );
  }
  return health(
    'OK',
    t('the last pass ({0}): {1}; nothing needs attention', zonedTime(last.finishedAt!, timeZone), last.result ?? ''),
    snapshot,
  );
}
