// The settings text → what the form shows: the parsed values, the broken-JSON state, and the same problems
// (schema, ajv and cross-field rules) the Problems panel shows, keyed by JSON pointer.
import { validateSettingsText } from '../../core/settings/validate';
import type { DocumentState, JsonValue } from '../../protocol/settings-form';

export function documentState(text: string, file: string, ackSeq: number): DocumentState {
  const result = validateSettingsText(text, file);
  const syntax = result.problems.find((p) => p.code === 'syntax');
  if (syntax) {
    return { syntaxError: { message: syntax.message, line: syntax.line, column: syntax.column }, problems: [], ackSeq };
  }
  const parsed = JSON.parse(text) as JsonValue;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      syntaxError: { message: result.problems[0]?.message ?? 'The settings file must be a JSON object', line: 1, column: 1 },
      problems: [],
      ackSeq,
    };
  }
  return {
    settings: parsed,
    problems: result.problems.map((p) => ({ pointer: p.pointer, message: p.message, fieldMessage: p.fieldMessage, severity: p.severity })),
    ackSeq,
  };
}
