// E-mail templates: LiquidJS with HTML escaping of every value by default, strict variables and filters, the
// money/date filters and a generated plain-text alternative. Each template is parsed and compiled once per
// source text (compile.ts, text.ts) and rendered many times; the check is in template-check.ts.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Liquid, Template } from 'liquidjs';
import { t } from '../l10n';
import { settingsPath } from '../deployment/files';
import { pathInsideDeployment, writablePathInsideDeployment } from '../deployment/paths';
import type { Settings } from '../settings/types.generated';
import { buildTemplateContext, type TemplateContext } from './context';
import { SAMPLE_ERP_DOCUMENT, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT } from './sample';
import { partLocations, problemFromLiquidError, TemplateError, type TemplatePart, type TemplateSource } from './template-problems';

export {
  formatTemplateProblem,
  TemplateError,
  withSettingsText,
  type TemplatePart,
  type TemplateProblem,
  type TemplateSource,
} from './template-problems';

// ---------------------------------------------------------------------------------------------------------
// Engines

interface Engines {
  html: Liquid;
  subject: Liquid;
}

const engines = new Map<string, Engines>();

type EngineChunk = typeof import('./engine');
let engineChunk: EngineChunk | undefined;

/** LiquidJS and html-to-text, loaded on first use (a lazy chunk of the bundles: build/chunks.mjs). */
export function engineLibrary(): EngineChunk {
  // Synchronous on purpose: checks and renders are synchronous APIs, and a require of a local file is cheap.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engineChunk ??= require('./engine') as EngineChunk);
}

export function enginesFor(dir: string, timeZone: string): Engines {
  const key = `${dir}|${timeZone}`;
  let pair = engines.get(key);
  if (!pair) {
    const templatesDir = path.join(dir, 'templates');
    pair = {
      html: engineLibrary().newEngine(templatesDir, timeZone, true),
      subject: engineLibrary().newEngine(templatesDir, timeZone, false),
    };
    engines.set(key, pair);
  }
  return pair;
}

// Parsed (and compiled) templates per engine by source text: a sync pass renders the same few templates for
// many orders, and an edited file is a new source text.
interface Parsed {
  templates: Template[];
  compiled: import('./engine').Compiled;
}
const parsed = new WeakMap<Liquid, Map<string, Parsed>>();
const PARSED_LIMIT = 200;

function parseCached(engine: Liquid, kind: 'html' | 'subject', source: string, timeZone: string): Parsed {
  let byText = parsed.get(engine);
  if (!byText) parsed.set(engine, (byText = new Map()));
  let entry = byText.get(source);
  if (!entry) {
    const templates = engine.parse(source);
    entry = { templates, compiled: engineLibrary().compileParsed(engine, templates, timeZone, kind === 'html') };
    if (byText.size >= PARSED_LIMIT) byText.delete(byText.keys().next().value as string);
    byText.set(source, entry);
  }
  return entry;
}

/** The compiled fast path; undefined when LiquidJS must render this one (it then also gives any error). */
function renderFast(nodes: import('./engine').Node[] | undefined, context: TemplateContext): string | undefined {
  if (!nodes) return undefined;
  try {
    return engineLibrary()
      .renderNodes(nodes, context as unknown as Record<string, unknown>)
      .join('');
  } catch (error) {
    if (error instanceof engineLibrary().Bail) return undefined;
    throw error;
  }
}

/** The plain-text alternative of a rendered HTML body. */
export function plainTextOf(html: string): string {
  return engineLibrary().plainTextOf(html);
}

// ---------------------------------------------------------------------------------------------------------
// Sources

/** Resolves a bodyFile inside the deployment folder (never outside it, no ".."). */
export function templateBodyPath(dir: string, bodyFile: string): string {
  const resolved = pathInsideDeployment(dir, bodyFile);
  if (!resolved) throw new Error(t('The template file {0} must be inside the deployment folder {1}', bodyFile, dir));
  return resolved;
}

/** templateBodyPath for a body file about to be created: no symbolic link on the way leads out of the folder. */
export async function templateBodyPathToWrite(dir: string, bodyFile: string): Promise<string> {
  const resolved = await writablePathInsideDeployment(dir, bodyFile);
  if (!resolved) throw new Error(t('The template file {0} must be inside the deployment folder {1}', bodyFile, dir));
  return resolved;
}

// Body files by path, re-read when their modification time or size changes (one stat per message instead of
// open/read/close: a sync pass renders the same file for many orders, and an edit is still seen at once).
const bodyFiles = new Map<string, { mtimeMs: number; size: number; text: string }>();

function readBodyFile(file: string): string {
  const stat = statSync(file);
  const cached = bodyFiles.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
  const text = readFileSync(file, 'utf8');
  if (bodyFiles.size >= PARSED_LIMIT) bodyFiles.delete(bodyFiles.keys().next().value as string);
  bodyFiles.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

/** Reads a template's subject and body (the body file from disk, or `readFile` for unsaved editor text). */
export function loadTemplateSource(
  settings: Settings,
  dir: string,
  name: string,
  readFile: (file: string) => string = readBodyFile,
): TemplateSource {
  const entry = settings.templates?.[name];
  if (!entry) {
    const known = Object.keys(settings.templates ?? {});
    throw new Error(
      known.length
        ? t('There is no template "{0}" in the settings; known templates: {1}', name, known.join(', '))
        : t('There is no template "{0}" in the settings; add one under "templates"', name),
    );
  }
  if (entry.bodyFile) {
    const file = templateBodyPath(dir, entry.bodyFile);
    let body: string;
    try {
      body = readFile(file);
    } catch (error) {
      throw new Error(t('Cannot read the template file {0}: {1}', file, (error as Error).message), { cause: error });
    }
    return { name, subject: entry.subject, body, bodyFile: file };
  }
  return { name, subject: entry.subject, body: entry.body ?? '' };
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Subjects are one header line: line breaks (from the template or a value) become spaces. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Renders a loaded source. Throws TemplateError (with positions) on a syntax error or an unknown variable. */
export function renderSource(
  settings: Settings,
  dir: string,
  source: TemplateSource,
  context: TemplateContext,
  settingsFile = settingsPath(dir),
): RenderedEmail {
  const pair = enginesFor(dir, settings.timezone);
  const failed = (error: unknown, part: TemplatePart): TemplateError =>
    // Positions are looked up only on failure: reading the settings file per message would cost more than rendering.
    new TemplateError([problemFromLiquidError(error, source.name, part, partLocations(source, settingsFile)[part])]);
  const renderPart = (
    engine: Liquid,
    kind: 'html' | 'subject',
    part: TemplatePart,
    text: string,
  ): { output: string; entry: Parsed; fast: boolean } => {
    let entry: Parsed;
    try {
      entry = parseCached(engine, kind, text, settings.timezone);
    } catch (error) {
      throw failed(error, part);
    }
    const fast = renderFast(entry.compiled.nodes, context);
    if (fast !== undefined) return { output: fast, entry, fast: true };
    try {
      return { output: engine.renderSync(entry.templates, context as unknown as Record<string, unknown>) as string, entry, fast: false };
    } catch (error) {
      throw failed(error, part);
    }
  };
  const subject = cleanSubject(renderPart(pair.subject, 'subject', 'subject', source.subject).output);
  const body = renderPart(pair.html, 'html', 'body', source.body);
  const text = body.fast ? renderFast(body.entry.compiled.text, context) : undefined;
  return { subject, html: body.output, text: text !== undefined ? engineLibrary().finishText(text) : plainTextOf(body.output) };
}

export async function renderEmail(input: {
  settings: Settings;
  dir: string;
  templateName: string;
  context: TemplateContext;
}): Promise<RenderedEmail> {
  const source = loadTemplateSource(input.settings, input.dir, input.templateName);
  return renderSource(input.settings, input.dir, source, input.context);
}

/** The context of the built-in sample order (with its RO and FS documents). */
export function sampleContext(settings: Settings): TemplateContext {
  return buildTemplateContext({ order: SAMPLE_ORDER, settings, erpDocument: SAMPLE_ERP_DOCUMENT, salesDocument: SAMPLE_SALES_DOCUMENT });
}
