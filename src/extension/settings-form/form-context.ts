// What the form shows besides the file: which secrets are stored (never their values), the shop's statuses
// for the pickers (cached in the state database by the shop feature), and the workspace's trust.
import * as vscode from 'vscode';
import type { ShopStatus } from '../../core/shops/connector';
import { PLATFORM_CAPABILITIES } from '../../core/shops/capabilities';
import { cachedStatuses } from '../../core/shops/status-cache';
import type { FormContext } from '../../protocol/settings-form';
import { deploymentSecrets } from '../secrets';
import type { StateAccess } from '../state-access';

/** Platforms that can receive the sales document: its PDF, or its number where no file can go (capabilities.ts). */
export const PLATFORMS_WITH_PDF_UPLOAD: string[] = Object.entries(PLATFORM_CAPABILITIES)
  .filter(([, capabilities]) => capabilities.uploadSalesPdf || capabilities.documentNumber)
  .map(([platform]) => platform);

export class FormContextSource {
  /** Statuses fetched in this session, per folder and platform (when the state database could not be read). */
  private readonly fetched = new Map<string, { platform: string; statuses: ShopStatus[] }>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: StateAccess,
  ) {}

  remember(folder: vscode.Uri, platform: string, statuses: ShopStatus[]): void {
    this.fetched.set(folder.toString(), { platform, statuses: statuses.map(({ id, name }) => ({ id, name })) });
  }

  /** `platform`: the file's shop platform (the cached statuses are per platform). */
  async context(folder: vscode.Uri, platform: string | undefined): Promise<FormContext> {
    const secrets = deploymentSecrets(this.secrets, folder);
    const [stored, smtpPassword, alertsSmtpPassword, erpPassword, erpBridgeToken, shopKey, shopSecret, apiloTokens] = await Promise.all([
      this.storedStatuses(folder, platform),
      secrets.has('smtpPassword'),
      secrets.has('alertsSmtpPassword'),
      secrets.has('erpPassword'),
      secrets.has('erpBridgeToken'),
      secrets.has('shopKey'),
      secrets.has('shopSecret'),
      secrets.has('apiloTokens'),
    ]);
    const fetched = this.fetched.get(folder.toString());
    return {
      shopStatuses: stored ?? (fetched && (!platform || fetched.platform === platform) ? fetched.statuses : []),
      secrets: { shopCredentials: shopKey || shopSecret || apiloTokens, smtpPassword, alertsSmtpPassword, erpPassword, erpBridgeToken },
      trusted: vscode.workspace.isTrusted,
    };
  }

  /** The statuses the shop feature cached in the state database (read-only open: no lock, nothing written). */
  private async storedStatuses(folder: vscode.Uri, platform: string | undefined): Promise<ShopStatus[] | undefined> {
    try {
      const store = await this.state.openForDisplay(folder);
      try {
        const cached = cachedStatuses(store);
        return cached && (!platform || cached.platform === platform) ? cached.statuses : undefined;
      } finally {
        await store.close();
      }
    } catch {
      return undefined;
    }
  }
}
