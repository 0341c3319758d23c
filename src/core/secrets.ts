// Where secrets come from. Never from optima-sync.json: in VS Code from SecretStorage (per deployment
// folder), in the CLI from environment variables. Every value read is registered for log redaction.
import type { SecretRegistry } from './log';

export type SecretName =
  | 'smtpPassword'
  | 'alertsSmtpPassword'
  | 'shopKey'
  | 'shopSecret'
  | 'erpPassword'
  | 'erpBridgeToken'
  | 'apiloTokens'
  | 'wpUser'
  | 'wpAppPassword';

export interface SecretSource {
  get(name: SecretName): Promise<string | undefined>;
  /** Stores a value (VS Code: SecretStorage; CLI: only the Apilo token file can be written). */
  set?(name: SecretName, value: string): Promise<void>;
}

/** The environment variable that carries each secret for the CLI. */
export const SECRET_ENVIRONMENT_VARIABLES: Record<Exclude<SecretName, 'apiloTokens'>, string> = {
  smtpPassword: 'OPTIMA_SYNC_SMTP_PASSWORD',
  // The separate SMTP server of the alerts (alerts.smtp), when there is one.
  alertsSmtpPassword: 'OPTIMA_SYNC_ALERTS_SMTP_PASSWORD',
  shopKey: 'OPTIMA_SYNC_SHOP_KEY',
  shopSecret: 'OPTIMA_SYNC_SHOP_SECRET',
  erpPassword: 'OPTIMA_SYNC_ERP_PASSWORD',
  // The bearer token of the Optima bridge (erp.optima.bridge).
  erpBridgeToken: 'OPTIMA_SYNC_ERP_BRIDGE_TOKEN',
  // WooCommerce PDF upload: a WordPress user and Application Password (the ck/cs keys cannot reach wp/v2/media).
  wpUser: 'OPTIMA_SYNC_WP_USER',
  wpAppPassword: 'OPTIMA_SYNC_WP_APP_PASSWORD',
};

/** Every secret a deployment may have. */
export const SECRET_NAMES: readonly SecretName[] = [...(Object.keys(SECRET_ENVIRONMENT_VARIABLES) as SecretName[]), 'apiloTokens'];

/** Apilo access/refresh tokens live in a file outside the workspace named by this variable. */
export const APILO_TOKEN_FILE_VARIABLE = 'OPTIMA_SYNC_APILO_TOKEN_FILE';

export function environmentSecrets(env: NodeJS.ProcessEnv): SecretSource {
  return {
    async get(name) {
      if (name === 'apiloTokens') {
        const file = env[APILO_TOKEN_FILE_VARIABLE];
        if (!file) return undefined;
        const { promises: fs } = await import('node:fs');
        try {
          return await fs.readFile(file, 'utf8');
        } catch {
          return undefined;
        }
      }
      return env[SECRET_ENVIRONMENT_VARIABLES[name]] || undefined;
    },
    async set(name, value) {
      const file = env[APILO_TOKEN_FILE_VARIABLE];
      if (name !== 'apiloTokens' || !file) throw new Error(`The CLI cannot store ${name}`);
      const { promises: fs } = await import('node:fs');
      await fs.writeFile(file + '.tmp', value, { mode: 0o600 });
      await fs.rename(file + '.tmp', file);
    },
  };
}

/** Wraps a source so that every value it hands out is redacted from logs and errors. */
export function registeringSecrets(source: SecretSource, registry: SecretRegistry): SecretSource {
  return {
    async get(name) {
      const value = await source.get(name);
      registry.add(value);
      return value;
    },
    set: source.set
      ? async (name, value) => {
          registry.add(value);
          await source.set!(name, value);
        }
      : undefined,
  };
}
