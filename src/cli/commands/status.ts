// optima-sync status: the last passes (whoever ran them), the service and its next pass, what needs attention
// and the alerts raised. Reads the state read-only: it works while a pass or the service runs.
import { t, plural } from '../../core/l10n';
import { readActivity, type ActivitySnapshot } from '../../core/history/activity';
import { resultTitle, runFigures, triggerTitle, zonedTime } from '../../core/history/format';
import { conditionTitle } from '../../core/alerts/messages';
import { loadSettings } from '../../core/deployment/files';
import { deploymentHealth, HEALTH_CODES, unknownHealth, type DeploymentHealth } from '../../core/history/health';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';

function serviceLines(snapshot: ActivitySnapshot): string[] {
  const { service, timeZone } = snapshot;
  if (!service) return [t('Service: none has run in this folder (optima-sync run).')];
  if (!service.running) {
    return [t('Service: not running (pid {0} on {1}, last seen {2}).', service.pid, service.host, zonedTime(service.updatedAt, timeZone))];
  }
  const lines = [
    service.every
      ? t('Service: running (pid {0} on {1}), a pass every {2}.', service.pid, service.host, service.every)
      : t('Service: running one pass (pid {0} on {1}).', service.pid, service.host),
  ];
  if (service.state === 'running-pass') lines.push(t('Next pass: one is running now.'));
  else if (service.nextPassAt)
    lines.push(
      service.backoff
        ? plural(
            service.consecutiveFailures,
            {
              one: 'Next pass: {1} (waiting longer after {0} failed cycle).',
              other: 'Next pass: {1} (waiting longer after {0} failed cycles).',
            },
            zonedTime(service.nextPassAt, timeZone),
          )
        : t('Next pass: {0}.', zonedTime(service.nextPassAt, timeZone)),
    );
  return lines;
}

function statusText(snapshot: ActivitySnapshot, dir: string): string {
  const { timeZone } = snapshot;
  const lines = [t('Deployment {0} (times in {1})', dir, timeZone), ''];
  if (snapshot.passes.length === 0) lines.push(t('No sync pass recorded yet.'));
  else {
    lines.push(t('Last passes (newest first):'));
    for (const run of snapshot.passes) {
      lines.push(
        `  ${zonedTime(run.startedAt, timeZone)}  ${triggerTitle(run.trigger).padEnd(10)} ${resultTitle(run).padEnd(12)} ${runFigures(run)}${run.error ? `  ! ${run.error}` : ''}`,
      );
    }
  }
  lines.push(
    snapshot.lastSuccess?.finishedAt
      ? t('Last successful pass: {0}.', zonedTime(snapshot.lastSuccess.finishedAt, timeZone))
      : t('No successful pass yet.'),
  );
  lines.push('', ...serviceLines(snapshot), '');
  const { attention } = snapshot;
  if (attention.failed + attention.uncertain === 0) lines.push(t('Nothing needs attention.'));
  else {
    lines.push(
      t(
        'Needs attention: {0}, {1}.',
        plural(attention.failed, { one: '{0} failed action', other: '{0} failed actions' }),
        plural(attention.uncertain, { one: '{0} uncertain action', other: '{0} uncertain actions' }),
      ),
    );
    for (const item of attention.items)
      lines.push(
        `  ${item.number}  ${item.kind.padEnd(25)} ${item.state === 'failed' ? t('failed') : t('uncertain')}${item.error ? `  ${item.error}` : ''}`,
      );
    const more = attention.failed + attention.uncertain - attention.items.length;
    if (more > 0) lines.push(`  ${t('…and {0} more: optima-sync state --failed --uncertain', more)}`);
  }
  for (const alert of snapshot.alerts)
    lines.push(t('Alert raised {0}: {1}', zonedTime(alert.sentAt, timeZone), conditionTitle(alert.condition)));
  return lines.join('\n');
}

/** --check: one line and a monitoring plugin's exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). */
async function check(context: CommandContext): Promise<number> {
  let verdict: DeploymentHealth;
  try {
    const loaded = await loadSettings(context.dir).catch((error: Error) => error);
    if (loaded instanceof Error) {
      verdict = {
        status: 'CRITICAL',
        code: HEALTH_CODES.CRITICAL,
        line: `OPTIMA SYNC CRITICAL - ${t('the settings are invalid; no pass can run: {0}', loaded.message.split('\n').slice(0, 2).join(' '))}`,
      };
    } else {
      const snapshot = await readActivity(context.dir, { now: context.io.now(), passes: 20, days: 0 });
      verdict = snapshot.hasState
        ? deploymentHealth(snapshot, loaded.settings.alerts.noSuccessHours, context.io.now())
        : unknownHealth(t('no state database in {0} yet', context.dir));
    }
  } catch (error) {
    verdict = unknownHealth(t('the state cannot be read: {0}', (error as Error).message));
  }
  print(context, { status: verdict.status, code: verdict.code, text: verdict.line }, () => verdict.line);
  return verdict.code;
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary:
    'Show the last sync passes, the service and its next pass, and what needs attention; --check: one line and a monitoring exit code',
  usage: 'status [--limit N] [--check] [--dir D] [--json]',
  options: { limit: { type: 'string' }, check: { type: 'boolean' } },
  async run(context) {
    if (context.values.check === true) return check(context);
    const raw = context.values.limit;
    if (raw !== undefined && (typeof raw !== 'string' || !/^[1-9]\d{0,3}$/.test(raw)))
      throw new UsageError(t('--limit needs a whole number from 1 to 9999'));
    let snapshot: ActivitySnapshot;
    try {
      snapshot = await readActivity(context.dir, { now: context.io.now(), passes: raw ? Number(raw) : 10 });
    } catch (error) {
      print(context, { error: (error as Error).message }, () => (error as Error).message);
      return EXIT_FAILED;
    }
    print(
      context,
      {
        dir: context.dir,
        timeZone: snapshot.timeZone,
        passes: snapshot.passes,
        lastSuccess: snapshot.lastSuccess ?? null,
        service: snapshot.service ?? null,
        nextPassAt: snapshot.service?.running && snapshot.service.state === 'sleeping' ? (snapshot.service.nextPassAt ?? null) : null,
        attention: snapshot.attention,
        alerts: snapshot.alerts,
      },
      () => statusText(snapshot, context.dir),
    );
    return EXIT_OK;
  },
};
