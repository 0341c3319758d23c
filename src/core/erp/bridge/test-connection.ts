// `erp test` through the Optima bridge: the bridge answers (address, certificate), takes the token, is logged
// in to Optima (licence, lock), and Optima has the dictionaries the mapping needs — the payment methods the
// settings map to, the document definitions of the import mode, the shipping service item. Each problem
// comes with what to do.
import { t } from '../../l10n';
import type { Settings } from '../../settings/types.generated';
import type { BridgeClient } from './client';
import type { BridgeHealth, BridgeDocumentKind } from './contract';
import { BridgeError } from './errors';

export interface BridgeCheck {
  what: 'payment-method' | 'definition' | 'shipping-item';
  name: string;
  ok: boolean;
  /** Why it matters and what to do, when it is not ok (or a warning). */
  detail?: string;
}

export interface BridgeConnectionReport {
  ok: boolean;
  url: string;
  health?: BridgeHealth;
  /** The problem that stopped the test (no answer, token, login, licence). */
  problem?: { failure: BridgeError['failure']; code?: string; message: string };
  checks: BridgeCheck[];
  summary: string[];
}

function kindsOf(mode: Settings['erp']['importMode']): BridgeDocumentKind[] {
  return mode === 'AUTO' ? ['FS', 'PA'] : [mode];
}

export async function testBridgeConnection(client: BridgeClient, settings: Settings): Promise<BridgeConnectionReport> {
  const report: BridgeConnectionReport = { ok: false, url: client.url, checks: [], summary: [] };
  const documents = settings.erp.optima!.documents;
  try {
    report.health = await client.health();
    const payments = [
      ...new Set([...Object.values(documents.paymentMethods), ...(documents.defaultPaymentMethod ? [documents.defaultPaymentMethod] : [])]),
    ];
    const definitions = [...new Set(kindsOf(settings.erp.importMode).map((kind) => documents.definitions[kind]))];
    const found = await client.dictionaries({ paymentMethods: payments, definitions, items: [documents.shippingItem] });
    for (const method of found.paymentMethods) {
      report.checks.push({
        what: 'payment-method',
        name: method.name,
        ok: method.found,
        ...(method.found
          ? {}
          : {
              detail: t(
                'Optima has no payment method "{0}": add it in Optima or change erp.optima.documents.paymentMethods / defaultPaymentMethod.',
                method.name,
              ),
            }),
      });
    }
    for (const definition of found.definitions) {
      report.checks.push({
        what: 'definition',
        name: definition.symbol,
        ok: definition.found,
        ...(definition.found
          ? {}
          : { detail: t('Optima has no document definition "{0}": check erp.optima.documents.definitions.', definition.symbol) }),
      });
    }
    for (const item of found.items) {
      const detail = !item.found
        ? t(
            'Optima has no item "{0}" for the shipping cost: add a service item with this code, or set erp.optima.documents.shippingItem.',
            item.code,
          )
        : item.service
          ? undefined
          : t('The item "{0}" is goods, not a service: shipping would take it from stock. Use a service item.', item.code);
      report.checks.push({ what: 'shipping-item', name: item.code, ok: item.found && item.service, ...(detail ? { detail } : {}) });
    }
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    report.problem = { failure: error.failure, ...(error.body?.code ? { code: error.body.code } : {}), message: error.message };
    report.summary.push(error.message);
    return report;
  }
  const health = report.health;
  report.ok = report.checks.every((check) => check.ok);
  report.summary.push(
    t(
      'Optima bridge at {0}: Optima {1}, company {2}, operator {3}{4}.',
      report.url,
      health.optimaVersion,
      health.company,
      health.operator,
      health.simulated ? t(' (simulated Optima)') : '',
    ),
  );
  for (const check of report.checks.filter((c) => !c.ok)) report.summary.push(check.detail ?? check.name);
  return report;
}
