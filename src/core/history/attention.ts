// What needs the consultant: actions that failed, and actions left pending by an interrupted pass (uncertain).
// Read through the store's indexed query of pending and failed actions, so the cost follows those few rows.
import type { ActionKind } from '../model/actions';
import type { StateStore } from '../state/api';

export interface AttentionItem {
  platform: string;
  shopOrderId: string;
  /** The order number the customer sees. */
  number: string;
  kind: ActionKind;
  state: 'failed' | 'uncertain';
  /** ISO time of the last change of the action. */
  updatedAt: string;
  error?: string;
}

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
export function actionsNeedingAttention(store: Pick<StateStore, 'listActions' | 'getOrder'>, activeRunId: number | undefined, limit = 20): Attention {
  const actions = store.listActions({ states: ['failed', 'pending', 'uncertain'] })
    .filter((action) => action.state === 'failed' || activeRunId === undefined || action.runId !== activeRunId)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const numbers = new Map<string, string>();
  const items = actions.slice(0, limit).map((action): AttentionItem => {
    const key = `${action.platform}/${action.shopOrderId}`;
    if (!numbers.has(key)) numbers.set(key, store.getOrder(action.platform, action.shopOrderId)?.number ?? action.shopOrderId);
    return {
      platform: action.platform,
      shopOrderId: action.shopOrderId,
      number: numbers.get(key)!,
      kind: action.kind,
      state: action.state === 'failed' ? 'failed' : 'uncertain',
      updatedAt: action.updatedAt,
      ...(action.lastError ? { error: action.lastError } : {}),
    };
  });
  const failed = actions.filter((action) => action.state === 'failed').length;
  return { failed, uncertain: actions.length - failed, items };
}
