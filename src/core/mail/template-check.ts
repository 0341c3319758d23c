// The template check behind validate and the editor's diagnostics: syntax, documented variables (statically,
// with positions, loop variables included), then a trial render with the sample order.
import type { Template } from 'liquidjs';
import { t } from '../l10n';
import { settingsPath } from '../deployment/files';
import type { Settings } from '../settings/types.generated';
import {
  inlineLocation,
  partLocations,
  problemFromLiquidError,
  type TemplatePart,
  type TemplateProblem,
  type TemplateSource,
} from './template-problems';
import { engineLibrary, enginesFor, loadTemplateSource, sampleContext } from './templates';
import { TEMPLATE_VARIABLES, unknownVariablePath, type VariableNode } from './variables';

type Segment = string | number | object;

/** Loop variables (`{% for line in order.lines %}`) mapped to the documented node of one item. */
function loopAliases(templates: Template[]): Map<string, VariableNode> {
  const kinds = engineLibrary().TokenKind;
  const aliases = new Map<string, VariableNode>();
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 60 || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((child) => visit(child, depth + 1));
      return;
    }
    const tag = node as {
      name?: unknown;
      variable?: unknown;
      collection?: { props?: Array<{ kind: number; content?: unknown; getText?: () => string }> };
    };
    if (tag.name === 'for' && typeof tag.variable === 'string' && Array.isArray(tag.collection?.props)) {
      const segments: Segment[] = tag.collection.props.map((p) =>
        // By token kind, not class name: class names do not survive minification.
        p.kind === kinds.Number
          ? Number(p.getText?.())
          : p.kind === kinds.Word || p.kind === kinds.Quoted
            ? String(p.content ?? p.getText?.())
            : {},
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
export function checkTemplateText(
  settings: Settings,
  dir: string,
  source: TemplateSource,
  part: TemplatePart,
  settingsFile = settingsPath(dir),
): TemplateProblem[] {
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
          message: t(
            'Unknown variable "{0}" in template "{1}" ({2}); see the list of template variables in the README',
            unknown,
            source.name,
            part,
          ),
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
      problems.push({
        file: settingsFile,
        line: at.line,
        column: Math.max(1, at.column),
        message: (error as Error).message,
        template: name,
        part: 'body',
        code: 'missing-file',
      });
      continue;
    }
    problems.push(
      ...checkTemplateText(settings, dir, source, 'subject', settingsFile),
      ...checkTemplateText(settings, dir, source, 'body', settingsFile),
    );
  }
  return problems;
}
