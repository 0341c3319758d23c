// The bridge's answers that are not a document: each carries its HTTP status and the contract's error body,
// so a job, the worker and the HTTP side pass them along unchanged (they cross the IPC channel as plain data).
import type { BridgeErrorBody, OrderErrorCode, ServerErrorCode } from '../core/erp/bridge/contract';

export type BridgeErrorStatus = 401 | 404 | 422 | 500 | 503;

export class BridgeJobError extends Error {
  constructor(
    readonly status: BridgeErrorStatus,
    readonly body: BridgeErrorBody,
  ) {
    super(body.message);
    this.name = 'BridgeJobError';
  }
}

/** 422: the order cannot become a document as it is; nothing was written. */
export function refused(code: OrderErrorCode, message: string, extra: Omit<BridgeErrorBody, 'code' | 'message'> = {}): BridgeJobError {
  return new BridgeJobError(422, { code, message, ...extra });
}

/** 503: Optima cannot be used at all right now (login, licence, lock). */
export function unavailable(code: ServerErrorCode, message: string): BridgeJobError {
  return new BridgeJobError(503, { code, message });
}

export function notFound(message: string): BridgeJobError {
  return new BridgeJobError(404, { code: 'NOT_FOUND', message });
}

/** Plain data for the IPC channel and back. */
export interface SerializedJobError {
  status: BridgeErrorStatus;
  body: BridgeErrorBody;
}

export function serializeJobError(error: unknown): SerializedJobError {
  if (error instanceof BridgeJobError) return { status: error.status, body: error.body };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { code: 'WORKER_FAILED', message: `Optima raised an error: ${message}` } };
}
