// The messages between the Activity view (a webview beside the Orders view) and the extension host, one
// descriptor each (descriptor.ts). Imported by both sides: types and plain data only.
// The webview sends `ready`; the host answers with `init`, then `data` whenever the history changes.
import { command, hostNotification, notification, type HostMessage, type WebviewMessage } from './descriptor';

export const ACTIVITY_VIEW_ID = 'optimaSync.activity';

export type PassTriggerName = 'vscode' | 'auto-sync' | 'cli' | 'service';
export type PassResultName = 'ok' | 'failed' | 'cancelled' | 'blocked';
/** The Orders view's filters the Activity view links to. */
export const ORDERS_FILTERS = ['failed', 'uncertain', 'attention'] as const;
export type OrdersFilterName = (typeof ORDERS_FILTERS)[number];

export interface ActivityDay {
  /** YYYY-MM-DD in the deployment's zone. */
  date: string;
  passes: number;
  failedPasses: number;
  imported: number;
  emailsSent: number;
  failed: number;
  uncertain: number;
}

export interface ActivityPass {
  startedAt: string;
  finishedAt?: string;
  trigger?: PassTriggerName;
  result?: PassResultName;
  imported: number;
  emailsSent: number;
  failed: number;
  uncertain: number;
  error?: string;
  /** Localized by the host: who ran it, how it ended, its figures. */
  who: string;
  outcome: string;
  figures: string;
}

export interface ActivityAttentionItem {
  number: string;
  kind: string;
  state: 'failed' | 'uncertain';
  error?: string;
}

export interface ActivityData {
  /** The deployments of the workspace (relative folders) and the one shown. */
  deployments: string[];
  selected: number;
  /** Zone of the deployment: days and times are shown in it. */
  timeZone: string;
  hasState: boolean;
  days: ActivityDay[];
  /** Newest first. */
  passes: ActivityPass[];
  lastSuccessAt?: string;
  attention: { failed: number; uncertain: number; items: ActivityAttentionItem[] };
  /** Orders whose e-mail with the PDF and upload wait for the KSeF number of their FS, longest first. */
  waitingForKsef?: Array<{ number: string; salesDocument: string; since: string }>;
  service?: {
    running: boolean;
    every?: string;
    state: 'running-pass' | 'sleeping' | 'stopped';
    nextPassAt?: string;
    backoff?: boolean;
    updatedAt: string;
  };
  /** Set when the history cannot be read (the reason, for the view). */
  error?: string;
}

export interface ActivityInit {
  language: string;
  /** Translations of the view's English strings (vscode.l10n.bundle); absent for English. */
  l10n?: Record<string, string>;
}

export const ACTIVITY_PROTOCOL = {
  toHost: {
    ready: notification(),
    refresh: command(),
    /** Show the Orders view with this filter. */
    showOrders: command({
      type: 'object',
      additionalProperties: false,
      required: ['filter'],
      properties: { filter: { enum: ORDERS_FILTERS } },
    }),
    /** Show another deployment of the workspace (its index in `deployments`). */
    selectDeployment: command({
      type: 'object',
      additionalProperties: false,
      required: ['index'],
      properties: { index: { type: 'integer', minimum: 0, maximum: 49 } },
    }),
  },
  toWebview: {
    init: hostNotification<ActivityInit>(),
    data: hostNotification<ActivityData>(),
  },
} as const;

export type ActivityProtocol = typeof ACTIVITY_PROTOCOL;
export type ActivityHostMessage = HostMessage<ActivityProtocol>;
export type ActivityWebviewMessage = WebviewMessage<ActivityProtocol>;
