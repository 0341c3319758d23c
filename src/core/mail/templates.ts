// E-mail templates: LiquidJS with HTML escaping of every value by default, strict variables and filters, the
// money/date filters, a generated plain-text alternative, and a check that reports syntax errors and unknown
// variables at their line and column (without sending anything).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Liquid, Template } from 'liquidjs';
import { t } from '../l10n';
import { settingsPath } from '../deployment/files';
import { LineIndex, locate, parseSettingsText } from '../settings/positions';
import type { Settings } from '../settings/types.generated';
import { buildTemplateContext, TemplateContext } from './context';
import { SAMPLE_ERP_DOCUMENT, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT } from './sample';
import { TEMPLATE_VARIABLES, unknownVariablePath, VariableNode } from './variables';

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
function engineLibrary(): EngineChunk {
  // Synchronous on purpose: checks and renders are synchronous APIs, and a require of a local file is cheap.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engineChunk ??= require('./engine') as EngineChunk);
}

function enginesFor(dir: string, timeZone: string): Engines {
  const key = `${dir}|${timeZone}`;
  let pair = engines.get(key);
  if (!pair) {
    const templatesDir = path.join(dir, 'templates');
    pair = { html: engineLibrary().newEngine(templatesDir, timeZone, true), subject: engineLibrary().newEngine(templatesDir, timeZone, false) };
    engines.set(key, pair);
  }
  return pair;
}

// Parsed templates by source text: a sync pass renders the same few templates for many orders.
const parsed = new Map<string, Template[]>();
const PARSED_LIMIT = 200;

function parseCached(engine: Liquid, kind: 'html' | 'subject', source: string): Template[] {
  const key = `${kind}\u0000${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = engine.parse(source);
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, templates);
  }
  return templates;
}

/** The plain-text alternative of a rendered HTML body. */
export function plainTextOf(html: string): string {
  return engineLibrary().plainTextOf(html);
}

// ---------------------------------------------------------------------------------------------------------
// Sources

export interface TemplateSource {
  name: string;
  subject: string;
  body: string;
  /** Absolute path of the body file, when the body is in a file. */
  bodyFile?: string;
}

/** Resolves a bodyFile inside the deployment folder (never outside it). */
export function templateBodyPath(dir: string, bodyFile: string): string {
  const resolved = path.resolve(dir, bodyFile);
  const relative = path.relative(dir, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(t('The template file {0} must be inside the deployment folder {1}', bodyFile, dir));
  }
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
export function loadTemplateSource(settings: Settings, dir: string, name: string, readFile: (file: string) => string = readBodyFile): TemplateSource {
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
  return subject.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Renders a loaded source. Throws TemplateError (with positions) on a syntax error or an unknown variable. */
export function renderSource(settings: Settings, dir: string, source: TemplateSource, context: TemplateContext, settingsFile = settingsPath(dir)): RenderedEmail {
  const pair = enginesFor(dir, settings.timezone);
  const renderPart = (engine: Liquid, kind: 'html' | 'subject', part: TemplatePart, text: string): string => {
    try {
      return engine.renderSync(parseCached(engine, kind, text), context as unknown as Record<string, unknown>) as string;
    } catch (error) {
      // Positions are looked up only on failure: reading the settings file per message would cost more than rendering.
      throw new TemplateError([problemFromLiquidError(error, source.name, part, partLocations(source, settingsFile)[part])]);
    }
  };
  const subject = cleanSubject(renderPart(pair.subject, 'subject', 'subject', source.subject));
  const html = renderPart(pair.html, 'html', 'body', source.body);
  return { subject, html, text: plainTextOf(html) };
}

export async function renderEmail(input: { settings: Settings; dir: string; templateName: string; context: TemplateContext }): Promise<RenderedEmail> {
  const source = loadTemplateSource(input.settings, input.dir, input.templateName);
  return renderSource(input.settings, input.dir, source, input.context);
}

/** The context of the built-in sample order (with its RO and FS documents). */
export function sampleContext(settings: Settings): TemplateContext {
  return buildTemplateContext({ order: SAMPLE_ORDER, settings, erpDocument: SAMPLE_ERP_DOCUMENT, salesDocument: SAMPLE_SALES_DOCUMENT });
}

// ---------------------------------------------------------------------------------------------------------
// Checking

/** Where a part's text starts: line 1 column 1 of the body file, or inside a JSON string of optima-sync.json. */
interface PartLocation {
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

function inlineLocation(settingsFile: string, pointer: Array<string | number>): PartLocation {
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

function partLocations(source: TemplateSource, settingsFile: string): Record<TemplatePart, PartLocation> {
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

function problemFromLiquidError(error: unknown, template: string, part: TemplatePart, location: PartLocation): TemplateProblem {
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

type Segment = string | number | object;

/** Loop variables (`{% for line in order.lines %}`) mapped to the documented node of one item. */
function loopAliases(templates: Template[]): Map<string, VariableNode> {
  const aliases = new Map<string, VariableNode>();
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 60 || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((child) => visit(child, depth + 1));
      return;
    }
    const tag = node as { name?: unknown; variable?: unknown; collection?: { props?: Array<{ constructor: { name: string }; content?: unknown; getText?: () => string }> } };
    if (tag.name === 'for' && typeof tag.variable === 'string' && Array.isArray(tag.collection?.props)) {
      const segments: Segment[] = tag.collection.props.map((p) =>
        p.constructor.name === 'NumberToken' ? Number(p.getText?.()) : p.constructor.name === 'IdentifierToken' || p.constructor.name === 'QuotedToken' ? String(p.content ?? p.getText?.()) : {},
      );
      const collection = resolveNode(segments, aliases);
      if (collection?.kind === 'list' && collection.items) aliases.set(tag.variable, collection.items);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'liquid' || key === 'tokenizer' || key === 'token' || key === 'input') continue;
      if (value && typeof value === 'object') visit(value, depth + 1);
    }
  };
  visit(templates, 0);
  return aliases;
}

function resolveNode(segments: Segment[], aliases: Map<string, VariableNode>): VariableNode | undefined {
  const [first, ...rest] = segments;
  if (typeof first !== 'string') return undefined;
  let node: VariableNode | undefined = aliases.get(first) ?? TEMPLATE_VARIABLES[first];
  for (const segment of rest) {
    if (!node) return undefined;
    if (typeof segment === 'number' || segment === 'first' || segment === 'last') node = node.kind === 'list' ? node.items : undefined;
    else if (typeof segment === 'string') node = node.fields?.[segment];
    else return undefined;
  }
  return node;
}

const LIQUID_BUILT_INS = new Set(['forloop', 'tablerowloop', 'empty', 'blank', 'nil', 'null', 'true', 'false']);

/** Checks one part's text: syntax, documented variables (statically, with positions), then a trial render. */
export function checkTemplateText(settings: Settings, dir: string, source: TemplateSource, part: TemplatePart, settingsFile = settingsPath(dir)): TemplateProblem[] {
  const pair = enginesFor(dir, settings.timezone);
  const engine = part === 'subject' ? pair.subject : pair.html;
  const location = partLocations(source, settingsFile)[part];
  const text = part === 'subject' ? source.subject : source.body;
  let templates: Template[];
  try {
    templates = engine.parse(text);
  } catch (error) {
    return [problemFromLiquidError(error, source.name, part, location)];
  }
  const problems: TemplateProblem[] = [];
  const reported = new Set<string>();
  let analysis;
  try {
    analysis = engine.analyzeSync(templates, { partials: false });
  } catch {
    analysis = undefined;
  }
  if (analysis) {
    const aliases = loopAliases(templates);
    const assigned = new Set(Object.keys(analysis.locals));
    for (const [root, occurrences] of Object.entries(analysis.variables)) {
      if (LIQUID_BUILT_INS.has(root) || (assigned.has(root) && !aliases.has(root))) continue;
      for (const variable of occurrences) {
        const segments = variable.segments as Segment[];
        const alias = aliases.get(root);
        const unknown = alias ? unknownVariablePath(segments, { [root]: alias }) : unknownVariablePath(segments);
        if (!unknown) continue;
        const mapped = location.map(variable.location.row, variable.location.col);
        const key = `${mapped.line}:${mapped.column}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push({
          file: location.file,
          line: mapped.line,
          column: mapped.column,
          message: t('Unknown variable "{0}" in template "{1}" ({2}); see the list of template variables in the README', unknown, source.name, part),
          template: source.name,
          part,
          code: 'unknown-variable',
        });
      }
    }
  }
  if (problems.length === 0) {
    // The trial render catches what the static walk cannot see (computed keys, filters on wrong values).
    try {
      engine.renderSync(templates, sampleContext(settings) as unknown as Record<string, unknown>);
    } catch (error) {
      problems.push(problemFromLiquidError(error, source.name, part, location));
    }
  }
  return problems;
}

/** Every template of the settings: syntax errors, unknown variables and unreadable body files, with positions. */
export function checkTemplates(settings: Settings, dir: string, readFile?: (file: string) => string): TemplateProblem[] {
  const settingsFile = settingsPath(dir);
  const problems: TemplateProblem[] = [];
  for (const name of Object.keys(settings.templates ?? {})) {
    let source: TemplateSource;
    try {
      source = loadTemplateSource(settings, dir, name, readFile);
    } catch (error) {
      const location = inlineLocation(settingsFile, ['templates', name, 'bodyFile']);
      const at = location.map(1, 0);
      problems.push({ file: settingsFile, line: at.line, column: Math.max(1, at.column), message: (error as Error).message, template: name, part: 'body', code: 'missing-file' });
      continue;
    }
    problems.push(...checkTemplateText(settings, dir, source, 'subject', settingsFile), ...checkTemplateText(settings, dir, source, 'body', settingsFile));
  }
  return problems;
}
