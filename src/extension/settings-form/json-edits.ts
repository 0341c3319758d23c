// Form changes → the smallest text edit of the settings file. jsonc-parser's `modify` keeps the user's
// formatting and key order; several changes are applied in turn and then collapsed to one replacement of
// the span that actually differs, so undo restores exactly what the form changed.
import { applyEdits, type FormattingOptions, modify, parseTree } from 'jsonc-parser';
import type { FieldChange } from '../../protocol/settings-form';

export interface TextReplacement {
  offset: number;
  length: number;
  text: string;
}

/** The indentation and line ending the file already uses (defaults: two spaces, \n). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]!);
  if (indents.some((indent) => indent.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const widths = indents.map((indent) => indent.length).filter((width) => width > 0);
  const tabSize = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize, eol };
}

/** The one replacement that turns `before` into `after` (undefined when equal). */
export function diffReplacement(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, text: after.slice(start, endAfter) };
}

export class UneditableDocumentError extends Error {}

/** Applies the changes to the settings text; refuses broken JSON (the form is not shown then anyway). */
export function applyFieldChanges(
  text: string,
  changes: readonly FieldChange[],
): { text: string; replacement: TextReplacement | undefined } {
  const errors: unknown[] = [];
  const root = parseTree(text, errors as never[], { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root?.type !== 'object') throw new UneditableDocumentError('The settings file is not a valid JSON object');
  const formattingOptions = detectFormatting(text);
  let current = text;
  for (const change of changes) {
    const edits = modify(current, change.path, 'value' in change ? change.value : undefined, { formattingOptions });
    current = applyEdits(current, edits);
  }
  return { text: current, replacement: diffReplacement(text, current) };
}
