// The logging seam of the core. Every message passes through a redactor that knows the secrets of the run,
// so a password can never reach a log line, whichever code path formats it.
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const REDACTED = '«redacted»';

/** Replaces every occurrence of each secret (and its URI-encoded and base64 forms) with a marker. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result;
}

/** A registry of the secret values in use; loggers and error formatters consult it. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  add(value: string | undefined): void {
    if (value) this.values.add(value);
  }
  redact(text: string): string {
    return redactSecrets(text, this.values);
  }
}

export function redactingLogger(base: Logger, secrets: SecretRegistry): Logger {
  const wrap = (level: LogLevel) => (message: string) => base[level](secrets.redact(message));
  return { trace: wrap('trace'), debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/**
 * A logger whose every call returns normally: where an outcome has just been recorded (an e-mail delivered, a
 * status set), a log line that cannot be written (a full disk, a file being rotated) must not turn it into a failure.
 */
export function bestEffortLogger(base: Logger): Logger {
  const wrap = (level: LogLevel) => (message: string) => {
    try {
      base[level](message);
    } catch {
      // The line is lost; the outcome it reports is already recorded.
    }
  };
  return { trace: wrap('trace'), debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/** A logger that keeps lines in memory (CLI --json runs, tests). */
export class MemoryLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; message: string }> = [];
  trace(message: string) {
    this.lines.push({ level: 'trace', message });
  }
  debug(message: string) {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string) {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string) {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string) {
    this.lines.push({ level: 'error', message });
  }
  text(): string {
    return this.lines.map((l) => `[${l.level}] ${l.message}`).join('\n');
  }
}
