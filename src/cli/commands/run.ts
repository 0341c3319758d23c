// optima-sync run [--every 5m]: the unattended form. With --every, a service that runs a pass every interval
// until SIGTERM/SIGINT; without it, one pass and exit (for systemd timers and Task Scheduler). JSON lines on
// stdout and in .optima-sync/logs/. Exit codes: 0 ok or stopped on request (also a pass skipped because
// another process held the state), 1 a pass failed or was stopped by the bulk guard, or the service cannot
// start (invalid settings), 2 usage.
import { InvalidSettingsError, loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { SecretRegistry } from '../../core/log';
import { environmentSecrets, registeringSecrets, SECRET_ENVIRONMENT_VARIABLES } from '../../core/secrets';
import { IntervalError, parseInterval } from '../../core/service/interval';
import { JsonLinesLog, RotatingLogFile } from '../../core/service/log-file';
import { realTimer } from '../../core/service/scheduler';
import { OptimaService } from '../../core/service/service';
import { type CliCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { errorMessage } from '../../core/error-message';

export const runCommand: CliCommand = {
  name: 'run',
  summary:
    'Run unattended: a sync pass every interval (--every 30s, 5m, 2h) until stopped, or one pass; JSON-lines log to stdout and .optima-sync/logs/',
  usage: 'run [--every INTERVAL] [--dir D]',
  options: { every: { type: 'string' } },
  async run(context) {
    const every = typeof context.values.every === 'string' ? context.values.every.trim() : undefined;
    let intervalMs: number | undefined;
    try {
      intervalMs = every === undefined ? undefined : parseInterval(every);
    } catch (error) {
      if (error instanceof IntervalError) throw new UsageError(error.message);
      throw error;
    }
    // Every secret this process can see is removed from every line, whatever code path wrote it.
    const registry = new SecretRegistry();
    for (const variable of Object.values(SECRET_ENVIRONMENT_VARIABLES)) registry.add(context.io.env[variable]);
    const redact = (text: string) => registry.redact(text);
    // One pass cannot run on invalid settings. A service (--every) starts anyway: each cycle reports them (in the
    // log, the history and an alert) until they are fixed, and the next cycle after the fix runs the pass.
    try {
      await loadSettings(context.dir);
    } catch (error) {
      const message = error instanceof InvalidSettingsError ? error.message : errorMessage(error);
      const logLine = (level: 'error' | 'warn', event: string, msg: string) =>
        context.io.out(JSON.stringify({ time: context.io.now().toISOString(), level, msg: redact(msg), event }));
      if (intervalMs === undefined) {
        logLine('error', 'service-failed', t('The service cannot start: {0}', message));
        return EXIT_FAILED;
      }
      logLine(
        'warn',
        'settings-invalid',
        t('The settings are invalid; the service starts and tries again every cycle until they are fixed: {0}', message),
      );
    }
    const file = new RotatingLogFile(context.dir);
    const log = new JsonLinesLog(
      [(line) => context.io.out(line), (line) => file.write(line)],
      context.io.now,
      redact,
      context.io.env.OPTIMA_SYNC_VERBOSE === '1',
    );
    const service = new OptimaService({
      dir: context.dir,
      intervalMs,
      every,
      secrets: registeringSecrets(environmentSecrets(context.io.env), registry),
      log,
      now: context.io.now,
      timer: realTimer,
    });
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // A second signal aborts at once: the actions under way may then be left uncertain (never repeated).
      if (++signals > 1) {
        log.event('warn', 'aborted', t('{0} received again: aborting now', signal), { signal });
        file.close();
        process.exit(EXIT_FAILED);
      }
      service.stop(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const last = await service.run();
      if (signals > 0 || !last) return EXIT_OK;
      if (last.kind === 'failed') return EXIT_FAILED;
      if (last.kind === 'completed' && last.result === 'blocked') return EXIT_FAILED;
      return EXIT_OK;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      file.close();
    }
  },
};
