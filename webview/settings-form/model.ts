// Pure helpers over the settings values the form shows: reading a path, the defaults the schema fills
// in, which problems belong to which field, and the rules that disable parts of the form.
import type { JsonPath, JsonValue, Problem } from '../../src/protocol/settings-form';

export type Settings = { [key: string]: JsonValue };

/** The schema's defaults for values the form shows when the key is absent (schemas/settings.schema.json). */
const DEFAULTS: Record<string, JsonValue> = {
  '/shop/name': '',
  '/shop/importStatuses': [],
  '/erp/realizeOnStatuses': [],
  '/email/smtp/port': 587,
  '/email/smtp/login': '',
  '/email/smtp/tls': true,
  '/email/smtp/ignoreCertificateErrors': false,
  '/email/testMode/enabled': true,
  '/email/bulkLimit': 20,
  '/schedule/autoSyncMinutes': 0,
  '/timezone': 'Europe/Warsaw',
};

export function pointerOf(path: JsonPath): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function valueAt(settings: Settings | undefined, path: JsonPath): JsonValue | undefined {
  let current: JsonValue | undefined = settings;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, JsonValue>)[String(segment)];
  }
  return current === undefined ? DEFAULTS[pointerOf(path)] : current;
}

export function stringAt(settings: Settings | undefined, path: JsonPath): string {
  const value = valueAt(settings, path);
  return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function booleanAt(settings: Settings | undefined, path: JsonPath): boolean {
  return valueAt(settings, path) === true;
}

export function stringListAt(settings: Settings | undefined, path: JsonPath): string[] {
  const value = valueAt(settings, path);
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** Import modes in which an order is realized later, so actions after realization exist. */
export const REALIZING_MODES: ReadonlyArray<string> = ['RO', 'PF'];

export function realizationAvailable(settings: Settings | undefined): boolean {
  return REALIZING_MODES.includes(stringAt(settings, ['erp', 'importMode']));
}

export function pdfUploadAvailable(settings: Settings | undefined, platformsWithPdfUpload: readonly string[]): boolean {
  return platformsWithPdfUpload.includes(stringAt(settings, ['shop', 'platform']));
}

/** Splits the problems between the fields (each claims pointers) and the rest, shown at the top. */
export function assignProblems(problems: readonly Problem[], claims: ReadonlyMap<string, readonly string[]>): { byField: Map<string, Problem[]>; unclaimed: Problem[] } {
  const owner = new Map<string, string>();
  for (const [field, pointers] of claims) for (const pointer of pointers) if (!owner.has(pointer)) owner.set(pointer, field);
  const byField = new Map<string, Problem[]>();
  const unclaimed: Problem[] = [];
  for (const problem of problems) {
    const field = owner.get(problem.pointer);
    if (field === undefined) unclaimed.push(problem);
    else byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  return { byField, unclaimed };
}

/** A whole number within bounds, or undefined. */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** `tls`: the SSL/TLS setting the port only works with (465 implicit TLS, 587 STARTTLS); else either. */
export const COMMON_SMTP_PORTS: ReadonlyArray<{ port: number; label: string; tls?: true }> = [
  { port: 465, label: 'SSL/TLS', tls: true },
  { port: 587, label: 'STARTTLS', tls: true },
  { port: 25, label: 'SMTP' },
  { port: 2525, label: 'SMTP (alternative)' },
];
