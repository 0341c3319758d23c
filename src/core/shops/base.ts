// What every connector is built from.
import type { Logger, SecretRegistry } from '../log';
import type { SecretSource } from '../secrets';
import type { Settings } from '../settings/types.generated';
import type { ShopHttp } from './http';

export interface ConnectorDeps {
  settings: Settings;
  http: ShopHttp;
  /** The platform's credentials by secret name (shopKey, shopSecret). */
  credentials: Record<string, string>;
  secrets: SecretSource;
  /** Every secret value met (tokens obtained at run time too) goes here, so logs and errors never show it. */
  secretRegistry: SecretRegistry;
  logger: Logger;
  now: () => Date;
  /** Rows per list request (default: the platform's maximum or usual size). */
  pageSize?: number;
  /** The deployment's key for the names of uploaded files (upload-name.ts); needed only to upload. */
  uploadNameKey?: () => Promise<string>;
}

/** The upload-name key; every path that uploads (a sync pass) passes one. */
export function uploadNameKeyOf(deps: ConnectorDeps): Promise<string> {
  if (!deps.uploadNameKey)
    throw new Error("The connector was created without the deployment's upload-name key (ShopConnectorOptions.uploadNameKey).");
  return deps.uploadNameKey();
}

/** The base address from shop.url, without a trailing slash. */
export function shopUrl(settings: Settings, fallback?: string): string {
  const url = settings.shop.url ?? fallback;
  if (!url) throw new Error('shop.url is required for this platform');
  return url.replace(/\/+$/, '');
}
