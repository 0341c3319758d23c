// A fast renderer for the usual shape of an e-mail template, over LiquidJS's own parse tree: output of
// variables with the money/date filters, if/elsif/else/unless on plain conditions, for loops, comments.
// Anything else (other tags or filters, computed keys) leaves the template to LiquidJS. At render time
// anything unusual (an undefined variable, a value that is not plain data) throws Bail, and the caller
// renders that message with LiquidJS, which gives the exact result or the exact error with its position.
// LiquidJS semantics mirrored: strictVariables (undefined throws, null renders empty), lenientIf,
// ownPropertyOnly, Liquid truthiness (only false and nil are false), `escape` after the filters.
import { TokenKind, type Template } from 'liquidjs';
import { DATE_STYLES, type DateStyle, formatDate, formatMoney } from './format';

export class Bail extends Error {}
const BAIL = new Bail('not plain');

type Scope = Record<string, unknown>;
type Value = (root: Scope, locals: Scope[]) => unknown;
type Condition = (root: Scope, locals: Scope[]) => boolean;
export type Node =
  | string
  | { kind: 'out'; value: Value }
  | { kind: 'if'; branches: Array<[Condition, Node[]]>; otherwise: Node[] }
  | { kind: 'for'; variable: string; collection: Value; body: Node[]; otherwise: Node[] };

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();
const own = Object.prototype.hasOwnProperty;

interface TokenLike {
  kind: number;
  content?: unknown;
  props?: TokenLike[];
  variable?: unknown;
  operator?: string;
  getText(): string;
}

/** A variable path (`order.lines.size`) read as LiquidJS does; `lenient` (if conditions) makes undefined nil. */
function pathReader(token: TokenLike, lenient: boolean): Value {
  if (token.variable || !token.props?.length) throw UNSUPPORTED;
  const path = token.props.map((p) => {
    if (typeof p.content !== 'string' || p.kind === TokenKind.Number) throw UNSUPPORTED;
    return p.content;
  });
  const [first, ...rest] = path as [string, ...string[]];
  const missing = (): unknown => {
    if (lenient) return null;
    throw BAIL;
  };
  return (root, locals) => {
    let value: unknown;
    let found = false;
    for (let i = locals.length - 1; i >= 0 && !found; i--)
      if (own.call(locals[i], first)) {
        value = locals[i]![first];
        found = true;
      }
    if (!found) {
      if (!own.call(root, first)) return missing();
      value = root[first];
    }
    for (const key of rest) {
      if (value === null) return null;
      if (typeof value !== 'object') throw BAIL;
      if (Array.isArray(value)) {
        if (key === 'size') value = value.length;
        else if (key === 'first' || key === 'last') value = value.length ? value[key === 'first' ? 0 : value.length - 1] : undefined;
        else value = own.call(value, key) ? (value as unknown as Scope)[key] : undefined;
      } else {
        const has = own.call(value, key);
        if (!has && (key === 'size' || key === 'first' || key === 'last')) throw BAIL;
        value = has ? (value as Scope)[key] : undefined;
      }
      if (typeof value === 'function') throw BAIL;
      if (value === undefined) return missing();
    }
    if (value === undefined) return missing();
    return value;
  };
}

function literal(token: TokenLike): unknown {
  if (token.kind === TokenKind.Quoted || token.kind === TokenKind.Number) return token.content;
  if (token.kind === TokenKind.Literal && (token.content === null || typeof token.content === 'boolean')) return token.content;
  throw UNSUPPORTED;
}

function operand(token: TokenLike, lenient: boolean): Value {
  if (token.kind === TokenKind.PropertyAccess) return pathReader(token, lenient);
  const value = literal(token);
  return () => value;
}

const truthy = (value: unknown): boolean => value !== false && value !== undefined && value !== null;
const plain = (value: unknown): unknown => {
  if (value !== null && typeof value === 'object') throw BAIL;
  return value;
};

function condition(postfix: TokenLike[]): Condition {
  const stack: Value[] = [];
  for (const token of postfix) {
    if (token.kind !== TokenKind.Operator) {
      stack.push(operand(token, true));
      continue;
    }
    const right = stack.pop();
    const left = stack.pop();
    if (!left || !right) throw UNSUPPORTED;
    switch (token.operator) {
      case '==':
        stack.push((r, l) => plain(left(r, l)) === plain(right(r, l)));
        break;
      case '!=':
      case '<>':
        stack.push((r, l) => plain(left(r, l)) !== plain(right(r, l)));
        break;
      case 'and':
        stack.push((r, l) => {
          const a = truthy(left(r, l));
          const b = truthy(right(r, l));
          return a && b;
        });
        break;
      case 'or':
        stack.push((r, l) => {
          const a = truthy(left(r, l));
          const b = truthy(right(r, l));
          return a || b;
        });
        break;
      default:
        throw UNSUPPORTED;
    }
  }
  if (stack.length !== 1) throw UNSUPPORTED;
  const only = stack[0]!;
  return (r, l) => truthy(only(r, l));
}

interface FilterLike {
  name: string;
  args: TokenLike[];
  handler: unknown;
}
interface ValueLike {
  initial: { postfix: TokenLike[] };
  filters: FilterLike[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const stringify = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(plain(value));

/** `text`: for the text alternative, without the output escape (an explicit `| escape` stays). */
function filtered(value: ValueLike, timeZone: string, escapeHandler: unknown, text: boolean): Value {
  if (value.initial.postfix.length !== 1) throw UNSUPPORTED;
  let read = operand(value.initial.postfix[0]!, false);
  for (const filter of value.filters) {
    const args = filter.args.map((arg) =>
      Array.isArray(arg)
        ? (() => {
            throw UNSUPPORTED;
          })()
        : literal(arg),
    );
    const before = read;
    if (filter.name === 'money') {
      const currency = args[0];
      read = (r, l) => {
        const code =
          typeof currency === 'string' && currency ? currency : ((r.order as { currency?: string } | undefined)?.currency ?? 'PLN');
        return formatMoney(plain(before(r, l)) as number | null, code);
      };
    } else if (filter.name === 'date') {
      const style: DateStyle =
        typeof args[0] === 'string' && (DATE_STYLES as readonly string[]).includes(args[0]) ? (args[0] as DateStyle) : 'date';
      read = (r, l) => formatDate(plain(before(r, l)) as string | null, style, timeZone);
    } else if (text && filter.name !== 'escape' && filter.handler === escapeHandler) {
      read = (r, l) => stringify(before(r, l)).replace(/[ \t\r\n\f]+/g, ' ');
    } else if ((filter.name === 'escape' || filter.handler === escapeHandler) && args.length === 0) {
      read = (r, l) => escapeHtml(stringify(before(r, l)));
    } else {
      throw UNSUPPORTED;
    }
  }
  return read;
}

interface TemplateLike {
  token: { kind: number };
  str?: string;
  value?: ValueLike;
  name?: string;
  branches?: Array<{ value: ValueLike; test?: unknown; templates: TemplateLike[] }>;
  elseTemplates?: TemplateLike[];
  templates?: TemplateLike[];
  variable?: string;
  collection?: TokenLike;
  hash?: { hash: object };
}

function compileNodes(templates: readonly TemplateLike[], timeZone: string, escapeHandler: unknown, text: boolean): Node[] {
  return templates.flatMap((tpl): Node[] => {
    if (tpl.token.kind === TokenKind.HTML) return [tpl.str ?? ''];
    if (tpl.token.kind === TokenKind.Output && tpl.value)
      return [{ kind: 'out', value: filtered(tpl.value, timeZone, escapeHandler, text) }];
    if (tpl.name === 'comment') return [];
    if ((tpl.name === 'if' || tpl.name === 'unless') && tpl.branches) {
      const branches = tpl.branches.map(({ value, templates: body }, i): [Condition, Node[]] => {
        if (value.filters.length) throw UNSUPPORTED;
        const test = condition(value.initial.postfix);
        const negate = tpl.name === 'unless' && i === 0;
        return [negate ? (r, l) => !test(r, l) : test, compileNodes(body, timeZone, escapeHandler, text)];
      });
      return [{ kind: 'if', branches, otherwise: compileNodes(tpl.elseTemplates ?? [], timeZone, escapeHandler, text) }];
    }
    if (tpl.name === 'for' && tpl.collection && tpl.variable && tpl.hash && Object.keys(tpl.hash.hash).length === 0) {
      const read = operand(tpl.collection, false);
      return [
        {
          kind: 'for',
          variable: tpl.variable,
          collection: read,
          body: compileNodes(tpl.templates ?? [], timeZone, escapeHandler, text),
          otherwise: compileNodes(tpl.elseTemplates ?? [], timeZone, escapeHandler, text),
        },
      ];
    }
    throw UNSUPPORTED;
  });
}

/** The compiled form of a parsed template, or undefined when it uses what only LiquidJS renders. */
export function compileTemplate(templates: Template[], timeZone: string, escapeHandler: unknown, text = false): Node[] | undefined {
  try {
    return compileNodes(templates as unknown as TemplateLike[], timeZone, escapeHandler, text);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Renders compiled nodes (the output escape is one of their filters). Throws Bail for LiquidJS to take over. */
export function renderNodes(nodes: readonly Node[], root: Scope, locals: Scope[] = [], out: string[] = []): string[] {
  for (const node of nodes) {
    if (typeof node === 'string') out.push(node);
    else if (node.kind === 'out') {
      out.push(stringify(node.value(root, locals)));
    } else if (node.kind === 'if') {
      let chosen = node.otherwise;
      for (const [test, body] of node.branches)
        if (test(root, locals)) {
          chosen = body;
          break;
        }
      renderNodes(chosen, root, locals, out);
    } else {
      const items = node.collection(root, locals);
      if (!Array.isArray(items)) throw BAIL;
      if (!items.length) {
        renderNodes(node.otherwise, root, locals, out);
        continue;
      }
      const length = items.length;
      const scope: Scope = {};
      locals.push(scope);
      try {
        for (let index = 0; index < length; index++) {
          scope.forloop = {
            index: index + 1,
            index0: index,
            rindex: length - index,
            rindex0: length - index - 1,
            first: index === 0,
            last: index === length - 1,
            length,
          };
          scope[node.variable] = items[index];
          renderNodes(node.body, root, locals, out);
        }
      } finally {
        locals.pop();
      }
    }
  }
  return out;
}
