// Finds every user-facing string of the code base: the first argument of t(...) (core, webview) and
// vscode.l10n.t(...) (extension), and the bundle keys of plural(count, { one, other }) (one per plural
// category of the languages we ship: "one" from `one`, "few", "many" and "other" from `other`), by parsing
// the TypeScript sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FoundString {
  text: string;
  file: string;
  line: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The plural categories of the shipped languages (English one/other, Polish one/few/many/other). */
export const PLURAL_CATEGORIES = ['one', 'few', 'many', 'other'] as const;

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** plural(count, { one: '…', other: '…' }, …) → its bundle keys. */
function pluralKeys(node: ts.CallExpression): string[] | undefined {
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'plural') return undefined;
  const forms = node.arguments[1];
  if (!forms || !ts.isObjectLiteralExpression(forms)) return undefined;
  const form = (name: string) => {
    const property = forms.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
    );
    return literal(property?.initializer);
  };
  const one = form('one');
  const other = form('other');
  if (one === undefined || other === undefined) return undefined;
  return PLURAL_CATEGORIES.map((category) => `${category === 'one' ? one : other}/${category}`);
}

function isTranslateCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  // vscode.l10n.t(...)
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 't' &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'l10n'
  );
}

export function userFacingStrings(root: string, folders: string[]): FoundString[] {
  const found: FoundString[] = [];
  for (const file of folders.flatMap((f) => walk(path.join(root, f)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      const at = () => ({ file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      if (ts.isCallExpression(node) && isTranslateCall(node)) {
        const text = literal(node.arguments[0]);
        if (text !== undefined) found.push({ text, ...at() });
      }
      if (ts.isCallExpression(node)) for (const text of pluralKeys(node) ?? []) found.push({ text, ...at() });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
