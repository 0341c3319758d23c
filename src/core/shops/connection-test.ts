// "Test shop connection" for the CLI and VS Code alike: authenticate, list the statuses with their names,
// check the statuses the settings name exist, and show what the platform's API can do.
import { t } from '../l10n';
import type { Platform } from '../model/order';
import type { Settings } from '../settings/types.generated';
import type { ShopCapabilities, ShopStatus } from './connector';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { platformName } from './errors';

export interface ShopConnectionReport {
  ok: boolean;
  platform: string;
  platformName: string;
  /** The connector's own words on the check ("WooCommerce keys accepted; 42 orders in the shop"). */
  detail?: string;
  error?: string;
  statuses: ShopStatus[];
  capabilities: ShopCapabilities;
  /** Status ids the settings use that the shop does not know: setting → ids. */
  unknownStatuses: Array<{ setting: string; ids: string[] }>;
  /** Every platform's capabilities (the matrix printed with the report). */
  matrix: Array<{ platform: string; name: string } & ShopCapabilities>;
}

export function capabilityMatrix(): ShopConnectionReport['matrix'] {
  return Object.entries(PLATFORM_CAPABILITIES).map(([platform, capabilities]) => ({
    platform,
    name: platformName(platform),
    ...capabilities,
  }));
}

/** Settings that name shop statuses, with the ids they use. */
export function statusSettings(settings: Settings): Array<{ setting: string; ids: string[] }> {
  const used: Array<{ setting: string; ids: string[] }> = [
    { setting: 'shop.importStatuses', ids: [...(settings.shop.importStatuses ?? [])] },
  ];
  const erp = settings.erp as { realizeOnStatuses?: string[] } | undefined;
  if (erp?.realizeOnStatuses?.length) used.push({ setting: 'erp.realizeOnStatuses', ids: [...erp.realizeOnStatuses] });
  const afterImport = settings.afterImport?.setStatus;
  if (afterImport?.enabled && afterImport.status) used.push({ setting: 'afterImport.setStatus.status', ids: [afterImport.status] });
  const afterRealization = settings.afterRealization?.setStatus;
  if (afterRealization?.enabled && afterRealization.status)
    used.push({ setting: 'afterRealization.setStatus.status', ids: [afterRealization.status] });
  return used;
}

export interface TestableShop {
  readonly capabilities: ShopCapabilities;
  listStatuses(): Promise<ShopStatus[]>;
  testConnection(): Promise<{ ok: true; detail: string }>;
}

export async function runShopConnectionTest(settings: Settings, open: () => Promise<TestableShop>): Promise<ShopConnectionReport> {
  const platform = settings.shop.platform as Platform;
  const report: ShopConnectionReport = {
    ok: false,
    platform,
    platformName: platformName(platform),
    statuses: [],
    capabilities: { ...PLATFORM_CAPABILITIES[platform] },
    unknownStatuses: [],
    matrix: capabilityMatrix(),
  };
  try {
    const shop = await open();
    report.detail = (await shop.testConnection()).detail;
    report.statuses = await shop.listStatuses();
    report.capabilities = { ...shop.capabilities };
    const known = new Set(report.statuses.map((s) => s.id));
    report.unknownStatuses = statusSettings(settings)
      .map(({ setting, ids }) => ({ setting, ids: ids.filter((id) => !known.has(id)) }))
      .filter((entry) => entry.ids.length > 0);
    report.ok = true;
  } catch (error) {
    report.error = (error as Error).message;
  }
  return report;
}

export function shopReportText(report: ShopConnectionReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(t('✔ {0}: {1}', report.platformName, report.detail ?? ''));
    lines.push(t('Order statuses ({0}):', report.statuses.length));
    const width = Math.max(2, ...report.statuses.map((s) => s.id.length));
    for (const status of report.statuses) lines.push(`  ${status.id.padEnd(width)}  ${status.name}`);
    for (const unknown of report.unknownStatuses)
      lines.push(t('! {0} names statuses the shop does not have: {1}', unknown.setting, unknown.ids.join(', ')));
  } else {
    lines.push(t('✘ {0}: {1}', report.platformName, report.error ?? ''));
  }
  lines.push(
    t('Upload of the sales-document PDF: {0}', report.capabilities.uploadSalesPdf ? t('yes') : t("no (not in the platform's core API)")),
  );
  lines.push(t('Capabilities of every platform:'));
  for (const row of report.matrix) {
    const number = row.documentNumber ? `; ${t('document number written back')}: ${t('yes')}` : '';
    lines.push(`  ${row.name.padEnd(12)} ${t('PDF upload')}: ${row.uploadSalesPdf ? t('yes') : t('no')}${number}`);
  }
  return lines.join('\n');
}
