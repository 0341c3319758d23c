// Finds every user-facing string of the code base: the first argument of t(...) (core) and
// vscode.l10n.t(...) (extension), by parsing the TypeScript sources.
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
