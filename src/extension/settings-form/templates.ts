// "Message template…": opens the body file of the template an action uses, beside the form, creating the
// file from a starter when it is missing (never overwriting one). The path comes from the settings, which
// anyone may have edited: it goes through the core's check (inside the deployment folder, no "..", no link out).
import * as vscode from 'vscode';
import { templateBodyPathToWrite } from '../../core/mail/templates';
import type { TemplatePlan } from './template-plan';

/** Creates the body file from the starter when missing (never overwrites) and opens it beside the form. */
export async function openTemplateBody(folder: vscode.Uri, plan: TemplatePlan): Promise<vscode.TextEditor | undefined> {
  if (!plan.bodyFile) return undefined;
  let file: vscode.Uri;
  try {
    file = vscode.Uri.file(await templateBodyPathToWrite(folder.fsPath, plan.bodyFile));
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(plan.starter));
  }
  return vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
