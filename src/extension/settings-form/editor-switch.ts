// "Reopen as text" / "Open settings form": the file's editor is replaced in place, as VS Code's own "Reopen
// Editor With…" does (same group, same tab position, one tab), not opened a second time beside it. VS Code's
// `reopenActiveEditorWith` command (the one behind "Reopen Editor With Text Editor") replaces the active
// editor; the tab to replace is made active first.
import * as vscode from 'vscode';
import { SETTINGS_FORM_VIEW_TYPE } from '../../protocol/settings-form';

/** VS Code's id of the text editor in editor associations and `vscode.openWith`. */
export const TEXT_EDITOR = 'default';

type EditorKind = typeof TEXT_EDITOR | typeof SETTINGS_FORM_VIEW_TYPE;

function kindOf(tab: vscode.Tab): EditorKind | undefined {
  if (tab.input instanceof vscode.TabInputText) return TEXT_EDITOR;
  if (tab.input instanceof vscode.TabInputCustom && tab.input.viewType === SETTINGS_FORM_VIEW_TYPE) return SETTINGS_FORM_VIEW_TYPE;
  return undefined;
}

function uriOf(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText || tab.input instanceof vscode.TabInputCustom ? tab.input.uri : undefined;
}

/** The tab showing `uri` in the text editor or the form: the active one first, else the first found. */
export function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  const matches = (tab: vscode.Tab | undefined) =>
    tab !== undefined && kindOf(tab) !== undefined && uriOf(tab)?.toString() === uri.toString();
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (matches(active)) return active;
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(matches);
}

/** The uri of the active tab when it shows a file in the text editor or the form. */
export function activeEditorUri(): vscode.Uri | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab && kindOf(tab) ? uriOf(tab) : undefined;
}

/** Shows `uri` in `editor`: its open tab is replaced in place (or just activated); else a new tab opens. */
export async function showIn(uri: vscode.Uri, editor: EditorKind): Promise<void> {
  const tab = tabOf(uri);
  if (!tab) {
    await vscode.commands.executeCommand('vscode.openWith', uri, editor);
    return;
  }
  // Opening what the tab already shows, in its group, activates it.
  await vscode.commands.executeCommand('vscode.openWith', uri, kindOf(tab), { viewColumn: tab.group.viewColumn, preview: false });
  if (kindOf(tab) === editor) return;
  try {
    await vscode.commands.executeCommand('reopenActiveEditorWith', editor);
  } catch {
    // A VS Code without that command: open the other editor in the same group, then close the old tab.
    await vscode.commands.executeCommand('vscode.openWith', uri, editor, { viewColumn: tab.group.viewColumn, preview: false });
    await vscode.window.tabGroups.close(tab, true);
  }
}
