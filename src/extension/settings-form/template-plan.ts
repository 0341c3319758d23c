// "Message template…", the plan: which template an action uses, and what to add when it is missing
// (the template name on the action, the template entry, a starter body).
import { DEFAULT_TEMPLATE_FILES } from '../../core/settings/defaults';
import type { FieldChange, TemplateAction } from '../../protocol/settings-form';

const DEFAULT_NAMES: Record<TemplateAction, string> = { afterImport: 'order-received', afterRealization: 'order-realized' };
const STARTER_SUBJECTS: Record<TemplateAction, string> = {
  afterImport: 'Przyjęliśmy zamówienie {{ order.number }}',
  afterRealization: 'Zamówienie {{ order.number }} zrealizowane – {{ salesDocument.kind }} {{ salesDocument.number }}',
};

/** Parsed from what the consultant typed: any entry may be missing. */
type Templates = Partial<Record<string, { subject?: unknown; body?: unknown; bodyFile?: unknown }>>;
const STARTER_BODIES: Partial<Record<string, string>> = DEFAULT_TEMPLATE_FILES;

export interface TemplatePlan {
  name: string;
  /** Changes the settings need first (template name on the action, a new template entry). */
  changes: FieldChange[];
  /** The body file relative to the deployment folder; undefined when the body is inline in the settings. */
  bodyFile: string | undefined;
  /** Content for the body file if it does not exist yet. */
  starter: string;
}

/** What "Message template…" must do for the action, given the parsed settings. */
export function planTemplate(settings: Record<string, unknown>, action: TemplateAction): TemplatePlan {
  const section = (settings[action] ?? {}) as { sendEmail?: { template?: unknown } };
  const templates = (settings.templates ?? {}) as Templates;
  const changes: FieldChange[] = [];
  let name = typeof section.sendEmail?.template === 'string' && section.sendEmail.template ? section.sendEmail.template : '';
  if (!name) {
    name = DEFAULT_NAMES[action];
    changes.push({ path: [action, 'sendEmail', 'template'], value: name });
  }
  const existing = templates[name];
  let bodyFile = typeof existing?.bodyFile === 'string' ? existing.bodyFile : undefined;
  if (!existing) {
    bodyFile = `templates/${name}.html`;
    changes.push({ path: ['templates', name], value: { subject: STARTER_SUBJECTS[action], bodyFile } });
  }
  const starter =
    (bodyFile && STARTER_BODIES[bodyFile]) ?? STARTER_BODIES[`templates/${DEFAULT_NAMES[action]}.html`] ?? '<p>{{ order.number }}</p>\n';
  return { name, changes, bodyFile, starter };
}

/** A named template's body file (from the templates section); no changes: the template exists. */
export function planTemplateBody(settings: Record<string, unknown>, name: string): TemplatePlan | undefined {
  const entry = ((settings.templates ?? {}) as Templates)[name];
  if (!entry) return undefined;
  const bodyFile = typeof entry.bodyFile === 'string' ? entry.bodyFile : undefined;
  const starter = (bodyFile && STARTER_BODIES[bodyFile]) ?? '<p>{{ order.number }}</p>\n';
  return { name, changes: [], bodyFile, starter };
}
