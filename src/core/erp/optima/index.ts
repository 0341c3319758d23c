// Builds the read-only Optima gateway of a deployment: settings → mssql configuration, password from the
// secret source (VS Code SecretStorage / OPTIMA_SYNC_ERP_PASSWORD), real SQL Server executor.
import type { Clock } from '../../clock';
import { t } from '../../l10n';
import type { Logger } from '../../log';
import type { SecretSource } from '../../secrets';
import type { Settings } from '../../settings/types.generated';
import { renderSalesDocumentPdf } from '../pdf';
import { OptimaGateway } from './adapter';
import { sqlConnection, toMssqlConfig } from './connection';
import type { SqlExecutor } from './executor';
import { MssqlExecutor } from './mssql-executor';

export { OptimaGateway, kindsOfMode } from './adapter';
export type { OptimaConnectionReport, TableCheck } from './connection-test';
export { toMssqlConfig, describeServer, lookupValue, sqlConnection, type OptimaSettings } from './connection';
export { explainErpError, type ExplainedErpError, type ErpProblem } from './explain';
export { ErpPasswordMissingError } from './mssql-executor';
export type { SqlExecutor } from './executor';

export interface OptimaGatewayOverrides {
  /** Another database (tests: an SQLite copy through SqlJsExecutor). */
  executor?: SqlExecutor;
  now: Clock;
  /** Folder with the PDF fonts (default: the renderer's). */
  fontDir?: string;
}

export async function createOptimaGateway(
  settings: Settings,
  secrets: SecretSource,
  log: Logger | undefined,
  overrides: OptimaGatewayOverrides,
): Promise<OptimaGateway> {
  if (!settings.erp.optima) throw new Error(t('erp.adapter is "optima" but erp.optima is missing in the settings.'));
  const optima = sqlConnection(settings.erp.optima);
  if (!optima)
    throw new Error(
      t('erp.optima has no SQL Server connection: set server, database and user (or use the Optima bridge, erp.optima.bridge).'),
    );
  let executor = overrides.executor;
  if (!executor) {
    const password = await secrets.get('erpPassword');
    executor = new MssqlExecutor(password ? toMssqlConfig(optima, password) : undefined);
  }
  return new OptimaGateway({
    optima,
    importMode: settings.erp.importMode,
    seller: settings.erp.seller,
    executor,
    ...(log ? { log } : {}),
    now: overrides.now,
    ...(overrides.fontDir ? { render: (model) => renderSalesDocumentPdf(model, { fontDir: overrides.fontDir }) } : {}),
  });
}
