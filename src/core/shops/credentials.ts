// What each platform needs to authenticate, where it is kept (SecretStorage / environment variables) and
// how the error messages name it.
import type { Platform } from '../model/order';
import { APILO_TOKEN_FILE_VARIABLE, SECRET_ENVIRONMENT_VARIABLES, type SecretName, type SecretSource } from '../secrets';
import { t } from '../l10n';
import { platformName, SET_CREDENTIALS_COMMAND, ShopError } from './errors';

export interface CredentialField {
  secret: Exclude<SecretName, 'apiloTokens'>;
  /** English label (translate with t()). */
  label: string;
}

export const PLATFORM_CREDENTIALS: Record<Platform, CredentialField[]> = {
  prestashop: [{ secret: 'shopKey', label: 'PrestaShop webservice key' }],
  woocommerce: [
    { secret: 'shopKey', label: 'WooCommerce consumer key (ck_…)' },
    { secret: 'shopSecret', label: 'WooCommerce consumer secret (cs_…)' },
  ],
  baselinker: [{ secret: 'shopKey', label: 'BaseLinker API token' }],
  apilo: [
    { secret: 'shopKey', label: 'Apilo client id' },
    { secret: 'shopSecret', label: 'Apilo client secret' },
  ],
  sellasist: [{ secret: 'shopKey', label: 'SellAsist API key' }],
  demo: [],
};

/** Credentials needed only for the sales-document upload, read when it runs (WooCommerce: WordPress media). */
export const PDF_UPLOAD_CREDENTIALS: Partial<Record<Platform, CredentialField[]>> = {
  woocommerce: [
    { secret: 'wpUser', label: 'WordPress user name (for the PDF upload)' },
    { secret: 'wpAppPassword', label: 'WordPress Application Password (for the PDF upload)' },
  ],
};

/** Reads the upload credentials; throws naming the first one missing and where to set it. */
export async function readUploadCredentials(platform: Platform, secrets: SecretSource): Promise<Record<string, string>> {
  const fields = PDF_UPLOAD_CREDENTIALS[platform] ?? [];
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = await secrets.get(field.secret);
    if (!value) {
      const variables = fields.map((f) => SECRET_ENVIRONMENT_VARIABLES[f.secret]).join(', ');
      throw new ShopError(
        t('The {0} is not set. Set it with the command "{1}" (CLI: {2}).', t(field.label), t(SET_CREDENTIALS_COMMAND), variables),
        'credentials',
        platform,
      );
    }
    values[field.secret] = value;
  }
  return values;
}

/** "the WooCommerce consumer key (ck_…) and WooCommerce consumer secret (cs_…)": for messages. */
export function credentialDescription(platform: Platform): string {
  return PLATFORM_CREDENTIALS[platform].map((field) => t(field.label)).join(t(' and '));
}

/** Where to set the credentials: the command and the CLI's variables. */
export function credentialHint(platform: Platform): string {
  const variables = PLATFORM_CREDENTIALS[platform].map((field) => SECRET_ENVIRONMENT_VARIABLES[field.secret]);
  if (platform === 'apilo') variables.push(APILO_TOKEN_FILE_VARIABLE);
  return t('Set it with the command "{0}" (CLI: {1}).', t(SET_CREDENTIALS_COMMAND), variables.join(', '));
}

/** Reads every credential the platform needs; throws a clear error naming the first one missing. */
export async function readCredentials(platform: Platform, secrets: SecretSource): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const field of PLATFORM_CREDENTIALS[platform]) {
    const value = await secrets.get(field.secret);
    if (!value) {
      throw new ShopError(t('The {0} is not set. {1}', t(field.label), credentialHint(platform)), 'credentials', platform);
    }
    values[field.secret] = value;
  }
  return values;
}

export { platformName };
