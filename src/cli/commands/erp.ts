// optima-sync erp test: through the Optima bridge when erp.optima.bridge is set (token in
// OPTIMA_SYNC_ERP_BRIDGE_TOKEN: health, login, licence, the dictionaries the mapping needs); and over SQL when
// erp.optima has a SQL connection (password in OPTIMA_SYNC_ERP_PASSWORD): read access to every table the
// integrator reads, RO/PF/FS/PA documents of the last 30 days.
import { loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { SecretRegistry, redactingLogger } from '../../core/log';
import { createBridgeClient } from '../../core/erp/bridge/index';
import { testBridgeConnection, type BridgeConnectionReport } from '../../core/erp/bridge/test-connection';
import { createOptimaGateway, sqlConnection, type OptimaConnectionReport } from '../../core/erp/optima/index';
import { environmentSecrets, registeringSecrets } from '../../core/secrets';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';

export function bridgeReportText(report: BridgeConnectionReport): string {
  const lines = [t('Optima bridge: {0}', report.url)];
  for (const check of report.checks)
    lines.push(`  ${check.ok ? '✔' : '✘'} ${check.what} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`);
  lines.push(...report.summary);
  lines.push(report.ok ? t('ERP connection works.') : t('ERP connection does not work yet.'));
  return lines.join('\n');
}

export function connectionReportText(report: OptimaConnectionReport): string {
  const lines = [t('Optima: {0}, database {1}, login {2}', report.server, report.database, report.user)];
  for (const check of report.tables) {
    const mark = check.ok ? '✔' : check.optional ? '!' : '✘';
    lines.push(`  ${mark} CDN.${check.table}${check.ok ? '' : ` — ${check.problem?.message ?? ''}`}`);
  }
  lines.push(...report.summary);
  lines.push(report.ok ? t('ERP connection works.') : t('ERP connection does not work yet.'));
  return lines.join('\n');
}

async function test(context: CommandContext): Promise<number> {
  let loaded;
  try {
    loaded = await loadSettings(context.dir);
  } catch (error) {
    const message = (error as Error).message;
    print(context, { ok: false, error: message }, () => message);
    return EXIT_FAILED;
  }
  const { settings } = loaded;
  if (settings.erp.adapter !== 'optima') {
    const message = t(
      'erp.adapter is "{0}": there is no real ERP to connect to. Set erp.adapter to "optima" and fill in erp.optima.',
      settings.erp.adapter,
    );
    print(context, { ok: false, adapter: settings.erp.adapter, error: message }, () => message);
    return EXIT_FAILED;
  }
  const registry = new SecretRegistry();
  const secrets = registeringSecrets(environmentSecrets(context.io.env), registry);
  const redact = <T>(value: T): T => JSON.parse(registry.redact(JSON.stringify(value))) as T;
  let bridge: BridgeConnectionReport | undefined;
  if (settings.erp.optima?.bridge) {
    const client = await createBridgeClient(settings, secrets, { dir: context.dir });
    bridge = redact(await testBridgeConnection(client, settings));
  }
  let sql: OptimaConnectionReport | undefined;
  if (sqlConnection(settings.erp.optima)) {
    const logger = redactingLogger(stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1'), registry);
    const gateway = await createOptimaGateway(settings, secrets, logger, { now: context.io.now });
    try {
      sql = redact(await gateway.testConnection());
    } finally {
      await gateway.close();
    }
  }
  // The SQL report's shape stays as it was; with a bridge, its report (and the SQL one under "sql").
  const json = bridge ? { ...bridge, ok: bridge.ok && (sql?.ok ?? true), ...(sql ? { sql } : {}) } : sql;
  print(context, json, () =>
    [bridge ? bridgeReportText(bridge) : undefined, sql ? connectionReportText(sql) : undefined].filter(Boolean).join('\n\n'),
  );
  return (bridge?.ok ?? true) && (sql?.ok ?? true) ? EXIT_OK : EXIT_FAILED;
}

export const erpCommand: CliCommand = {
  name: 'erp',
  summary: 'The real Optima (erp.adapter "optima"): test the bridge or the SQL connection, read access and recent documents',
  usage: 'erp test [--dir D] [--json]',
  async run(context) {
    const [action, ...extra] = context.positionals;
    if (action !== 'test') throw new UsageError(t('Say what to do: erp test.'));
    if (extra.length > 0) throw new UsageError(t('Unexpected argument "{0}".', extra[0]!));
    return test(context);
  },
};
