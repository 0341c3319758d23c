// KSeF's answer to a sandbox FS from VS Code, as `optima-sync sandbox ksef accept|reject` gives it: offered on the
// notification of "Show sandbox ERP documents" while the FS waits for its number (or was rejected), and given
// directly through the command's arguments ({ document, ksef: 'accept' | { reject } }) by scripts and tests.
import * as vscode from 'vscode';
import type { KsefDecision, SandboxDocumentDetail, SandboxKsefView } from '../../core/erp/sandbox/index';
import { decideKsefOf, withSandbox } from '../../core/erp/sandbox/session';
import type { FeatureContext } from '../context';
import type { Deployment } from '../deployments';
import { ensureTrusted } from '../trust';

export type KsefAnswer = 'accept' | { reject: string };

/** Gives KSeF's answer in the sandbox (the state's lock only for the change), tells the user, refreshes the views. */
export async function answerForKsef(
  context: FeatureContext,
  deployment: Deployment,
  reference: string,
  answer: KsefAnswer,
): Promise<SandboxKsefView | undefined> {
  if (!ensureTrusted()) return undefined;
  const decision: KsefDecision = answer === 'accept' ? { accept: true } : { reject: answer.reject };
  const decided = await withSandbox(deployment.folder.fsPath, { write: true, holder: 'VS Code', now: context.clock }, (erp) =>
    decideKsefOf(erp, reference, decision),
  );
  context.state.announceChange(deployment.folder);
  const message =
    decided.ksef.status === 'accepted'
      ? vscode.l10n.t(
          'KSeF accepted {0} as {1}; the next sync pass sends its e-mail with the PDF and its upload.',
          decided.document.number,
          decided.ksef.number ?? '',
        )
      : vscode.l10n.t(
          'KSeF rejected {0}: {1}. The next sync pass fails its e-mail with the PDF and its upload, and sends nothing.',
          decided.document.number,
          decided.ksef.reason ?? '',
        );
  context.log.info(message);
  void vscode.window.showInformationMessage(message);
  return decided.ksef;
}

/** While the shown FS waits for KSeF (or was rejected), offers to answer for KSeF. */
export function offerKsefAnswer(context: FeatureContext, deployment: Deployment, shown: SandboxDocumentDetail): void {
  const sales = shown.kind === 'FS' ? shown : undefined;
  if (!sales?.ksef || (sales.ksef.status !== 'pending' && sales.ksef.status !== 'rejected')) return;
  const accept = vscode.l10n.t('Accept in KSeF');
  const reject = vscode.l10n.t('Reject in KSeF…');
  const choices = sales.ksef.status === 'pending' ? [accept, reject] : [accept];
  const text =
    sales.ksef.status === 'pending'
      ? vscode.l10n.t('{0} waits for its KSeF number in the sandbox ERP. Answer as KSeF would:', sales.number)
      : vscode.l10n.t('KSeF rejected {0}. Accept it as KSeF would accept the corrected invoice:', sales.number);
  void vscode.window.showInformationMessage(text, ...choices).then(async (choice) => {
    try {
      if (choice === accept) await answerForKsef(context, deployment, sales.number, 'accept');
      if (choice === reject) {
        const reason = await vscode.window.showInputBox({
          title: vscode.l10n.t('Reject {0} in KSeF', sales.number),
          prompt: vscode.l10n.t('The reason KSeF gives'),
          value: vscode.l10n.t('Invoice semantic verification error'),
          validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Give a reason')),
        });
        if (reason?.trim()) await answerForKsef(context, deployment, sales.number, { reject: reason.trim() });
      }
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
    }
  });
}
