import { t } from '../../core/l10n';
import { runSyncPass } from '../../core/sync/pass';
import { summaryForJson, summaryToText, planToMarkdown } from '../../core/sync/report';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print } from '../command';
import { CommandFailed, openForCommand } from '../open';
import { errorMessage } from '../../core/error-message';

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Run a sync pass: fetch and import orders, post-import actions, reverse update (--dry-run shows the plan only)',
  usage: 'sync [--dry-run] [--allow-bulk] [--start-fresh] [--dir D] [--json]',
  options: {
    'dry-run': { type: 'boolean' },
    'allow-bulk': { type: 'boolean' },
    'start-fresh': { type: 'boolean' },
  },
  async run(context) {
    let opened;
    try {
      opened = await openForCommand(context, 'optima-sync sync');
    } catch (error) {
      if (!(error instanceof CommandFailed)) throw error;
      print(context, { result: 'failed', error: error.message }, () => error.message);
      return EXIT_FAILED;
    }
    // Ctrl+C / a scheduler's stop: finish the action under way, then stop between actions.
    const cancel = { cancelled: false };
    const onSignal = () => {
      if (cancel.cancelled) process.exit(EXIT_FAILED);
      cancel.cancelled = true;
      context.io.err(t('Stopping after the current action… (press Ctrl+C again to abort at once)'));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const summary = await runSyncPass(opened.deps, {
        dryRun: context.values['dry-run'] === true,
        allowBulk: context.values['allow-bulk'] === true,
        cancel,
        trigger: 'cli',
      });
      print(context, summaryForJson(summary), () =>
        summary.dryRun && summary.plan
          ? `${planToMarkdown(summary.plan, t('Sync pass plan'))}\n${summaryToText(summary)}`
          : summaryToText(summary),
      );
      if (summary.result === 'blocked')
        context.io.err(
          t(
            'Run again with --allow-bulk to send them, or reset the reverse-update state first: optima-sync reset --actions … --until YYYY-MM-DD',
          ),
        );
      return summary.result === 'ok' ? EXIT_OK : EXIT_FAILED;
    } catch (error) {
      const message = opened.deps.redact(errorMessage(error));
      print(context, { result: 'failed', error: message }, () => t('The sync pass could not run: {0}', message));
      return EXIT_FAILED;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await opened.close();
    }
  },
};
