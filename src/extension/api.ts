// What activate() returns. Any other extension can read it, so outside ExtensionMode.Test it holds two plain
// figures and nothing that acts: no service (which another extension could drive), no inspection, no way to
// answer a prompt. In test mode the in-VS Code tests also get the features' services, what each feature
// shows, and the queue that answers the prompts VS Code will not show while it runs tests. Frozen either way.
import type * as vscode from 'vscode';
import type { ErpService } from './features/erp';
import type { ActivityInspection } from './features/activity';
import type { MailInspection } from './features/mail';
import type { OrdersViewInspection } from './features/orders-view';
import type { SandboxInspection } from './features/sandbox';
import type { SettingsFormInspection } from './features/settings-form';
import type { ShopService } from './features/shop';
import type { StateInspection, StateService } from './features/state';
import type { StatusBarInspection } from './features/status-bar';
import type { MailService } from './mail/service';
import type { ScriptedPrompter } from './prompter';

/** What each feature shows on screen, read by the in-VS Code tests (no command, nothing in the palette). */
export interface ExtensionInspection {
  activity: ActivityInspection;
  statusBar: StatusBarInspection;
  mail: MailInspection;
  ordersView: OrdersViewInspection;
  sandbox: SandboxInspection;
  settingsForm: SettingsFormInspection;
  state: StateInspection;
  /** The last "Preview sync pass" page per deployment folder. */
  syncPlans: ReadonlyMap<string, { title: string; html: string }>;
}

/** Each feature's one typed service: what its palette commands, the settings form and the tests call. */
export interface FeatureServices {
  shop: ShopService;
  erp: ErpService;
  mail: MailService;
  state: StateService;
}

export interface ExtensionApi {
  /** Milliseconds activate() took; reported by the integration tests. */
  readonly activationMs: number;
  /** Where the log channel's file lives (tests read the log from there). */
  readonly logFolder: vscode.Uri;
}

/** The API in ExtensionMode.Test only. */
export interface ExtensionTestApi extends ExtensionApi {
  readonly services: FeatureServices;
  readonly inspect: ExtensionInspection;
  /** Answers for the next password boxes and modal dialogs (reset, prune, "Mark as done", the bulk guard). */
  readonly prompts: Pick<ScriptedPrompter, 'answer' | 'asked' | 'pending'>;
}

export interface ApiParts extends ExtensionApi {
  services: FeatureServices;
  inspect: ExtensionInspection;
  /** Present exactly in ExtensionMode.Test. */
  prompts?: ScriptedPrompter;
}

export function extensionApi(parts: ApiParts, testMode: boolean): ExtensionApi | ExtensionTestApi {
  const base: ExtensionApi = { activationMs: parts.activationMs, logFolder: parts.logFolder };
  if (!testMode || !parts.prompts) return Object.freeze(base);
  const prompts = parts.prompts;
  return Object.freeze({
    ...base,
    services: Object.freeze({ ...parts.services }),
    inspect: Object.freeze({ ...parts.inspect }),
    prompts: Object.freeze({
      answer: prompts.answer.bind(prompts),
      asked: prompts.asked.bind(prompts),
      pending: prompts.pending.bind(prompts),
    }),
  });
}
