// Validation of optima-sync.json: syntax, schema (ajv) and cross-field rules, every problem with its position.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { t } from '../l10n';
import { validationEngine } from '../validation';
import { LineIndex, locate, parseSettingsText, pointerToPath, type TextRange } from './positions';
import { SECRET_KEY_PATTERN, settingsSchema } from './schema';
import type { Settings } from './types.generated';
import { alertsProblems, smtpProblems } from './smtp-rules';
import { bridgeUrlProblem, shopUrlProblem } from './url-rules';
import { ksefProblems } from './ksef-rules';

export type Severity = 'error' | 'warning';

export interface SettingsProblem extends TextRange {
  file: string;
  /** For the Problems panel and the CLI: names the setting. */
  message: string;
  /** For the form, beside the setting's own field: the same without the setting's path. */
  fieldMessage: string;
  severity: Severity;
  /** JSON pointer of the setting concerned ('' = the whole file); for a missing setting, its own pointer. */
  pointer: string;
  /** A short machine-readable reason, e.g. "schema.type", "syntax", "secret-key". */
  code: string;
}

export interface ValidationResult {
  /** The settings with defaults applied; present when there is no error. */
  settings?: Settings;
  problems: SettingsProblem[];
}

const MAILBOX = /^(?:[^<>\r\n]*<\s*([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)\s*>|([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+))$/;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const { Ajv, addErrors, addFormats } = validationEngine();
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, messages: true });
  addFormats(ajv, ['email', 'hostname', 'uri', 'date']);
  addErrors(ajv, { singleError: false });
  ajv.addFormat('iana-timezone', { type: 'string', validate: isValidTimeZone });
  ajv.addFormat('mailbox', { type: 'string', validate: (value: string) => MAILBOX.test(value.trim()) });
  compiled = ajv.compile(settingsSchema);
  return compiled;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

interface Described {
  /** For the Problems panel and the CLI: names the setting (its JSON path). */
  message: string;
  /** Beside the setting's own field in the form: the same in the field's words, without the path. */
  fieldMessage: string;
  code: string;
  /** The unknown key an additionalProperties error is about (its position is the key). */
  key?: string;
  /** The setting the problem is about: a missing required property's own pointer, else ajv's instancePath. */
  pointer: string;
}

function pathWords(pointer: string): string {
  return pointer ? pointerToPath(pointer).join('.') : t('the file');
}

/** The missing property behind a `required` error, or behind a custom message that replaced one. */
function missingProperty(error: ErrorObject): string | undefined {
  if (error.keyword === 'required') return String((error.params as { missingProperty: unknown }).missingProperty);
  const replaced = (error.params as { errors?: ErrorObject[] }).errors?.find((e) => e.keyword === 'required');
  return replaced ? missingProperty(replaced) : undefined;
}

/** Turns one ajv error into a sentence a consultant understands (localized), for the panel and for the field. */
function describe(error: ErrorObject): Described {
  const missing = missingProperty(error);
  const pointer = missing === undefined ? error.instancePath : `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const where = pathWords(pointer);
  const params = error.params as Record<string, unknown>;
  const plain = (message: string, fieldMessage: string, code: string) => ({ message, fieldMessage, code, pointer });
  switch (error.keyword) {
    case 'errorMessage': {
      // The schema's own sentences are written for the field; the panel adds the setting's path.
      const sentence = t(error.message ?? '');
      return plain(t('{0}: {1}', where, sentence), sentence, 'schema.rule');
    }
    case 'required':
      return plain(
        t('Missing required setting "{0}" in {1}', String(missing), pathWords(error.instancePath)),
        t('Required'),
        'schema.required',
      );
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (SECRET_KEY_PATTERN.test(key)) {
        const message = t(
          '"{0}" looks like a secret: secrets never go into optima-sync.json. Store the SMTP password with the command "Optima Sync: Set SMTP password…" and shop keys with "Optima Sync: Set shop credentials…" (CLI: environment variables OPTIMA_SYNC_SMTP_PASSWORD, OPTIMA_SYNC_SHOP_KEY, OPTIMA_SYNC_SHOP_SECRET)',
          key,
        );
        return { message, fieldMessage: message, code: 'secret-key', key, pointer };
      }
      const message = t('Unknown setting "{0}" in {1}', key, where);
      return { message, fieldMessage: message, code: 'schema.unknown-key', key, pointer };
    }
    case 'type':
      return plain(t('{0} must be of type {1}', where, String(params.type)), t('Must be of type {0}', String(params.type)), 'schema.type');
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(quote).join(', ');
      return plain(t('{0} must be one of: {1}', where, allowed), t('Choose one of: {0}', allowed), 'schema.enum');
    }
    case 'const':
      return plain(t('{0} must be {1}', where, quote(params.allowedValue)), t('Must be {0}', quote(params.allowedValue)), 'schema.const');
    case 'format': {
      const formatNames: Record<string, string> = {
        email: t('an e-mail address'),
        mailbox: t('an e-mail address, optionally with a name: Shop <shop@example.pl>'),
        hostname: t('a host name such as smtp.example.pl'),
        uri: t('an address such as https://shop.example.pl'),
        date: t('a date YYYY-MM-DD'),
        'iana-timezone': t('an IANA time zone such as Europe/Warsaw'),
      };
      const name = formatNames[String(params.format)] ?? String(params.format);
      return plain(t('{0} must be {1}', where, name), t('Enter {0}', name), 'schema.format');
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const atLeast = error.keyword.endsWith('inimum');
      return plain(
        t('{0} must be {1} {2}', where, atLeast ? '≥' : '≤', String(params.limit)),
        atLeast ? t('At least {0}', String(params.limit)) : t('At most {0}', String(params.limit)),
        'schema.range',
      );
    }
    case 'minLength':
      return plain(t('{0} must not be empty', where), t('Must not be empty'), 'schema.minLength');
    case 'pattern':
      return plain(t('{0} has an invalid form', where), t('Invalid form'), 'schema.pattern');
    case 'uniqueItems':
      return plain(t('{0} lists the same value twice', where), t('Lists the same value twice'), 'schema.unique');
    default:
      return plain(`${where}: ${error.message ?? error.keyword}`, error.message ?? error.keyword, `schema.${error.keyword}`);
  }
}

/** Drops ajv's structural noise: "must match then schema", and the branch errors behind a custom oneOf message. */
function meaningfulErrors(errors: ErrorObject[]): ErrorObject[] {
  const customized = errors.filter((e) => e.keyword === 'errorMessage').map((e) => e.schemaPath.replace(/\/errorMessage$/, ''));
  return errors.filter((e) => {
    if (e.keyword === 'if' || e.keyword === 'not' || e.keyword === 'oneOf' || e.keyword === 'anyOf') return false;
    if (e.keyword !== 'errorMessage' && customized.some((prefix) => e.schemaPath.startsWith(prefix + '/oneOf'))) return false;
    return true;
  });
}

export function validateSettingsText(text: string, file: string): ValidationResult {
  const lines = new LineIndex(text);
  const problem = (partial: RuleProblem, range: { offset: number; length: number }): SettingsProblem => ({
    file,
    severity: partial.severity ?? 'error',
    message: partial.message,
    fieldMessage: partial.fieldMessage ?? partial.message,
    code: partial.code,
    pointer: partial.pointer,
    ...lines.range(range.offset, range.length),
  });

  const parsed = parseSettingsText(text);
  if (parsed.syntaxErrors.length > 0 || !parsed.root) {
    const problems = parsed.syntaxErrors.map((e) =>
      problem({ message: t('Invalid JSON: {0}', syntaxErrorText(e.message)), code: 'syntax', pointer: '' }, e),
    );
    if (problems.length === 0)
      problems.push(problem({ message: t('The file is empty'), code: 'syntax', pointer: '' }, { offset: 0, length: 0 }));
    return { problems };
  }

  const data: unknown = JSON.parse(text);
  const validate = validator();
  const problems: SettingsProblem[] = [];
  const seen = new Set<string>();
  if (!validate(data)) {
    for (const error of meaningfulErrors(validate.errors ?? [])) {
      const described = describe(error);
      // A missing setting is shown at its parent (it has no position of its own).
      const range = locate(parsed.root, pointerToPath(error.instancePath), described.key);
      const signature = `${described.pointer}|${described.message}`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      problems.push(problem(described, range));
    }
  }
  if (problems.length === 0) {
    const settings = data as Settings;
    for (const rule of crossFieldProblems(settings)) problems.push(problem(rule, locate(parsed.root, pointerToPath(rule.pointer))));
  }
  problems.sort((a, b) => a.offset - b.offset);
  return problems.some((p) => p.severity === 'error') ? { problems } : { settings: data as Settings, problems };
}

function syntaxErrorText(code: string): string {
  const texts: Record<string, string> = {
    CloseBraceExpected: t('a closing "}" is missing'),
    CloseBracketExpected: t('a closing "]" is missing'),
    ColonExpected: t('a ":" is missing after the key'),
    CommaExpected: t('a "," is missing between values'),
    ValueExpected: t('a value is missing (or there is a trailing comma)'),
    PropertyNameExpected: t('a key in double quotes is expected (or there is a trailing comma)'),
    InvalidCommentToken: t('comments are not allowed in JSON'),
    EndOfFileExpected: t('there is text after the end of the settings object'),
    UnexpectedEndOfString: t('a string is not closed with a double quote'),
    InvalidSymbol: t('unexpected character'),
  };
  return texts[code] ?? code;
}

/** A problem before it gets its position; `fieldMessage` defaults to `message` (when it names no path). */
export interface RuleProblem {
  message: string;
  fieldMessage?: string;
  code: string;
  pointer: string;
  severity?: Severity;
}

/** Rules a JSON schema cannot state: references between keys. */
function crossFieldProblems(settings: Settings): RuleProblem[] {
  const result: RuleProblem[] = [];
  const templates = settings.templates ?? {};
  const emailActions: Array<[string, { enabled?: boolean; template?: string }]> = [
    ['/afterImport/sendEmail', settings.afterImport.sendEmail],
    ['/afterRealization/sendEmail', settings.afterRealization.sendEmail],
  ];
  for (const [pointer, action] of emailActions) {
    if (action.enabled && action.template && !(action.template in templates)) {
      const known = Object.keys(templates);
      result.push({
        pointer: `${pointer}/template`,
        code: 'template-missing',
        message: known.length
          ? t('There is no template "{0}" in "templates" (defined: {1})', action.template, known.join(', '))
          : t('There is no template "{0}": add it under "templates"', action.template),
      });
    }
  }
  if (emailActions.some(([, action]) => action.enabled)) {
    if (!settings.email.from) {
      result.push({
        pointer: '/email/from',
        code: 'email-from-missing',
        message: t('E-mails are enabled but email.from (the sender) is not set'),
        fieldMessage: t('E-mails to customers are enabled: set the sender address'),
      });
    }
    if (!settings.email.smtp.host) {
      result.push({
        pointer: '/email/smtp/host',
        code: 'smtp-host-missing',
        message: t('E-mails are enabled but email.smtp.host (the SMTP server) is not set'),
        fieldMessage: t('E-mails to customers are enabled: set the SMTP server'),
      });
    }
  }
  result.push(...alertsProblems(settings));
  result.push(...smtpProblems(settings.email.smtp, 'email.smtp'));
  if (settings.alerts.smtp?.host) result.push(...smtpProblems(settings.alerts.smtp, 'alerts.smtp'));
  for (const problem of [shopUrlProblem(settings), bridgeUrlProblem(settings)]) if (problem) result.push(problem);
  result.push(...ksefProblems(settings));
  return result;
}

/** Formats a problem as the CLI prints it: file:line:col: message */
export function formatProblem(p: SettingsProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity === 'warning' ? t('warning') + ': ' : ''}${p.message}`;
}
