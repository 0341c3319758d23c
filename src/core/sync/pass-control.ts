// The bookkeeping the workers of a pass share (PlanExecutor extends it): what stops them (a state write that
// failed, a fault, a cancel, a kind of work stopped), the errors and skips they count, best-effort events.
import { bestEffortLogger, type Logger } from '../log';
import { stoppedWorkMessage, WorkGates } from './outcomes';
import type { PlannedAction, PlannedOrder, SyncDependencies, SyncOptions, SyncSummary } from './types';

export abstract class PassControl {
  private readonly log: Logger;
  protected readonly gates: WorkGates;
  /** Set by the first state write that fails: every worker stops before its next side effect. */
  protected stateFailure: unknown;
  /** An unexpected error of one order's steps: the others stop too, and the pass rethrows it. */
  protected fault: { error: unknown } | undefined;

  constructor(
    protected readonly deps: SyncDependencies,
    protected readonly options: SyncOptions,
    protected readonly summary: SyncSummary,
  ) {
    this.log = bestEffortLogger(deps.logger);
    this.gates = new WorkGates((work, reason) => this.log.warn(stoppedWorkMessage(work, reason)));
  }

  /** The kinds of work this pass stopped, with why (the summary carries them). */
  get stoppedWork(): WorkGates['stops'] {
    return this.gates.stops;
  }

  /** Logging and events are best effort: they never throw into an action whose outcome is recorded. */
  protected event(planned: PlannedOrder, message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.log[level](`${planned.number}: ${message}`);
    try {
      this.options.onEvent?.({ type: 'order', orderNumber: planned.number, message, level });
    } catch {
      // A listener's fault is not the action's.
    }
  }

  protected describe(error: unknown): string {
    return this.deps.redact(error instanceof Error ? error.message : String(error));
  }

  protected error(planned: PlannedOrder, action: SyncSummary['errors'][number]['action'], error: unknown): string {
    const message = this.describe(error);
    this.summary.errors.push({ order: planned.number, action, message });
    return message;
  }

  protected get stopping(): boolean {
    return this.stateFailure !== undefined || this.fault !== undefined || this.options.cancel?.cancelled === true;
  }

  /** A state write failed: remember the first failure; the workers stop at their next step. */
  protected stateWriteFailed(error: unknown): void {
    this.stateFailure ??= error;
  }

  protected skip(actions: PlannedAction[]): void {
    for (const action of actions) this.summary.actions[action.kind].skipped++;
  }
}
