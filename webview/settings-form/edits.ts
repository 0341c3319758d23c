// The form's edits in flight: what each field sent and the host has not acknowledged yet (a field with such
// an edit keeps what the user typed: no lost keystrokes when the document echoes an earlier one back), and
// typed text waiting for a pause in typing before it is sent.
import type { FieldChange } from '../../src/protocol/settings-form';

export interface EditSink {
  /** Sends changes; returns their sequence number. */
  edit(changes: FieldChange[]): number;
}

export class PendingEdits {
  private ackSeq = 0;
  /** pointer → seq of the field's last edit (Infinity while typing and not yet sent). */
  private readonly pending = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly flushers = new Map<string, () => void>();

  constructor(
    private readonly sink: EditSink,
    private readonly delayMs: number,
  ) {}

  /** The host has applied every edit up to `seq`. */
  acknowledge(seq: number): void {
    this.ackSeq = Math.max(this.ackSeq, seq);
  }

  /** The field has an edit the host has not applied yet (or typing not yet sent). */
  isPending(pointer: string): boolean {
    const seq = this.pending.get(pointer);
    if (seq === undefined) return false;
    if (seq > this.ackSeq) return true;
    this.pending.delete(pointer);
    return false;
  }

  send(pointer: string, changes: FieldChange[]): void {
    this.pending.set(pointer, this.sink.edit(changes));
  }

  /** Nothing to send after all (the value is the file's): the field follows the file again. */
  forget(pointer: string): void {
    this.pending.delete(pointer);
  }

  /** Typed text: `commit` runs after a pause in typing, or at once on flush. */
  sendSoon(pointer: string, commit: () => void): void {
    this.pending.set(pointer, Number.POSITIVE_INFINITY);
    clearTimeout(this.timers.get(pointer));
    this.flushers.set(pointer, commit);
    this.timers.set(
      pointer,
      setTimeout(() => this.flush(pointer), this.delayMs),
    );
  }

  flush(pointer: string): void {
    clearTimeout(this.timers.get(pointer));
    this.timers.delete(pointer);
    const commit = this.flushers.get(pointer);
    this.flushers.delete(pointer);
    if (commit) commit();
    else if (this.pending.get(pointer) === Number.POSITIVE_INFINITY) this.pending.delete(pointer);
  }

  flushAll(): void {
    for (const pointer of [...this.timers.keys()]) this.flush(pointer);
  }

  /** No typing waits to be sent. */
  get quiet(): boolean {
    return this.timers.size === 0;
  }
}
