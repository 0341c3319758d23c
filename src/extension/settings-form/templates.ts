// "Message template…": opens the body file of the template an action uses, beside the form, creating the
// file from a starter when it is missing (never overwriting one).
import * as vscode from 'vscode';
import type { TemplatePlan } from './template-plan';

/** Creates the body file from the starter when missing (never overwrites) and opens it beside the form. */
export async function openTemplateBody(folder: vscode.Uri, plan: TemplatePlan): Promise<vscode.TextEditor | undefined> {
  if (!plan.bodyFile) return undefined;
  const file = vscode.Uri.joinPath(folder, ...plan.bodyFile.split(/[\\/]/));
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(plan.starter));
  }
  return vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
