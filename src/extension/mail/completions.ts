// Completions in template files: the documented variables after `{{` and `.` (loop variables resolved), the
// filters after `|`.
import * as vscode from 'vscode';
import { TEMPLATE_VARIABLES, variableAt } from '../../core/mail';

const FILTERS: Array<[string, string]> = [
  ['money', 'Polish money from grosze: 1 234,56 zł (optional currency: money: "EUR")'],
  ['date', 'Date in the deployment time zone: 28.11.2026 (styles: "long", "datetime", "time")'],
];

export function templateCompletions(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
  const before = document.getText(new vscode.Range(new vscode.Position(Math.max(0, position.line - 5), 0), position));
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open < 0 || before.lastIndexOf('}}') > open || before.lastIndexOf('%}') > open) return undefined;
  const inside = before.slice(open + 2);
  if (/\|\s*\w*$/.test(inside)) {
    return FILTERS.map(([name, description]) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Function);
      item.detail = description;
      return item;
    });
  }
  const match = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.(\w*)$/.exec(inside);
  let fields = TEMPLATE_VARIABLES;
  if (match) {
    const segments = match[1]!.split('.');
    // A loop variable: {% for line in order.lines %} → line.… completes like order.lines[].
    const loop = new RegExp(`\\{%-?\\s*for\\s+${segments[0]}\\s+in\\s+([\\w.]+)`).exec(document.getText());
    const resolved = loop ? [...loop[1]!.split('.'), ...segments.slice(1)] : segments;
    const node = variableAt(resolved);
    const next = node?.kind === 'list' ? node.items?.fields : node?.fields;
    if (!next) return undefined;
    fields = next;
  } else if (!/(^|[\s(,])\w*$/.test(inside)) {
    return undefined;
  }
  return Object.entries(fields).map(([name, node]) => {
    const item = new vscode.CompletionItem(
      name,
      node.fields || node.items ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Field,
    );
    item.detail = node.example ? `${node.description} — ${node.example}` : node.description;
    return item;
  });
}
