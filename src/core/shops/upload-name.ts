// The name a sales-document PDF gets in a shop's file storage: readable in front ("FS-3-2026"), then a keyed
// hash of the order and the document. Unguessable to anyone without the deployment's key (WordPress serves
// uploads to whoever has the address), yet the same on every attempt, so the product finds its own earlier
// upload instead of storing a second copy.
//
// The key is a random value in the state database's meta table: the CLI, the service and VS Code share it
// (VS Code's SecretStorage would not reach the CLI), it is never in optima-sync.json, and the state folder is
// private (0700/0600). Whoever can read the state reads the customers' data anyway. A state started over gets
// a new key: an upload made before is then not recognised (the reset or the first pass decides what to redo).
import { createHmac, randomBytes } from 'node:crypto';
import type { StateStore } from '../state/api';

const UPLOAD_NAME_KEY = 'uploadNameKey';

/** The deployment's key, created (and saved before it is used) on first need. */
export async function uploadNameKey(store: Pick<StateStore, 'getMeta' | 'setMeta' | 'saveNow'>): Promise<string> {
  const existing = store.getMeta(UPLOAD_NAME_KEY);
  if (existing) return existing;
  const key = randomBytes(32).toString('hex');
  store.setMeta(UPLOAD_NAME_KEY, key);
  await store.saveNow();
  return key;
}

/** "FS/3/2026" of order 41 → "FS-3-2026-<32 hex of HMAC-SHA256(key, platform, order, document)>.pdf". */
export function uploadFileName(key: string, platform: string, orderId: string, documentNumber: string): string {
  const readable =
    documentNumber
      .normalize('NFD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'document';
  const mac = createHmac('sha256', key).update(`${platform}\n${orderId}\n${documentNumber}`).digest('hex').slice(0, 32);
  return `${readable}-${mac}.pdf`;
}
