// Problems of e-mail templates (syntax, unknown variables, unreadable files) and where they are: a line and
// column of the template file, or inside a JSON string of optima-sync.json for inline parts.
import { readFileSync } from 'node:fs';
import { t } from '../l10n';
import { LineIndex, locate, parseSettingsText } from '../settings/positions';

export type TemplatePart = 'subject' | 'body';

export interface TemplateProblem {
  /** The file the position refers to: the template file, or optima-sync.json for inline parts. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  template: string;
  part: TemplatePart;
  code: 'syntax' | 'unknown-variable' | 'render' | 'missing-template' | 'missing-file';
}

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map(formatTemplateProblem).join('\n'));
  }
}

export function formatTemplateProblem(problem: TemplateProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

export interface TemplateSource {
  name: string;
  subject: string;
  body: string;
  /** Absolute path of the body file, when the body is in a file. */
  bodyFile?: string;
}

/** Where a part's text starts: line 1 column 1 of the body file, or inside a JSON string of optima-sync.json. */
export interface PartLocation {
  file: string;
  /** Maps a 1-based position in the template text to a position in `file`. */
  map(line: number, column: number): { line: number; column: number };
}

let settingsTextReader: (file: string) => string | undefined = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** Lets the extension check unsaved settings text. */
export function withSettingsText<T>(file: string, text: string, action: () => T): T {
  const previous = settingsTextReader;
  settingsTextReader = (wanted) => (wanted === file ? text : previous(wanted));
  try {
    return action();
  } finally {
    settingsTextReader = previous;
  }
}

export function inlineLocation(settingsFile: string, pointer: Array<string | number>): PartLocation {
  const text = settingsTextReader(settingsFile);
  if (text === undefined) return { file: settingsFile, map: () => ({ line: 1, column: 1 }) };
  const tree = parseSettingsText(text).root;
  const range = locate(tree, pointer);
  const start = new LineIndex(text).position(range.offset);
  return {
    file: settingsFile,
    // Column inside the JSON string: exact on the first line when the string has no escapes before it.
    map: (line, column) => (line === 1 ? { line: start.line, column: start.column + column } : { line: start.line, column: start.column }),
  };
}

export function partLocations(source: TemplateSource, settingsFile: string): Record<TemplatePart, PartLocation> {
  return {
    subject: inlineLocation(settingsFile, ['templates', source.name, 'subject']),
    body: source.bodyFile
      ? { file: source.bodyFile, map: (line, column) => ({ line, column }) }
      : inlineLocation(settingsFile, ['templates', source.name, 'body']),
  };
}

interface LiquidLikeError {
  message?: string;
  name?: string;
  token?: { getPosition?: () => [number, number] };
  originalError?: Error;
}

export function problemFromLiquidError(error: unknown, template: string, part: TemplatePart, location: PartLocation): TemplateProblem {
  const e = error as LiquidLikeError;
  const position = e.token?.getPosition?.() ?? positionFromMessage(e.message ?? '');
  const mapped = location.map(position[0], position[1]);
  const bare = (e.message ?? String(error)).split('\n')[0]!.replace(/, line:\d+, col:\d+$/, '');
  let message: string;
  let code: TemplateProblem['code'] = 'syntax';
  const undefinedVariable = /^undefined variable: (.+)$/.exec(bare);
  if (undefinedVariable) {
    message = t('Unknown variable "{0}" in template "{1}" ({2})', undefinedVariable[1]!, template, part);
    code = 'unknown-variable';
  } else if (e.name === 'RenderError' || e.name === 'UndefinedVariableError') {
    message = t('Template "{0}" ({1}) cannot be rendered: {2}', template, part, bare);
    code = 'render';
  } else {
    message = t('Syntax error in template "{0}" ({1}): {2}', template, part, bare);
  }
  return { file: location.file, line: mapped.line, column: mapped.column, message, template, part, code };
}

function positionFromMessage(message: string): [number, number] {
  const match = /line:(\d+), col:(\d+)/.exec(message);
  return match ? [Number(match[1]), Number(match[2])] : [1, 1];
}
