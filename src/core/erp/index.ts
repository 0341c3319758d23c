// The ERP side: the gateway the sync pass talks to, built from the settings' erp.adapter.
import type { Clock } from '../clock';
import { t } from '../l10n';
import type { Logger } from '../log';
import type { SecretSource } from '../secrets';
import type { Settings } from '../settings/types.generated';
import type { ErpGateway } from './gateway';
import { createBridgeGateway } from './bridge/index';
import { createOptimaGateway } from './optima/index';
import { createSandboxErp, type SandboxStorage } from './sandbox/index';

export * from './gateway';

export interface ErpGatewayOptions {
  now: Clock;
  /** Folder with the PDF fonts (default: beside the bundle, or the dejavu-fonts-ttf package). */
  fontDir?: string;
  secrets?: SecretSource;
  logger?: Logger;
  /** The deployment folder (a relative erp.optima.bridge.caFile is read from there). */
  dir?: string;
}

/** The ERP of a deployment: the embedded sandbox (its own database beside the state) or a real Optima adapter. */
export async function createErpGateway(settings: Settings, storage: SandboxStorage, options: ErpGatewayOptions): Promise<ErpGateway> {
  const adapter = settings.erp.adapter;
  switch (adapter) {
    case 'sandbox':
      return createSandboxErp(storage, settings, { now: options.now, fontDir: options.fontDir });
    case 'optima':
      // Both ways through the Optima bridge (src/core/erp/bridge) when it is set, its token from secrets.
      if (settings.erp.optima?.bridge) {
        return createBridgeGateway(settings, options.secrets ?? { get: async () => undefined }, {
          now: options.now,
          ...(options.dir ? { dir: options.dir } : {}),
          ...(options.fontDir ? { fontDir: options.fontDir } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
        });
      }
      // Read-only: looks documents up in the real Optima database (src/core/erp/optima); the password comes from secrets.
      return createOptimaGateway(settings, options.secrets ?? { get: async () => undefined }, options.logger, {
        now: options.now,
        fontDir: options.fontDir,
      });
    default:
      throw new Error(t('The ERP adapter "{0}" is not available in this build', String(adapter)));
  }
}
