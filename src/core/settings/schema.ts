// The single source of truth for the settings file, shared by the CLI, the extension and the form.
import schemaJson from '../../../schemas/settings.schema.json';

export const SETTINGS_FILE_NAME = 'optima-sync.json';
export const settingsSchema: Record<string, unknown> = schemaJson as Record<string, unknown>;

/** Key names that look like secrets; they never belong in the settings file. */
export const SECRET_KEY_PATTERN = /pass(word)?|has(ł|l)o|api[-_]?key|secret|token|private[-_]?key|^key$/i;

/** Shop platforms whose core API can receive a sales-document PDF. */
export const PLATFORMS_WITH_PDF_UPLOAD: ReadonlyArray<string> = ['woocommerce', 'baselinker', 'apilo', 'demo'];
