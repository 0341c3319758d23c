// The vocabulary of a sync pass: its collaborators (ports), its plan and its summary.
import type { ErpDocument, ErpGateway, SalesDocument } from '../erp/gateway';
import type { Logger } from '../log';
import type { ActionKind } from '../model/actions';
import type { ShopOrder } from '../model/order';
import type { Settings } from '../settings/types.generated';
import type { ShopConnector } from '../shops/connector';
import type { StateStore } from '../state/api';
import type { PassTrigger } from '../history/runs';
import type { KsefObservation } from './ksef-hold';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  attachments?: Array<{ filename: string; content: Uint8Array; contentType?: string }>;
}

/** What the pass needs from the mail module; the single place mail leaves the program is behind `send`. */
export interface MailPort {
  /** The recipients after the test-mode rewrite (what the plan shows). */
  recipientsFor(to: string): { recipients: string[]; redirected: boolean };
  render(
    templateName: string,
    input: { order: ShopOrder; erpDocument?: ErpDocument; salesDocument?: SalesDocument },
  ): Promise<RenderedEmail>;
  send(message: OutgoingEmail): Promise<{ messageId: string; response: string; accepted: string[] }>;
  /** An alert to the consultants of alerts.recipients: it names no recipient, and test mode does not rewrite it. */
  sendToConsultant(message: RenderedEmail): Promise<{ accepted: string[] }>;
  /**
   * An e-mail's turn to be sent (one at a time per pass): a release to call when done, or false when sending
   * has stopped for this pass (a login or connection failure) and the e-mail is to stay unsent.
   */
  claim?(): Promise<(() => void) | false>;
  close(): Promise<void>;
}

export interface SyncDependencies {
  dir: string;
  settings: Settings;
  store: StateStore;
  shop: ShopConnector;
  erp: ErpGateway;
  mail: MailPort;
  logger: Logger;
  now: () => Date;
  /** Removes known secrets from text that is stored or shown (errors from shops and servers). */
  redact: (text: string) => string;
}

export interface CancellationSignal {
  readonly cancelled: boolean;
}

export type SyncEvent =
  | { type: 'fetched'; count: number; newOrders: number }
  | { type: 'planned'; orders: number; actions: number; customerEmails: number }
  | { type: 'order'; orderNumber: string; message: string; level: 'info' | 'warn' | 'error' }
  | { type: 'progress'; done: number; total: number };

export interface SyncOptions {
  dryRun?: boolean;
  /** What started the pass, recorded in the history (dry runs are not recorded). */
  trigger?: PassTrigger;
  /** Lets the pass send more customer e-mails than email.bulkLimit. */
  allowBulk?: boolean;
  cancel?: CancellationSignal;
  onEvent?: (event: SyncEvent) => void;
  /** Orders in flight at once (default 6). */
  concurrency?: number;
}

export interface PlannedAction {
  kind: ActionKind;
  /** A readable description: "status → shipped", "e-mail order-realized to jan@… (test mode → kons@…)". */
  description: string;
  retry: boolean;
  email?: { template: string; to: string; recipients: string[]; redirected: boolean; attachPdf: boolean };
}

export interface PlannedOrder {
  platform: string;
  shopOrderId: string;
  number: string;
  customerEmail: string;
  order: ShopOrder;
  /** False when `order` is the summary a settled old order keeps (no lines, no addresses): no template renders it. */
  detailsKept: boolean;
  /** Import into the ERP in this pass. */
  importInto?: ErpDocument['kind'] | 'AUTO';
  erpDocument?: ErpDocument;
  salesDocument?: SalesDocument;
  /** How realization is expected in this pass: realize now by shop status, or already found in the ERP. */
  realization?: 'by-status' | 'found';
  /** The realization was just found in the ERP and is not in the state yet. */
  realizationIsNew?: boolean;
  /** The ERP document was found by a lookup (an earlier, interrupted import; a read-only ERP) and is not in the state yet. */
  documentIsNew?: boolean;
  importActions: PlannedAction[];
  realizationActions: PlannedAction[];
}

export interface SyncPlan {
  fetched: number;
  newOrders: number;
  orders: PlannedOrder[];
  /** E-mails that would reach customers (test-mode mail does not count). */
  customerEmails: number;
  testModeEmails: number;
  bulkLimit: number;
  /** Actions that may have happened (a lost answer, an interrupted pass): never repeated automatically. */
  uncertain: Array<{ shopOrderId: string; number: string; kind: ActionKind; since: string }>;
  /** Orders the plan could not decide on (e.g. several ERP documents match): reported, skipped this pass. */
  problems: Array<{ order: string; stage: 'import' | 'realization'; message: string }>;
  /** Sales documents the plan asked KSeF about: their state, the actions held for the number, those rejected. */
  ksef: KsefObservation[];
}

export interface ActionCounts {
  done: number;
  failed: number;
  uncertain: number;
  skipped: number;
}

export interface SyncSummary {
  result: 'ok' | 'blocked' | 'cancelled';
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  fetched: number;
  newOrders: number;
  imported: number;
  importFailed: number;
  /** Orders whose document has not appeared in a read-only ERP yet (looked for again next pass). */
  waitingForErp: number;
  realized: number;
  actions: Record<ActionKind, ActionCounts>;
  emailsSent: number;
  customerEmailsPlanned: number;
  bulkLimit: number;
  errors: Array<{ order: string; action?: ActionKind | 'import' | 'realization'; message: string }>;
  /** Uncertain actions: left so by earlier passes (not repeated), and those whose answer was lost in this one. */
  uncertain: SyncPlan['uncertain'];
  /** Kinds of work this pass stopped after a failure every order would hit (said once), with why. */
  stopped: Array<{ work: 'mail' | 'shop' | 'erp'; reason: string }>;
  /** Orders whose e-mail with the PDF or upload waits for the KSeF number of their FS ("waiting for KSeF"). */
  waitingForKsef: Array<{ shopOrderId: string; number: string; salesDocument: string; kinds: ActionKind[]; since: string }>;
  /** Orders whose FS KSeF rejected (its PDF actions failed with the ERP's reason; nothing sent). */
  rejectedByKsef: Array<{ shopOrderId: string; number: string; salesDocument: string; reason: string }>;
  plan?: SyncPlan;
}
