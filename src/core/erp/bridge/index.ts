// Builds the bridge gateway of a deployment: the client from erp.optima.bridge with the token from the
// secret source (VS Code SecretStorage / OPTIMA_SYNC_ERP_BRIDGE_TOKEN), and the SQL reader when erp.optima
// also has an SQL connection.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../clock';
import { t } from '../../l10n';
import type { Logger } from '../../log';
import type { SecretSource } from '../../secrets';
import type { Settings } from '../../settings/types.generated';
import { todayInZone } from '../../state/timezone';
import { renderSalesDocumentPdf } from '../pdf';
import { createOptimaGateway } from '../optima/index';
import { sqlConnection } from '../optima/connection';
import { BridgeClient } from './client';
import { BridgeGateway } from './gateway';

export { BridgeClient } from './client';
export { BridgeGateway, copyModel } from './gateway';
export { BridgeError } from './errors';
export * from './contract';

export interface BridgeGatewayOverrides {
  now: Clock;
  /** The deployment folder: a relative erp.optima.bridge.caFile is read from there (else from the current folder). */
  dir?: string;
  fontDir?: string;
  logger?: Logger;
  /** Waits between repeats of a create whose answer was lost (tests shorten them). */
  repeatDelaysMs?: number[];
}

export async function createBridgeClient(
  settings: Settings,
  secrets: SecretSource,
  overrides: Pick<BridgeGatewayOverrides, 'dir' | 'repeatDelaysMs'>,
): Promise<BridgeClient> {
  const bridge = settings.erp.optima?.bridge;
  if (!bridge) throw new Error(t('erp.optima.bridge is not set: there is no Optima bridge to connect to.'));
  let ca: Buffer | undefined;
  if (bridge.caFile) {
    const file = path.resolve(overrides.dir ?? process.cwd(), bridge.caFile);
    try {
      ca = await readFile(file);
    } catch (error) {
      throw new Error(t('erp.optima.bridge.caFile {0} cannot be read: {1}', file, (error as Error).message), { cause: error });
    }
  }
  return new BridgeClient({
    url: bridge.url,
    token: await secrets.get('erpBridgeToken'),
    timeoutMs: bridge.timeoutSeconds * 1000,
    ...(ca ? { ca } : {}),
    ...(overrides.repeatDelaysMs ? { repeatDelaysMs: overrides.repeatDelaysMs } : {}),
  });
}

export async function createBridgeGateway(
  settings: Settings,
  secrets: SecretSource,
  overrides: BridgeGatewayOverrides,
): Promise<BridgeGateway> {
  const optima = settings.erp.optima!;
  const client = await createBridgeClient(settings, secrets, overrides);
  const reader = sqlConnection(optima)
    ? await createOptimaGateway(settings, secrets, overrides.logger, {
        now: overrides.now,
        ...(overrides.fontDir ? { fontDir: overrides.fontDir } : {}),
      })
    : undefined;
  return new BridgeGateway({
    client,
    optima,
    importMode: settings.erp.importMode,
    seller: settings.erp.seller,
    timezoneToday: () => todayInZone(overrides.now(), settings.timezone),
    ...(reader ? { reader } : {}),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.fontDir ? { render: (model) => renderSalesDocumentPdf(model, { fontDir: overrides.fontDir }) } : {}),
  });
}
