// What the form's buttons call. Each service is another feature's command (shop, mail, state), reached
// through vscode.commands so the form has no compile-time dependency on them: a command that is not
// registered (yet) shows as "not available" in the form. Results are normalized to one line of text;
// secrets never pass through here (the commands that take them prompt for them themselves).
import * as vscode from 'vscode';
import { PLATFORM_CAPABILITIES } from '../../core/shops/capabilities';
import { cachedStatuses } from '../../core/shops/statusCache';
import type { FormContext, ResetAction, ResetOutcome, ServiceName, ServiceResult } from '../../protocol/settings-form';
import { deploymentSecrets } from '../secrets';
import type { StateAccess } from '../state-access';

export const SERVICE_COMMANDS: Record<ServiceName, string> = {
  setShopCredentials: 'optimaSync.setShopCredentials',
  testShopConnection: 'optimaSync.testShopConnection',
  refreshShopStatuses: 'optimaSync.refreshShopStatuses',
  setSmtpPassword: 'optimaSync.setSmtpPassword',
  sendTestEmail: 'optimaSync.sendTestEmail',
  previewTemplate: 'optimaSync.previewTemplate',
  resetState: 'optimaSync.resetState',
};

export type ShopStatus = { id: string; name: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'detail', 'response', 'answer', 'diagnosis', 'error']) {
      if (typeof record[key] === 'string' && record[key]) return record[key] as string;
    }
  }
  return undefined;
}

/** Turns whatever a service command returned into ok + one line. */
export function normalizeResult(value: unknown, fallback: string): ServiceResult {
  if (value === undefined || value === null) return { ok: false, message: vscode.l10n.t('Cancelled') };
  if (typeof value === 'boolean') return { ok: value, message: fallback };
  const ok = typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean' ? Boolean((value as { ok: boolean }).ok) : true;
  return { ok, message: textOf(value) ?? fallback };
}

/** Reads statuses out of a command result: an array of {id, name}, or an object holding one (or a `report` holding one). */
export function statusesOf(value: unknown): ShopStatus[] | undefined {
  const record = value && typeof value === 'object' ? (value as { statuses?: unknown; report?: { statuses?: unknown } }) : undefined;
  const list = Array.isArray(value) ? value : (record?.statuses ?? record?.report?.statuses);
  if (!Array.isArray(list)) return undefined;
  return list
    .filter((s): s is { id: unknown; name?: unknown } => Boolean(s) && typeof s === 'object' && 'id' in s)
    .map((s) => ({ id: String(s.id), name: typeof s.name === 'string' && s.name ? s.name : String(s.id) }));
}

/** Reads per-action counts out of a reset result (`counts` keyed by action name). */
export function countsOf(value: unknown): Partial<Record<ResetAction, number>> | undefined {
  const counts = value && typeof value === 'object' ? (value as { counts?: unknown }).counts : undefined;
  if (!counts || typeof counts !== 'object') return undefined;
  const result: Partial<Record<ResetAction, number>> = {};
  for (const [key, count] of Object.entries(counts)) if (typeof count === 'number') result[key as ResetAction] = count;
  return result;
}

/** Platforms that can receive the sales document: its PDF, or its number where no file can go (capabilities.ts). */
export const PLATFORMS_WITH_PDF_UPLOAD: string[] = Object.entries(PLATFORM_CAPABILITIES)
  .filter(([, capabilities]) => capabilities.uploadSalesPdf || capabilities.documentNumber)
  .map(([platform]) => platform);

/** The statuses the shop feature cached in the state database (read-only open: no lock, nothing written). */
async function cachedShopStatuses(state: StateAccess, folder: vscode.Uri, platform: string | undefined): Promise<ShopStatus[] | undefined> {
  try {
    const store = await state.openForDisplay(folder);
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

export class FormServices {
  /** The shop statuses last fetched in this session per deployment folder (when the state database cannot be read). */
  private readonly statuses = new Map<string, ShopStatus[]>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: StateAccess) {}

  async availability(): Promise<Record<ServiceName, boolean>> {
    const registered = new Set(await vscode.commands.getCommands(true));
    const result = {} as Record<ServiceName, boolean>;
    for (const [name, command] of Object.entries(SERVICE_COMMANDS)) result[name as ServiceName] = registered.has(command);
    return result;
  }

  /** What the form shows besides the file; `platform` is the file's shop platform (statuses are per platform). */
  async context(folder: vscode.Uri, platform?: string): Promise<FormContext> {
    const secrets = deploymentSecrets(this.secrets, folder);
    const [services, cached, smtpPassword, shopKey, shopSecret, apiloTokens] = await Promise.all([
      this.availability(),
      cachedShopStatuses(this.state, folder, platform),
      secrets.has('smtpPassword'),
      secrets.has('shopKey'),
      secrets.has('shopSecret'),
      secrets.has('apiloTokens'),
    ]);
    return {
      services,
      shopStatuses: cached ?? this.statuses.get(folder.toString()) ?? [],
      platformsWithPdfUpload: [...PLATFORMS_WITH_PDF_UPLOAD],
      secrets: { shopCredentials: shopKey || shopSecret || apiloTokens, smtpPassword },
      trusted: vscode.workspace.isTrusted,
    };
  }

  private async call(name: ServiceName, ...args: unknown[]): Promise<unknown> {
    if (!(await this.availability())[name]) throw new Error(vscode.l10n.t('Not available yet'));
    return vscode.commands.executeCommand(SERVICE_COMMANDS[name], ...args);
  }

  private async guarded(name: ServiceName, fallback: string, ...args: unknown[]): Promise<ServiceResult> {
    try {
      return normalizeResult(await this.call(name, ...args), fallback);
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  }

  setShopCredentials(folder: vscode.Uri): Promise<ServiceResult> {
    return this.guarded('setShopCredentials', vscode.l10n.t('Shop credentials stored'), folder);
  }

  testShopConnection(folder: vscode.Uri): Promise<ServiceResult> {
    return this.guarded('testShopConnection', vscode.l10n.t('Connected'), folder);
  }

  async refreshShopStatuses(folder: vscode.Uri): Promise<ServiceResult> {
    try {
      const value = await this.call('refreshShopStatuses', folder);
      const statuses = statusesOf(value);
      if (statuses) this.statuses.set(folder.toString(), statuses);
      if (statuses) return { ok: true, message: vscode.l10n.t('{0} statuses fetched from the shop', statuses.length) };
      return normalizeResult(value, vscode.l10n.t('Statuses refreshed'));
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  }

  setSmtpPassword(folder: vscode.Uri): Promise<ServiceResult> {
    return this.guarded('setSmtpPassword', vscode.l10n.t('SMTP password stored'), folder);
  }

  sendTestEmail(folder: vscode.Uri, to: string): Promise<ServiceResult> {
    return this.guarded('sendTestEmail', vscode.l10n.t('Test e-mail sent to {0}', to), folder, { to });
  }

  async previewTemplate(folder: vscode.Uri, template: string): Promise<void> {
    if ((await this.availability()).previewTemplate) {
      await vscode.commands.executeCommand(SERVICE_COMMANDS.previewTemplate, folder, { template });
    }
  }

  async reset(folder: vscode.Uri, actions: ResetAction[], until: string, dryRun: boolean): Promise<ResetOutcome> {
    try {
      const value = await this.call('resetState', folder, { actions, until, dryRun, confirm: !dryRun });
      const counts = countsOf(value);
      const total = counts ? Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0) : 0;
      const fallback = dryRun
        ? vscode.l10n.t('{0} action(s) would be marked as done', total)
        : vscode.l10n.t('{0} action(s) marked as done up to {1}', total, until);
      return { ...normalizeResult(value, fallback), ...(counts ? { counts } : {}) };
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  }
}
