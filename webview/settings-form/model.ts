// Pure helpers over the settings values the form shows: reading a path (absent: the schema's default, from
// settings-meta.generated.ts), which problems belong to which field, and the rules that disable parts of the form.
import type { JsonPath, JsonValue, Problem } from '../../src/protocol/settings-form';
import { SETTING_DEFAULTS, type SettingsPath } from './settings-meta.generated';

export type { SettingsPath };

export type Settings = { [key: string]: JsonValue };

export function pointerOf(path: JsonPath): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** How a setting is named in searches and tooltips: its path with dots (email.smtp.port). */
export function keyOf(path: JsonPath): string {
  return path.join('.');
}

export function valueAt(settings: Settings | undefined, path: SettingsPath): JsonValue | undefined {
  let current: JsonValue | undefined = settings;
  for (const segment of path) {
    // A missing object on the way (e.g. no "match" yet): the setting takes its default.
    if (current === null || typeof current !== 'object') return SETTING_DEFAULTS[pointerOf(path)];
    current = (current as Record<string, JsonValue>)[String(segment)];
  }
  return current === undefined ? SETTING_DEFAULTS[pointerOf(path)] : current;
}

export function stringAt(settings: Settings | undefined, path: SettingsPath): string {
  const value = valueAt(settings, path);
  return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function booleanAt(settings: Settings | undefined, path: SettingsPath): boolean {
  return valueAt(settings, path) === true;
}

export function stringListAt(settings: Settings | undefined, path: SettingsPath): string[] {
  const value = valueAt(settings, path);
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** The names of the templates in the settings. */
export function templateNames(settings: Settings | undefined): string[] {
  const templates = valueAt(settings, ['templates']);
  return templates && typeof templates === 'object' && !Array.isArray(templates) ? Object.keys(templates) : [];
}

/** Import modes in which an order is realized later, so actions after realization exist. */
export const REALIZING_MODES: ReadonlyArray<string> = ['RO', 'PF'];

export function realizationAvailable(settings: Settings | undefined): boolean {
  return REALIZING_MODES.includes(stringAt(settings, ['erp', 'importMode']));
}

export function pdfUploadAvailable(settings: Settings | undefined, platformsWithPdfUpload: readonly string[]): boolean {
  return platformsWithPdfUpload.includes(stringAt(settings, ['shop', 'platform']));
}

/**
 * Splits the problems between the fields (each claims pointers: its settings) and the rest, shown at the top.
 * A problem goes to the field claiming its pointer, else the one claiming its nearest parent (a field that
 * edits a whole object, e.g. a list); with neither it is unclaimed.
 */
export function assignProblems(
  problems: readonly Problem[],
  claims: ReadonlyMap<string, readonly string[]>,
): { byField: Map<string, Problem[]>; unclaimed: Problem[] } {
  const owner = new Map<string, string>();
  for (const [field, pointers] of claims) for (const pointer of pointers) if (!owner.has(pointer)) owner.set(pointer, field);
  const byField = new Map<string, Problem[]>();
  const unclaimed: Problem[] = [];
  for (const problem of problems) {
    const field = ownerOf(problem.pointer, owner);
    if (field === undefined) unclaimed.push(problem);
    else byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  return { byField, unclaimed };
}

/** The claimant of a pointer or of its nearest claimed parent ('' is never claimed: the whole file has no field). */
export function ownerOf<T>(pointer: string, owners: ReadonlyMap<string, T>): T | undefined {
  for (let current = pointer; current; current = current.slice(0, Math.max(0, current.lastIndexOf('/')))) {
    const found = owners.get(current);
    if (found !== undefined) return found;
  }
  return undefined;
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
