// The reverse-update actions tracked per order. The names are a contract: the CLI (`reset --actions`),
// the state database and the Orders view use them as they are.
export const ACTION_KINDS = [
  'status-after-import',
  'email-after-import',
  'status-after-realization',
  'email-after-realization',
  'pdf-to-shop',
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * pending = recorded before the attempt (left pending by a crash, it reads as uncertain); uncertain = the request
 * or message went out and its answer was lost, so it may have happened: never repeated by a pass, the consultant
 * marks it done or retries it; reset = done without sending.
 */
export type ActionState = 'pending' | 'done' | 'failed' | 'reset' | 'uncertain';

export function isActionKind(value: string): value is ActionKind {
  return (ACTION_KINDS as readonly string[]).includes(value);
}

export const ACTION_PHASE: Record<ActionKind, 'import' | 'realization'> = {
  'status-after-import': 'import',
  'email-after-import': 'import',
  'status-after-realization': 'realization',
  'email-after-realization': 'realization',
  'pdf-to-shop': 'realization',
};
