// The Orders view's tree nodes as data, and how an action's record shows (done, failed, uncertain…) and filters.
import { isUncertain, type ActionRecord, type OrderWithActions } from '../../core/state/index';
import type { ActionKind } from '../../core/model/actions';
import type { Deployment } from '../deployments';
import type { ActionTarget } from '../state/resolve-action';

export type OrdersFilter = 'all' | 'failed' | 'uncertain' | 'attention';
export type ActionDisplay = ActionRecord['state'] | 'uncertain' | 'not-attempted' | 'waiting-for-ksef';

export interface DeploymentNode {
  type: 'deployment';
  deployment: Deployment;
  label: string;
}
export interface OrderNode {
  type: 'order';
  deployment: Deployment;
  order: OrderWithActions;
  activeRun: number | undefined;
}
export interface ActionNode {
  type: 'action';
  deployment: Deployment;
  order: OrderWithActions;
  kind: ActionKind;
  record?: ActionRecord;
  display: ActionDisplay;
  target: ActionTarget;
}
export interface MessageNode {
  type: 'message';
  text: string;
  tooltip?: string;
}
export type Node = DeploymentNode | OrderNode | ActionNode | MessageNode;

export function displayOf(record: ActionRecord | undefined, activeRun: number | undefined, held = false): ActionDisplay {
  if (held) return 'waiting-for-ksef';
  if (!record) return 'not-attempted';
  return isUncertain(record, activeRun) ? 'uncertain' : record.state;
}

export function matches(order: OrderWithActions, filter: OrdersFilter, activeRun: number | undefined): boolean {
  if (filter === 'all') return true;
  return order.actions.some((action) => {
    const display = displayOf(action, activeRun);
    return (filter !== 'uncertain' && display === 'failed') || (filter !== 'failed' && display === 'uncertain');
  });
}
