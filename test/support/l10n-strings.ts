// Finds every user-facing string of the code base: the first argument of t(...) (core) and
// vscode.l10n.t(...) (extension), by parsing the TypeScript sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FoundString {
  text: string;
  file: string;
  line: number;
  /** A plural (tn): `text` is the English "other" form, translated per plural category ("<text>#few"). */
  plural?: boolean;
}

/** The Polish plural categories (Intl.PluralRules('pl')) a plural needs in the bundle; "other" is for fractions. */
export const POLISH_PLURAL_CATEGORIES = ['one', 'few', 'many', 'other'] as const;

/** Whether the bundle translates the string (every plural category of a plural). */
export function isTranslated(found: FoundString, bundle: Record<string, string>): boolean {
  return found.plural ? POLISH_PLURAL_CATEGORIES.every((category) => `${found.text}#${category}` in bundle) : found.text in bundle;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function isTranslateCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  // vscode.l10n.t(...)
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n';
}

export function userFacingStrings(root: string, folders: string[]): FoundString[] {
  const found: FoundString[] = [];
  for (const file of folders.flatMap((f) => walk(path.join(root, f)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      // tn(count, one, other): the plural's key is its "other" form.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tn') {
        const other = node.arguments[2];
        if (other && (ts.isStringLiteral(other) || ts.isNoSubstitutionTemplateLiteral(other))) {
          found.push({ text: other.text, file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(other.getStart()).line + 1, plural: true });
        }
      }
      if (ts.isCallExpression(node) && isTranslateCall(node)) {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          found.push({ text: first.text, file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(first.getStart()).line + 1 });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
