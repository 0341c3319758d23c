// Typed outcomes of an ERP that does not create documents itself (the read-only Optima adapter): the sync
// pass records "pending, waiting for the document" or "ambiguous" instead of a failure. See gateway.ts.
import { t } from '../l10n';
import type { ErpDocumentKind } from './gateway';

/** Why no document could be used yet. */
export type PendingReason =
  /** No document of the kind carries the order's number. */
  | 'absent'
  /** Only documents still in the buffer (drafts, TrN_Bufor ≠ 0) carry it. */
  | 'in-buffer'
  /** Only cancelled documents carry it. */
  | 'cancelled';

/** The order's document has not appeared in the ERP yet: keep the order pending and look again next pass. */
export class ErpDocumentPendingError extends Error {
  override readonly name = 'ErpDocumentPendingError';
  constructor(
    readonly shopOrderId: string,
    /** The value looked for (e.g. the external number made from the order). */
    readonly lookedFor: string,
    readonly kinds: readonly ErpDocumentKind[],
    readonly reason: PendingReason,
  ) {
    super(pendingMessage(lookedFor, kinds, reason));
  }
}

/** Several documents match the order: reported for a person to resolve, never guessed. */
export class ErpDocumentAmbiguousError extends Error {
  override readonly name = 'ErpDocumentAmbiguousError';
  constructor(
    readonly shopOrderId: string,
    readonly lookedFor: string,
    /** The full numbers of the matching documents (e.g. "RO/12/2026", "RO/13/2026"). */
    readonly candidates: readonly string[],
    /** "order" = several RO/PF/FS/PA carry the order; "realization" = an RO/PF leads to several FS/PA. */
    readonly stage: 'order' | 'realization' = 'order',
  ) {
    super(
      stage === 'order'
        ? t(
            'Several ERP documents match "{0}": {1}. Leave only one with this number, or change the matching settings.',
            lookedFor,
            candidates.join(', '),
          )
        : t('The ERP document {0} was realized into several sales documents: {1}. Choose one by hand.', lookedFor, candidates.join(', ')),
    );
  }
}

function pendingMessage(lookedFor: string, kinds: readonly ErpDocumentKind[], reason: PendingReason): string {
  const kindList = kinds.join('/');
  switch (reason) {
    case 'in-buffer':
      return t(
        'The {0} document for "{1}" is still in the buffer (not confirmed) in the ERP; waiting for it to be confirmed.',
        kindList,
        lookedFor,
      );
    case 'cancelled':
      return t('The only {0} document for "{1}" is cancelled in the ERP; waiting for a valid one.', kindList, lookedFor);
    default:
      return t('No {0} document for "{1}" in the ERP yet; waiting for it.', kindList, lookedFor);
  }
}

export function isErpDocumentPending(error: unknown): error is ErpDocumentPendingError {
  return error instanceof ErpDocumentPendingError;
}

export function isErpDocumentAmbiguous(error: unknown): error is ErpDocumentAmbiguousError {
  return error instanceof ErpDocumentAmbiguousError;
}
