// optima-sync reset --actions a,b --until YYYY-MM-DD [--dry-run]: marks the chosen reverse-update actions as
// done without sending them, for every order fetched up to the end of that day in the deployment's time zone.
import { loadSettings } from '../../core/deployment/files';
import { plural, t } from '../../core/l10n';
import { ACTION_KINDS, type ActionKind, isActionKind } from '../../core/model/actions';
import { currentOsUser, openStateStore, parseCalendarDate, type ResetResult } from '../../core/state/index';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';

export function parseActionList(value: unknown): ActionKind[] {
  const names =
    typeof value === 'string'
      ? value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : [];
  if (names.length === 0) throw new UsageError(t('--actions needs one or more of: {0}', ACTION_KINDS.join(', ')));
  const unknown = names.filter((name) => !isActionKind(name));
  if (unknown.length > 0)
    throw new UsageError(
      plural(
        unknown.length,
        { one: 'Unknown action: {1}. Known actions: {2}', other: 'Unknown actions: {1}. Known actions: {2}' },
        unknown.join(', '),
        ACTION_KINDS.join(', '),
      ),
    );
  return ACTION_KINDS.filter((kind) => names.includes(kind));
}

export function formatResetResult(result: ResetResult, actions: ActionKind[], until: string, timezone: string): string {
  const width = Math.max(...actions.map((a) => a.length));
  return [
    result.dryRun
      ? t('Dry run: orders fetched up to {0} inclusive ({1}, until {2} UTC) that would be marked as reset:', until, timezone, result.cutoff)
      : t('Marked as reset for orders fetched up to {0} inclusive ({1}, until {2} UTC):', until, timezone, result.cutoff),
    ...actions.map((action) => `  ${action.padEnd(width)}  ${result.counts[action]}`),
    ...(result.dryRun ? [t('Nothing was changed.')] : []),
  ].join('\n');
}

export const resetCommand: CliCommand = {
  name: 'reset',
  summary: 'Reset the reverse-update state: mark actions as done without sending, for orders fetched up to a date (inclusive)',
  usage: 'reset --actions A[,B…] --until YYYY-MM-DD [--dry-run] [--start-fresh] [--dir D] [--json]',
  options: {
    actions: { type: 'string' },
    until: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'start-fresh': { type: 'boolean' },
  },
  async run(context: CommandContext) {
    const actions = parseActionList(context.values.actions);
    const until = typeof context.values.until === 'string' ? context.values.until : '';
    if (!parseCalendarDate(until))
      throw new UsageError(t('--until needs a date YYYY-MM-DD (the last day of fetched orders to reset), e.g. --until 2026-03-31'));
    const dryRun = context.values['dry-run'] === true;
    const { settings } = await loadSettings(context.dir);
    const store = await openStateStore(context.dir, {
      readOnly: dryRun,
      holder: 'optima-sync reset',
      logger: stderrLogger(context, false),
      confirmFreshStart: context.values['start-fresh'] === true,
      now: context.io.now,
    });
    try {
      const result = await store.reset({ actions, until, timezone: settings.timezone, dryRun, user: currentOsUser() });
      const counts = Object.fromEntries(actions.map((action) => [action, result.counts[action]]));
      print(context, { dryRun, until, timezone: settings.timezone, cutoff: result.cutoff, counts }, () =>
        formatResetResult(result, actions, until, settings.timezone),
      );
      return EXIT_OK;
    } catch (error) {
      context.io.err((error as Error).message);
      return EXIT_FAILED;
    } finally {
      await store.close();
    }
  },
};
