// Maps JSON pointers (ajv's instancePath) and offsets to lines and columns of the settings text.
import { findNodeAtLocation, type Node as JsonNode, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';

export interface TextRange {
  offset: number;
  length: number;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  endLine: number;
  endColumn: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
  range(offset: number, length: number): TextRange {
    const start = this.position(offset);
    const end = this.position(offset + length);
    return { offset, length, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}

export function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export interface ParsedText {
  root: JsonNode | undefined;
  syntaxErrors: Array<{ message: string; offset: number; length: number }>;
}

export function parseSettingsText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return {
    root,
    syntaxErrors: errors.map((e) => ({ message: printParseErrorCode(e.error), offset: e.offset, length: Math.max(e.length, 1) })),
  };
}

/** The node a pointer names; when `key` is given, the key of that property inside the object. */
export function locate(root: JsonNode | undefined, path: Array<string | number>, key?: string): { offset: number; length: number } {
  if (!root) return { offset: 0, length: 0 };
  let node = findNodeAtLocation(root, path);
  // Fall back to the nearest existing ancestor (a missing property is reported at its parent).
  let depth = path.length;
  while (!node && depth > 0) node = findNodeAtLocation(root, path.slice(0, --depth));
  node ??= root;
  if (key !== undefined && node.type === 'object') {
    const property = node.children?.find((p) => p.children?.[0]?.value === key);
    const keyNode = property?.children?.[0];
    if (keyNode) return { offset: keyNode.offset, length: keyNode.length };
  }
  // Point at the property's key rather than a whole object value: a one-line, readable range.
  if ((node.type === 'object' || node.type === 'array') && node.parent?.type === 'property') {
    const keyNode = node.parent.children?.[0];
    if (keyNode) return { offset: keyNode.offset, length: keyNode.length };
  }
  if (node.type === 'object' || node.type === 'array') return { offset: node.offset, length: 1 };
  return { offset: node.offset, length: node.length };
}
