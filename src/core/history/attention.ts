// What needs the consultant: actions that failed, and actions left pending by an interrupted pass or recorded
// uncertain. The store counts them and reads one page of them through the partial index of those rows, so the
// cost follows the page shown, not the number of problems (nor the history).
import type { AttentionRow } from '../state/queries';
import type { StateStore } from '../state/api';

export type AttentionItem = AttentionRow;

export interface Attention {
  failed: number;
  uncertain: number;
  /** The first `limit` of them, oldest change first. */
  items: AttentionItem[];
}

/**
 * The failed and uncertain actions of a state. `activeRunId`: the run in flight (a live writer's), whose pending
 * actions are under way rather than uncertain.
 */
export function actionsNeedingAttention(store: Pick<StateStore, 'attentionPage'>, activeRunId: number | undefined, limit = 20): Attention {
  return store.attentionPage(activeRunId, limit);
}
