// The settings form's end of its protocol (src/protocol/settings-form.ts): the generic client, plus the edit
// numbering the form needs to know which of its changes the host has applied.
import type { FieldChange, HostMessage, SettingsFormProtocol } from '../../src/protocol/settings-form';
import { WebviewClient } from '../shared/client';

export type { VsCodeApi } from '../shared/client';

export type Notification = Extract<HostMessage, { kind: 'notification' }>;

export class HostClient extends WebviewClient<SettingsFormProtocol> {
  private lastSeq = 0;

  /** Sends changes and returns their sequence number (the host acknowledges it in later document states). */
  edit(changes: FieldChange[]): number {
    const seq = ++this.lastSeq;
    this.command('edit', { seq, changes });
    return seq;
  }
}
