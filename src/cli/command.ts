// The shape every CLI command follows: same flags (--dir, --json), same exit codes.
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../core/clock';

export const EXIT_OK = 0;
/** The command failed, or its input (settings, state) is invalid. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The wall clock in the real process; a fixed one in tests. */
  now: Clock;
}

export interface CommandContext {
  io: CliIO;
  /** The deployment folder (--dir, default: the current folder), absolute. */
  dir: string;
  json: boolean;
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  /** One line for --help. */
  summary: string;
  /** Usage line(s) after "optima-sync ". */
  usage: string;
  options?: ParseArgsConfig['options'];
  run(context: CommandContext): Promise<number>;
}

/** Prints a value as JSON (for --json) or a text. */
export function print(context: CommandContext, json: unknown, text: () => string): void {
  context.io.out(context.json ? JSON.stringify(json, null, 2) : text());
}
