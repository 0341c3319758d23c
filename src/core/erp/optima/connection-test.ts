// The connection test of the Optima gateway ("Test ERP connection", `optima-sync erp test`): connects, checks
// read access to every table the adapter reads, counts recent documents, and says it in consultant terms.
import type { Clock } from '../../clock';
import { t } from '../../l10n';
import type { ErpDocumentKind } from '../gateway';
import type { OptimaSettings } from './connection';
import { OPTIMA_DEPENDENCIES, tableProbe, type OptimaTable } from './dependencies';
import type { SqlExecutor } from './executor';
import { explainErpError, type ExplainedErpError, type ExplainTarget } from './explain';
import { RECENT_DOCUMENT_COUNTS } from './queries';
import { kindOfType } from './rows';

export interface TableCheck {
  table: OptimaTable;
  purpose: string;
  optional: boolean;
  ok: boolean;
  problem?: ExplainedErpError;
}

export interface OptimaConnectionReport {
  ok: boolean;
  server: string;
  database: string;
  user: string;
  /** A problem that stopped the test (connection, login, database). */
  problem?: ExplainedErpError;
  tables: TableCheck[];
  /** Documents dated in the last 30 days, by kind (absent when the count could not run). */
  counts?: Record<ErpDocumentKind, number>;
  /** YYYY-MM-DD, the first day counted. */
  since: string;
  /** Consultant-facing lines: what works, what does not, what to do. */
  summary: string[];
}

const CONNECTION_PROBLEMS = new Set([
  'no-password',
  'login-failed',
  'windows-authentication-only',
  'unknown-database',
  'unknown-host',
  'unreachable',
  'timeout',
  'instance-not-found',
  'tls-certificate',
  'tls-required',
  'tls-failed',
]);

/** Connects, checks read access to every table used, counts recent RO/PF/FS/PA documents. */
export async function testOptimaConnection(
  executor: SqlExecutor,
  optima: OptimaSettings,
  target: ExplainTarget,
  now: Clock,
): Promise<OptimaConnectionReport> {
  const since = new Date(Date.UTC(now().getUTCFullYear(), now().getUTCMonth(), now().getUTCDate() - 30));
  const report: OptimaConnectionReport = { ok: false, ...target, tables: [], since: since.toISOString().slice(0, 10), summary: [] };
  const needed = OPTIMA_DEPENDENCIES.filter((dependency) => dependency.purpose !== 'attribute-match' || optima.match.by === 'attribute');
  for (const dependency of needed) {
    try {
      await executor.query(tableProbe(dependency), {});
      report.tables.push({ table: dependency.table, purpose: dependency.purpose, optional: dependency.optional, ok: true });
    } catch (error) {
      const problem = explainErpError(error, target);
      if (CONNECTION_PROBLEMS.has(problem.problem)) {
        report.problem = problem;
        report.summary.push(problem.message);
        return report;
      }
      report.tables.push({ table: dependency.table, purpose: dependency.purpose, optional: dependency.optional, ok: false, problem });
    }
  }
  try {
    const rows = await executor.query(RECENT_DOCUMENT_COUNTS, { since });
    const counts: Record<ErpDocumentKind, number> = { RO: 0, PF: 0, FS: 0, PA: 0 };
    for (const row of rows) {
      const kind = kindOfType(row.docType);
      if (kind) counts[kind] = Number(row.documentCount);
    }
    report.counts = counts;
  } catch (error) {
    report.problem = explainErpError(error, target);
  }
  const failedRequired = report.tables.filter((check) => !check.ok && !check.optional);
  report.ok = failedRequired.length === 0 && report.counts !== undefined;
  report.summary.push(t('Connected to {0}, database {1}, as {2}.', target.server, target.database, target.user));
  for (const check of report.tables.filter((c) => !c.ok)) {
    report.summary.push(
      check.optional && check.table === 'TraVat'
        ? t('CDN.TraVat cannot be read ({0}); sales-document PDFs will sum the VAT table from the lines.', check.problem?.detail ?? '')
        : check.purpose === 'ksef'
          ? t(
              'CDN.TraNag has no readable KSeF columns ({0}): with erp.ksef on, no FS e-mail or upload can go, since Optima cannot say when KSeF numbered it.',
              check.problem?.detail ?? '',
            )
          : t('CDN.{0}: {1}', check.table, check.problem?.message ?? ''),
    );
  }
  if (report.counts) {
    const c = report.counts;
    report.summary.push(t('Documents since {0}: RO {1}, PF {2}, FS {3}, PA {4}.', report.since, c.RO, c.PF, c.FS, c.PA));
  } else if (report.problem) {
    report.summary.push(report.problem.message);
  }
  return report;
}
