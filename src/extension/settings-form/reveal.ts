// "Show in the settings form": a problem's setting, revealed in the form. Reached from the Problems panel (the
// diagnostic's code is a link with this command URI, which the panel opens) and from the diagnostic's Quick Fix.
import * as vscode from 'vscode';
import type { OptimaCommand } from '../commands';
import { pointerToPath } from '../../core/settings/positions';

export const SHOW_SETTING_COMMAND: OptimaCommand = 'optimaSync.showSettingInForm';

/** The command URI that reveals `pointer` of the settings file `file` in the form. */
export function showSettingUri(file: vscode.Uri, pointer: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_SETTING_COMMAND}?${encodeURIComponent(JSON.stringify([file.toString(), pointer]))}`);
}

/** The pointer a diagnostic of ours is about (from its code link), or undefined for anyone else's. */
export function pointerOfDiagnostic(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code !== 'object' || code.target.scheme !== 'command' || code.target.path !== SHOW_SETTING_COMMAND) return undefined;
  // Uri.query is already decoded; a query kept encoded (older revivals) is decoded once more.
  for (const query of [code.target.query, safeDecode(code.target.query)]) {
    try {
      const args = JSON.parse(query) as unknown;
      if (Array.isArray(args) && typeof args[1] === 'string') return args[1];
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How a setting is named in the Problems panel: its path, e.g. email.testMode.recipient. */
export function settingPathLabel(pointer: string): string {
  return pointer ? pointerToPath(pointer).join('.') : 'optima-sync.json';
}
