// Writes that create something in the shop (a file, a note, a message) happen once: look for the product's own
// earlier result first and reuse it, write only when there is none, and when the write went out and its answer
// was lost, look again instead of guessing. The sync executor reads only the error's outcome and scope.
import { t } from '../l10n';
import { platformName, ShopError } from './errors';

export interface WriteOnce<T> {
  /** The product's own earlier result (by its marker), or undefined. */
  find(): Promise<T | undefined>;
  /** Creates it; not repeated by the HTTP client (a POST). */
  write(): Promise<T>;
  /** What is created, translated, for the message (Polish: genitive): t('order note with the sales-document link'). */
  what: string;
  platform: string;
}

export async function writeOnce<T>(step: WriteOnce<T>): Promise<{ value: T; reused: boolean }> {
  const earlier = await step.find();
  if (earlier !== undefined) return { value: earlier, reused: true };
  try {
    return { value: await step.write(), reused: false };
  } catch (error) {
    if (!(error instanceof ShopError) || error.outcome !== 'uncertain') throw error;
    let found: T | undefined;
    try {
      found = await step.find();
    } catch {
      // The shop cannot be asked either: whether it happened stays unknown.
      throw error;
    }
    if (found !== undefined) return { value: found, reused: true };
    // Asked and absent: it did not happen, and the next attempt looks first again, so repeating it is safe.
    throw new ShopError(
      t(
        '{0}: the answer was lost, but the shop shows no {1}: it was not created and will be tried again. ({2})',
        platformName(step.platform),
        step.what,
        error.message,
      ),
      error.kind,
      error.platform,
      error.status,
      error.shopMessage,
      false,
    );
  }
}
