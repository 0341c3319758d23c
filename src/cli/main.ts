// The headless entry point: `optima-sync <command> [options]` over the same core as the extension.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock } from '../core/clock';
import { localeFromEnvironment, setTranslator, t, translatorFor } from '../core/l10n';
import { type CliCommand, type CliIO, EXIT_FAILED, EXIT_USAGE, UsageError } from './command';
import { commands } from './commands/index';
import { version } from '../../package.json';
import { errorMessage } from '../core/error-message';

const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  dir: { type: 'string', short: 'd' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    t('Usage: optima-sync <command> [options]'),
    '',
    t('Commands:'),
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${t(c.summary)}`),
    '',
    t('Common options: --dir D (deployment folder, default: current folder), --json (machine-readable output), --help, --version'),
    t('Exit codes: 0 ok, 1 failed or invalid input, 2 usage error'),
    t('Secrets come from environment variables: OPTIMA_SYNC_SMTP_PASSWORD, OPTIMA_SYNC_SHOP_KEY, OPTIMA_SYNC_SHOP_SECRET'),
  ].join('\n');
}

/** Runs one command line in this process, speaking the language of io.env (tests run many in one process). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const previous = setTranslator(translatorFor(localeFromEnvironment(io.env)));
  try {
    return await dispatch(argv, io);
  } finally {
    setTranslator(previous);
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(t('Unknown command "{0}". Run optima-sync --help.', name));
    return EXIT_USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n${t('Usage: optima-sync {0}', command.usage)}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(`${t('Usage: optima-sync {0}', command.usage)}\n${t(command.summary)}`);
    return 0;
  }
  const dir = path.resolve(io.cwd, typeof parsed.values.dir === 'string' ? parsed.values.dir : '.');
  try {
    return await command.run({ io, dir, json: parsed.values.json === true, values: parsed.values, positionals: parsed.positionals });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${t('Usage: optima-sync {0}', command.usage)}`);
      return EXIT_USAGE;
    }
    io.err(errorMessage(error));
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    env: process.env,
    cwd: process.cwd(),
    now: systemClock,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(String(error) + '\n');
      process.exitCode = EXIT_FAILED;
    },
  );
}
