// How the history's times read for a consultant: "2026-11-28 11:00" in the deployment's zone.
import { t, plural } from '../l10n';
import type { PassTrigger, RunRecord } from './runs';

export function zonedTime(iso: string | Date, timeZone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString('sv-SE', { timeZone }).slice(0, 16);
}

export function triggerTitle(trigger: PassTrigger | undefined): string {
  switch (trigger) {
    case 'vscode':
      return t('VS Code');
    case 'auto-sync':
      return t('auto-sync');
    case 'cli':
      return t('CLI sync');
    case 'service':
      return t('service');
    default:
      return t('unknown');
  }
}

export function resultTitle(run: Pick<RunRecord, 'result' | 'finishedAt'>): string {
  switch (run.result) {
    case 'ok':
      return t('completed');
    case 'failed':
      return t('failed');
    case 'cancelled':
      return t('cancelled');
    case 'blocked':
      return t('stopped by the bulk guard');
    default:
      return run.finishedAt ? t('unknown') : t('running or interrupted');
  }
}

/** "3 imported, 5 e-mails sent, 1 failed, 0 uncertain" with the plural forms of the language. */
export function runFigures(run: Pick<RunRecord, 'imported' | 'emailsSent' | 'failed' | 'uncertain'>): string {
  return [
    plural(run.imported, { one: '{0} order imported', other: '{0} orders imported' }),
    plural(run.emailsSent, { one: '{0} e-mail sent', other: '{0} e-mails sent' }),
    plural(run.failed, { one: '{0} failure', other: '{0} failures' }),
    plural(run.uncertain, { one: '{0} uncertain action', other: '{0} uncertain actions' }),
  ].join(', ');
}
