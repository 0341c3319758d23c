// What every command of the extension goes through, apart from VS Code itself (commands.ts wires it): the trust
// gate of the manifest, and an unexpected throw turned into one redacted error line, the stack at debug level
// and a notification that offers the log — instead of VS Code's generic toast and no trace at all.
import type { Logger } from '../core/log';
import { t } from '../core/l10n';

export interface CommandGuardDependencies {
  log: Logger;
  /** Whether the workspace is trusted now. */
  isTrusted(): boolean;
  /** Tells the user a command was refused in an untrusted workspace. */
  refuseUntrusted(): void;
  /** Removes every secret the extension knows from a text (an error message, a stack). */
  redact(text: string): Promise<string>;
  /** Shows the failure (already redacted) with a way to the log. */
  notifyFailure(message: string): void;
}

function describe(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message || error.name, stack: error.stack };
  return { message: String(error) };
}

/**
 * The handler behind command `id`: refused when `trusted` and the workspace is not; its result passed on
 * (commands answer scripts with it); a throw reported and answered with undefined.
 */
export function guardedCommand<Args extends unknown[], Result>(
  id: string,
  trusted: boolean,
  handler: (...args: Args) => Result | Promise<Result>,
  deps: CommandGuardDependencies,
): (...args: Args) => Promise<Result | undefined> {
  return async (...args) => {
    if (trusted && !deps.isTrusted()) {
      deps.refuseUntrusted();
      return undefined;
    }
    try {
      return await handler(...args);
    } catch (error) {
      const { message, stack } = describe(error);
      const redacted = await deps.redact(message);
      deps.log.error(t('Command {0} failed: {1}', id, redacted));
      if (stack) deps.log.debug(await deps.redact(stack));
      deps.notifyFailure(redacted);
      return undefined;
    }
  };
}
