// Opening a deployment for CLI commands that act on it: secrets from the environment, the log to stderr,
// and the store's typed errors turned into a message and exit code 1.
import { InvalidSettingsError } from '../core/deployment/files';
import type { Logger } from '../core/log';
import { environmentSecrets } from '../core/secrets';
import { openDeployment, type OpenedDeployment } from '../core/sync/open';
import type { CommandContext } from './command';

export function stderrLogger(context: CommandContext, verbose: boolean): Logger {
  const write = (level: string) => (message: string) => context.io.err(`[${level}] ${message}`);
  const quiet = () => {};
  return {
    trace: verbose ? write('trace') : quiet,
    debug: verbose ? write('debug') : quiet,
    info: context.json ? quiet : write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

export class CommandFailed extends Error {}

export async function openForCommand(context: CommandContext, holder: string): Promise<OpenedDeployment> {
  try {
    return await openDeployment(context.dir, {
      secrets: environmentSecrets(context.io.env),
      logger: stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1'),
      startFresh: context.values['start-fresh'] === true,
      holder,
      now: context.io.now,
    });
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new CommandFailed(error.message);
    throw new CommandFailed((error as Error).message || String(error), { cause: error });
  }
}
