// The extension's log as its channel wrote it to disk (the extension API's logFolder, or beside it).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as vscode from 'vscode';

export async function readLogs(folder: vscode.Uri): Promise<string> {
  const texts: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.log')) texts.push(await fs.readFile(full, 'utf8'));
    }
  };
  // The channel's file is written next to (or under) the extension's log folder.
  await walk(path.dirname(folder.fsPath));
  return texts.join('\n');
}
