/**
 * The text of anything thrown: an Error's message, or the thrown value itself as text. Duck-typed rather than
 * `instanceof Error`, because errors from a worker thread or the sql.js wasm are not this realm's Error.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
