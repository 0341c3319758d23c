// The sandbox ERP from VS Code: "Realize order in sandbox ERP…" (a QuickPick over unrealized RO/PF, then the
// realization date) and "Show sandbox ERP documents" (a QuickPick; the chosen document opens as a read-only
// text view, and its sales-document PDF is written to a private temporary folder with buttons to open it).
// Both accept arguments for scripting and tests: (deploymentFolder?: Uri, { order?, date? } | { document?, ksef? }).
// A shown FS waiting for KSeF is offered KSeF's answer (sandbox-ksef.ts).
// Reading takes no lock; realizing takes the state lock only for the change itself.
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makePrivateTempFolder, writePrivateFile } from '../../core/deployment/private-files';
import { describeDocument, describeKsef, formatAmount } from '../../core/erp/sandbox/describe';
import type { SandboxDocumentSummary, SandboxKsefView } from '../../core/erp/sandbox/index';
import {
  documentDetail,
  NotRealizedError,
  type RealizeOutcome,
  realizeOrder,
  salesPdfOf,
  withSandbox,
} from '../../core/erp/sandbox/session';
import { StateLockedError } from '../../core/state/index';
import { parseCalendarDate } from '../../core/state/timezone';
import type { FeatureContext } from '../context';
import { type Deployment, deploymentOf, requireDeployment } from '../deployments';
import { PromptStages } from '../prompt-stages';
import { executeOptimaCommand } from '../run-command';
import { answerForKsef, offerKsefAnswer, type KsefAnswer } from './sandbox-ksef';

const DETAIL_SCHEME = 'optima-sandbox';

export type RealizePromptStage = 'document' | 'date';

export interface RealizeArgs {
  /** Shop order id, shop order number or ERP document number; without it the user picks. */
  order?: string;
  /** YYYY-MM-DD; without it (and with an order given) today in the deployment's zone. */
  date?: string;
}

export interface ShowArgs {
  /** Document number (or shop order reference); without it the user picks. */
  document?: string;
  /** With a document: KSeF's answer to its FS, given before it is shown (as "sandbox ksef accept|reject"). */
  ksef?: KsefAnswer;
}

export interface ShowResult {
  number: string;
  /** The temporary PDF of the sales document, when there is one. */
  pdfFile?: string;
  /** The read-only detail view that was opened. */
  detailUri: string;
  /** An FS's state in the sandbox's KSeF. */
  ksef?: SandboxKsefView;
}

function documentItem(document: SandboxDocumentSummary): vscode.QuickPickItem & { document: SandboxDocumentSummary } {
  const realization = document.realizedBy
    ? vscode.l10n.t('realized by {0}', document.realizedBy.number)
    : document.realizes
      ? vscode.l10n.t('realizes {0}', document.realizes.number)
      : document.kind === 'RO' || document.kind === 'PF'
        ? vscode.l10n.t('not realized')
        : '';
  return {
    label: document.number,
    description: `${document.shopOrderNumber} · ${document.buyerName}`,
    detail: [document.issueDate, formatAmount(document.totalGross, document.currency), realization].filter(Boolean).join(' · '),
    document,
  };
}

async function folderOf(target: vscode.Uri | undefined): Promise<Deployment | undefined> {
  return target ? deploymentOf(vscode.Uri.joinPath(target, 'optima-sync.json')) : requireDeployment();
}

function reportError(context: FeatureContext, error: unknown): undefined {
  const message = error instanceof Error ? error.message : String(error);
  context.log.error(message);
  if (error instanceof StateLockedError) void vscode.window.showWarningMessage(vscode.l10n.t('The sandbox ERP is in use: {0}', message));
  else void vscode.window.showErrorMessage(message);
  return undefined;
}

async function realizeCommand(
  context: FeatureContext,
  prompts: PromptStages<RealizePromptStage>,
  target?: vscode.Uri,
  args: RealizeArgs = {},
): Promise<RealizeOutcome | undefined> {
  const deployment = await folderOf(target);
  if (!deployment) return undefined;
  const dir = deployment.folder.fsPath;
  try {
    let reference = args.order;
    let date = args.date;
    if (!reference) {
      const { unrealized, today } = await withSandbox(dir, { now: context.clock }, async (erp) => ({
        unrealized: erp.listUnrealized(),
        today: erp.today(),
      }));
      if (unrealized.length === 0) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Every RO/PF in the sandbox ERP is realized; there is nothing to realize.'),
        );
        return undefined;
      }
      const picked = await prompts.during(
        'document',
        vscode.window.showQuickPick(unrealized.map(documentItem), {
          title: vscode.l10n.t('Realize order in sandbox ERP'),
          placeHolder: vscode.l10n.t('The RO/PF to realize into an FS (buyer with a tax id) or a PA'),
          matchOnDescription: true,
        }),
      );
      if (!picked) return undefined;
      reference = picked.document.number;
      date ??= await prompts.during(
        'date',
        vscode.window.showInputBox({
          title: vscode.l10n.t('Realization date of {0}', picked.document.number),
          value: today,
          prompt: vscode.l10n.t('Issue and sale date of the sales document (YYYY-MM-DD)'),
          validateInput: (value) => (parseCalendarDate(value) ? undefined : vscode.l10n.t('A date in the form YYYY-MM-DD')),
        }),
      );
      if (!date) return undefined;
    }
    const outcome = await withSandbox(dir, { write: true, holder: 'VS Code', now: context.clock }, (erp) =>
      realizeOrder(erp, reference!, date),
    );
    context.state.announceChange(deployment.folder);
    const { document, salesDocument, already } = outcome;
    const message = already
      ? vscode.l10n.t('{0} (order {1}) was already realized by {2}.', document.number, document.shopOrderNumber, salesDocument.number)
      : vscode.l10n.t(
          'Realized {0} (order {1}) into {2} on {3}.',
          document.number,
          document.shopOrderNumber,
          salesDocument.number,
          salesDocument.issueDate,
        );
    context.log.info(message);
    const show = vscode.l10n.t('Show document');
    // The command returns at once; the notification's button works while it stays open.
    void vscode.window.showInformationMessage(message, show).then(async (answer) => {
      if (answer === show)
        await executeOptimaCommand('optimaSync.showSandboxDocuments', deployment.folder, { document: salesDocument.number });
    });
    return outcome;
  } catch (error) {
    return reportError(context, error);
  }
}

class DetailProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function showCommand(
  context: FeatureContext,
  details: DetailProvider,
  pdfFolder: () => Promise<string>,
  target?: vscode.Uri,
  args: ShowArgs = {},
): Promise<ShowResult | undefined> {
  const deployment = await folderOf(target);
  if (!deployment) return undefined;
  const dir = deployment.folder.fsPath;
  try {
    let reference = args.document;
    if (!reference) {
      const documents = await withSandbox(dir, { now: context.clock }, async (erp) => erp.listDocuments());
      if (documents.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox ERP has no documents yet. Run a sync pass to import orders.'));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(documents.reverse().map(documentItem), {
        title: vscode.l10n.t('Sandbox ERP documents'),
        placeHolder: vscode.l10n.t('Pick a document to see it and its sales-document PDF'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      reference = picked.document.number;
    }
    if (args.ksef && !(await answerForKsef(context, deployment, reference, args.ksef))) return undefined;
    const shown = await withSandbox(dir, { now: context.clock }, async (erp) => {
      const detail = documentDetail(erp, reference!);
      // The sales document itself, or the one that realized the RO/PF: the one in KSeF.
      const sales =
        detail.kind === 'FS' || detail.kind === 'PA' ? detail : detail.realizedBy ? erp.getDocument(detail.realizedBy.number) : undefined;
      let pdf: { fileName: string; bytes: Uint8Array } | undefined;
      try {
        pdf = await salesPdfOf(erp, detail);
      } catch (error) {
        if (!(error instanceof NotRealizedError)) throw error;
      }
      return { detail, sales, pdf };
    });
    let pdfFile: string | undefined;
    if (shown.pdf) {
      pdfFile = path.join(await pdfFolder(), shown.pdf.fileName);
      await writePrivateFile(pdfFile, shown.pdf.bytes);
    }
    const uri = vscode.Uri.from({ scheme: DETAIL_SCHEME, path: `/${shown.detail.number.replace(/\//g, '_')}.txt`, query: dir });
    // An RO/PF's sales document is the one in KSeF: its state goes under the RO/PF's own.
    const salesKsef =
      shown.sales && shown.sales !== shown.detail && shown.sales.kind === 'FS' && shown.sales.ksef
        ? `\n\n${shown.sales.number}: ${describeKsef(shown.sales.ksef).join('\n')}`
        : '';
    details.set(
      uri,
      describeDocument(shown.detail) + salesKsef + (pdfFile ? `\n\n${vscode.l10n.t('Sales-document PDF: {0}', pdfFile)}\n` : '\n'),
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    if (!args.document && shown.sales) offerKsefAnswer(context, deployment, shown.sales);
    if (pdfFile && !args.document) {
      const open = vscode.l10n.t('Open PDF');
      const reveal = vscode.l10n.t('Reveal in file manager');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t('The PDF of {0} is in {1}.', shown.detail.realizedBy?.number ?? shown.detail.number, pdfFile),
          open,
          reveal,
        )
        .then(async (answer) => {
          if (answer === open) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(pdfFile!));
          if (answer === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(pdfFile!));
        });
    }
    return { number: shown.detail.number, pdfFile, detailUri: uri.toString(), ...(shown.sales?.ksef ? { ksef: shown.sales.ksef } : {}) };
  } catch (error) {
    return reportError(context, error);
  }
}

/** What the sandbox feature shows, for the in-VS Code tests. */
export interface SandboxInspection {
  /** The step of "Realize order in sandbox ERP…" on screen, if any. */
  realizePromptStage(): RealizePromptStage | undefined;
}

export function sandboxFeature(context: FeatureContext): SandboxInspection {
  const details = new DetailProvider();
  const prompts = new PromptStages<RealizePromptStage>();
  // The PDFs carry a customer's name and address: one private folder per session, removed at the end.
  let folder: Promise<string> | undefined;
  const pdfFolder = () => (folder ??= makePrivateTempFolder('optima-sync-sandbox-'));
  context.extension.subscriptions.push(
    details,
    { dispose: () => void folder?.then((dir) => fs.rm(dir, { recursive: true, force: true })).catch(() => undefined) },
    vscode.workspace.registerTextDocumentContentProvider(DETAIL_SCHEME, details),
    context.commands.register('optimaSync.realizeInSandbox', (target?: vscode.Uri, args?: RealizeArgs) =>
      realizeCommand(context, prompts, target, args),
    ),
    context.commands.register('optimaSync.showSandboxDocuments', (target?: vscode.Uri, args?: ShowArgs) =>
      showCommand(context, details, pdfFolder, target, args),
    ),
  );
  return { realizePromptStage: () => prompts.current };
}
