// optima-sync erp test: connect to the real Optima of erp.optima (password in OPTIMA_SYNC_ERP_PASSWORD), check
// read access to every table the integrator reads, count RO/PF/FS/PA documents of the last 30 days.
import { loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { SecretRegistry, redactingLogger } from '../../core/log';
import { createOptimaGateway, type OptimaConnectionReport } from '../../core/erp/optima/index';
import { environmentSecrets, registeringSecrets } from '../../core/secrets';
import { CliCommand, CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';

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
    const message = t('erp.adapter is "{0}": there is no real ERP to connect to. Set erp.adapter to "optima" and fill in erp.optima.', settings.erp.adapter);
    print(context, { ok: false, adapter: settings.erp.adapter, error: message }, () => message);
    return EXIT_FAILED;
  }
  const registry = new SecretRegistry();
  const logger = redactingLogger(stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1'), registry);
  const gateway = await createOptimaGateway(settings, registeringSecrets(environmentSecrets(context.io.env), registry), logger, { now: context.io.now });
  let report: OptimaConnectionReport;
  try {
    report = await gateway.testConnection();
  } finally {
    await gateway.close();
  }
  const redacted = JSON.parse(registry.redact(JSON.stringify(report))) as OptimaConnectionReport;
  print(context, redacted, () => connectionReportText(redacted));
  return redacted.ok ? EXIT_OK : EXIT_FAILED;
}

export const erpCommand: CliCommand = {
  name: 'erp',
  summary: 'The real Optima (erp.adapter "optima"): test the connection, read access and recent documents',
  usage: 'erp test [--dir D] [--json]',
  async run(context) {
    const [action, ...extra] = context.positionals;
    if (action !== 'test') throw new UsageError(t('Say what to do: erp test.'));
    if (extra.length > 0) throw new UsageError(t('Unexpected argument "{0}".', extra[0]!));
    return test(context);
  },
};
