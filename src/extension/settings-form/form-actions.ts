// The form's buttons → the features' typed services, for one deployment. Every service answers an Outcome
// (ok + one line) or undefined when the user dismissed its prompt; secrets never pass through here (the
// services prompt for them themselves). Requests that reach a server or change state are refused in an
// untrusted workspace before any service is called.
import * as vscode from 'vscode';
import type { ActionResult, RequestHandlers, ResetParams } from '../../protocol/settings-form';
import type { Deployment } from '../deployments';
import type { ErpService } from '../features/erp';
import type { ShopService } from '../features/shop';
import type { StateService } from '../features/state';
import type { MailService } from '../mail/service';
import type { Outcome } from '../outcome';
import type { FormContextSource } from './form-context';

/** The features the form reaches, each through its one typed service. */
export interface FormServices {
  shop: ShopService;
  erp: ErpService;
  mail: MailService;
  state: StateService;
}

/** Only what the form shows: the service's outcome may carry more (reports, counts) that stays in the host. */
function shown(outcome: Outcome | undefined): ActionResult {
  return outcome ? { ok: outcome.ok, message: outcome.message } : { ok: false, message: vscode.l10n.t('Cancelled') };
}

export function formRequestHandlers(services: FormServices, deployment: Deployment, context: FormContextSource): RequestHandlers {
  const testShop = async (refreshOnly: boolean) => {
    const result = await services.shop.testConnection(deployment, { refreshOnly });
    if (result.ok && result.report) context.remember(deployment.folder, result.report.platform, result.report.statuses);
    return shown(result);
  };
  const reset = async ({ actions, until }: ResetParams, dryRun: boolean) => {
    const result = await services.state.reset(deployment, { actions, until, dryRun });
    return { ...shown(result), ...(result?.counts ? { counts: result.counts } : {}) };
  };
  return {
    setShopCredentials: async () => shown(await services.shop.setCredentials(deployment)),
    testShopConnection: trusted(() => testShop(false)),
    refreshShopStatuses: trusted(() => testShop(true)),
    setErpPassword: async () => shown(await services.erp.setPassword(deployment)),
    setErpBridgeToken: async () => shown(await services.erp.setBridgeToken(deployment)),
    testErpConnection: trusted(async () => shown(await services.erp.testConnection(deployment))),
    setSmtpPassword: async () => shown(await services.mail.setSmtpPassword(deployment)),
    setAlertsSmtpPassword: async () => shown(await services.mail.setAlertsSmtpPassword(deployment)),
    sendTestEmail: trusted(async ({ to, template }: { to: string; template?: string }) =>
      shown(await services.mail.sendTestEmail(deployment, { to, ...(template ? { template } : {}) })),
    ),
    resetPreview: (params) => reset(params, true),
    reset: trusted((params: ResetParams) => reset(params, false)),
  };
}

/** A request that reaches a server or changes state: refused in an untrusted workspace. */
function trusted<P>(handler: (params: P) => Promise<ActionResult>): (params: P) => Promise<ActionResult> {
  return (params) =>
    vscode.workspace.isTrusted
      ? handler(params)
      : Promise.resolve({ ok: false, message: vscode.l10n.t('Not allowed in an untrusted workspace: trust this folder first.') });
}
