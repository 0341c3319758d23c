// Validation of optima-sync.json: syntax, schema (ajv) and cross-field rules, every problem with its position.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import addErrors from 'ajv-errors';
import { t } from '../l10n';
import { LineIndex, locate, parseSettingsText, pointerToPath, TextRange } from './positions';
import { SECRET_KEY_PATTERN, settingsSchema } from './schema';
import type { Settings } from './types.generated';
import { isLoopbackHost } from '../mail/transport';

export type Severity = 'error' | 'warning';

export interface SettingsProblem extends TextRange {
  file: string;
  message: string;
  severity: Severity;
  /** JSON pointer of the value concerned ('' = the whole file). */
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

/** Turns one ajv error into a sentence a consultant understands (localized). */
function describe(error: ErrorObject): { message: string; code: string; key?: string } {
  const where = error.instancePath ? pointerToPath(error.instancePath).join('.') : t('the file');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'errorMessage':
      return { message: t(error.message ?? ''), code: 'schema.rule' };
    case 'required':
      return { message: t('Missing required setting "{0}" in {1}', String(params.missingProperty), where), code: 'schema.required' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (SECRET_KEY_PATTERN.test(key)) {
        return {
          message: t(
            '"{0}" looks like a secret: secrets never go into optima-sync.json. Store the SMTP password with the command "Optima Sync: Set SMTP password…" and shop keys with "Optima Sync: Set shop credentials…" (CLI: environment variables OPTIMA_SYNC_SMTP_PASSWORD, OPTIMA_SYNC_SHOP_KEY, OPTIMA_SYNC_SHOP_SECRET)',
            key,
          ),
          code: 'secret-key',
          key,
        };
      }
      return { message: t('Unknown setting "{0}" in {1}', key, where), code: 'schema.unknown-key', key };
    }
    case 'type':
      return { message: t('{0} must be of type {1}', where, String(params.type)), code: 'schema.type' };
    case 'enum':
      return {
        message: t('{0} must be one of: {1}', where, (params.allowedValues as unknown[]).map(quote).join(', ')),
        code: 'schema.enum',
      };
    case 'const':
      return { message: t('{0} must be {1}', where, quote(params.allowedValue)), code: 'schema.const' };
    case 'format': {
      const formatNames: Record<string, string> = {
        email: t('an e-mail address'),
        mailbox: t('an e-mail address, optionally with a name: Shop <shop@example.pl>'),
        hostname: t('a host name such as smtp.example.pl'),
        uri: t('an address such as https://shop.example.pl'),
        date: t('a date YYYY-MM-DD'),
        'iana-timezone': t('an IANA time zone such as Europe/Warsaw'),
      };
      return { message: t('{0} must be {1}', where, formatNames[String(params.format)] ?? String(params.format)), code: 'schema.format' };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        message: t('{0} must be {1} {2}', where, error.keyword.endsWith('inimum') ? '≥' : '≤', String(params.limit)),
        code: 'schema.range',
      };
    case 'minLength':
      return { message: t('{0} must not be empty', where), code: 'schema.minLength' };
    case 'pattern':
      return { message: t('{0} has an invalid form', where), code: 'schema.pattern' };
    case 'uniqueItems':
      return { message: t('{0} lists the same value twice', where), code: 'schema.unique' };
    default:
      return { message: `${where}: ${error.message ?? error.keyword}`, code: `schema.${error.keyword}` };
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
  const problem = (partial: { message: string; code: string; pointer: string; severity?: Severity }, range: { offset: number; length: number }): SettingsProblem => ({
    file,
    severity: partial.severity ?? 'error',
    message: partial.message,
    code: partial.code,
    pointer: partial.pointer,
    ...lines.range(range.offset, range.length),
  });

  const parsed = parseSettingsText(text);
  if (parsed.syntaxErrors.length > 0 || !parsed.root) {
    const problems = parsed.syntaxErrors.map((e) =>
      problem({ message: t('Invalid JSON: {0}', syntaxErrorText(e.message)), code: 'syntax', pointer: '' }, e),
    );
    if (problems.length === 0) problems.push(problem({ message: t('The file is empty'), code: 'syntax', pointer: '' }, { offset: 0, length: 0 }));
    return { problems };
  }

  const data: unknown = JSON.parse(text);
  const validate = validator();
  const problems: SettingsProblem[] = [];
  const seen = new Set<string>();
  if (!validate(data)) {
    for (const error of meaningfulErrors(validate.errors ?? [])) {
      const described = describe(error);
      const path = pointerToPath(error.instancePath);
      const key = described.key ?? (error.keyword === 'required' ? undefined : undefined);
      const range = locate(parsed.root, path, key);
      const signature = `${error.instancePath}|${described.message}`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      problems.push(problem({ message: described.message, code: described.code, pointer: error.instancePath }, range));
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

/** Rules a JSON schema cannot state: references between keys. */
function crossFieldProblems(settings: Settings): Array<{ message: string; code: string; pointer: string; severity?: Severity }> {
  const result: Array<{ message: string; code: string; pointer: string; severity?: Severity }> = [];
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
    if (!settings.email.from) result.push({ pointer: '/email', code: 'email-from-missing', message: t('E-mails are enabled but email.from (the sender) is not set') });
    if (!settings.email.smtp.host) result.push({ pointer: '/email/smtp', code: 'smtp-host-missing', message: t('E-mails are enabled but email.smtp.host (the SMTP server) is not set') });
  }
  if (settings.alerts?.enabled && (!settings.email.smtp.host || !settings.email.from)) {
    result.push({
      pointer: '/alerts/enabled',
      code: 'alerts-without-smtp',
      message: t('Alerts are enabled but e-mail is not configured: set email.smtp.host (the SMTP server) and email.from (the sender)'),
    });
  }
  if (settings.email.smtp.ignoreCertificateErrors) {
    result.push({
      pointer: '/email/smtp/ignoreCertificateErrors',
      code: 'insecure-tls',
      severity: 'warning',
      message: t('Certificate errors of the SMTP server are ignored: anyone on the network path could read the mail and the password'),
    });
  }
  const { host, port, login, tls, allowUnencryptedLogin } = settings.email.smtp;
  // The two ports whose SSL/TLS setting is not a choice (what Postfix answers otherwise: see README "SMTP settings").
  if (!tls && (port === 465 || port === 587)) {
    result.push({
      pointer: '/email/smtp/port',
      code: 'port-needs-tls',
      severity: 'warning',
      message: port === 465
        ? t('Port 465 is encrypted from the first byte: turn SSL/TLS on, or nothing connects')
        : t('Port 587 (submission) expects STARTTLS: turn SSL/TLS on, or the server answers "530 Must issue a STARTTLS command first"'),
    });
  }
  if (login && !tls) {
    const refused = !isLoopbackHost(host) && !allowUnencryptedLogin;
    result.push({
      pointer: '/email/smtp/tls',
      code: refused ? 'plain-text-login-refused' : 'plain-text-login',
      severity: 'warning',
      message: refused
        ? t('SSL/TLS is off but a login is set: the password would travel unencrypted to {0}, so sending is refused. Turn SSL/TLS on (port 465, or 587 with STARTTLS), or allow it with email.smtp.allowUnencryptedLogin', host ?? '')
        : t('SSL/TLS is off but a login is set: the SMTP password travels unencrypted and anyone on the network path could read it. Turn SSL/TLS on (port 465, or 587 with STARTTLS)'),
    });
  }
  return result;
}

/** Formats a problem as the CLI prints it: file:line:col: message */
export function formatProblem(p: SettingsProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity === 'warning' ? t('warning') + ': ' : ''}${p.message}`;
}
