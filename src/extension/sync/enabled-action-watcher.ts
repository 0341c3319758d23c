// When a save of the settings enables an action, old orders would get it on the next pass: offers the reset, with the count it would spare.
import * as vscode from 'vscode';
import os from 'node:os';
import { loadSettings } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import type { ActionKind } from '../../core/model/actions';
import { todayInZone } from '../../core/state/index';
import { enabledActions } from '../../core/sync/plan';
import type { SyncDependencies } from '../../core/sync/types';
import type { Settings } from '../../core/settings/types.generated';
import type { FeatureContext } from '../context';
import { deploymentOf } from '../deployments';
import type { StateService } from '../features/state';

/** When a save enables an action, old orders would get it: offer the reset, with the count it would spare. */
export class EnabledActionWatcher {
  private readonly known = new Map<string, Set<ActionKind>>();

  constructor(
    private readonly context: FeatureContext,
    private readonly state: StateService,
  ) {}

  private static kinds(settings: Settings): Set<ActionKind> {
    const deps = { settings } as SyncDependencies;
    return new Set(enabledActions(deps.settings));
  }

  async remember(settingsFile: vscode.Uri): Promise<void> {
    try {
      this.known.set(
        settingsFile.toString(),
        EnabledActionWatcher.kinds((await loadSettings(deploymentOf(settingsFile).folder.fsPath)).settings),
      );
    } catch {
      // Invalid settings: nothing to compare against yet.
    }
  }

  async onSaved(settingsFile: vscode.Uri): Promise<void> {
    const before = this.known.get(settingsFile.toString());
    await this.remember(settingsFile);
    const after = this.known.get(settingsFile.toString());
    if (!before || !after || !vscode.workspace.isTrusted) return;
    const added = [...after].filter((k) => !before.has(k));
    if (added.length === 0) return;
    const deployment = deploymentOf(settingsFile);
    const settings = (await loadSettings(deployment.folder.fsPath)).settings;
    const until = todayInZone(this.context.clock(), settings.timezone);
    let spared: number;
    try {
      const store = await this.context.state.openForDisplay(deployment.folder);
      try {
        const result = await store.reset({
          actions: added,
          until,
          timezone: settings.timezone,
          dryRun: true,
          user: os.userInfo().username,
        });
        spared = Math.max(...added.map((k) => result.counts[k]));
      } finally {
        await store.close();
      }
    } catch {
      return; // No state yet: no old orders to spare.
    }
    if (spared === 0) return;
    const reset = vscode.l10n.t('Reset…');
    const answer = await vscode.window.showInformationMessage(
      plural(
        spared,
        {
          one: 'You enabled {1}. {0} order fetched up to today would get it on the next pass. Reset the reverse-update state for it?',
          other: 'You enabled {1}. {0} orders fetched up to today would get it on the next pass. Reset the reverse-update state for them?',
        },
        added.join(', '),
      ),
      reset,
    );
    if (answer === reset) await this.state.reset(deployment, { actions: added, until });
  }
}
