// Apilo's tokens over a connector's life: read from the secret store (CLI: a token file), a pending
// authorization code exchanged, the access token refreshed near expiry, every new pair stored back.
import { t } from '../l10n';
import { APILO_TOKEN_FILE_VARIABLE, type SecretSource } from '../secrets';
import type { ConnectorDeps } from './base';
import { SET_CREDENTIALS_COMMAND, ShopError } from './errors';
import { requestApiloTokens, type ApiloTokens } from './apilo-tokens';

/** Refresh the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 24 * 3600_000;

export class ApiloSession {
  private tokens?: ApiloTokens;
  /** The tokens were just issued by Apilo: no refresh, whatever their lifetime. */
  private fresh = false;

  constructor(
    private readonly deps: ConnectorDeps,
    private readonly base: string,
  ) {}

  private get secrets(): SecretSource {
    return this.deps.secrets;
  }

  private remember(tokens: Partial<ApiloTokens> & { authorizationCode?: string }): void {
    for (const value of [tokens.accessToken, tokens.refreshToken, tokens.authorizationCode]) this.deps.secretRegistry.add(value);
  }

  private async store(tokens: ApiloTokens): Promise<void> {
    this.remember(tokens);
    this.tokens = tokens;
    this.fresh = true;
    if (!this.secrets.set)
      throw new ShopError(t('The new Apilo tokens cannot be stored; set {0}', APILO_TOKEN_FILE_VARIABLE), 'credentials', 'apilo');
    await this.secrets.set('apiloTokens', JSON.stringify(tokens));
  }

  /** Apilo's token endpoint, with the app's key and secret: a new pair for a code or a refresh token, stored. */
  private async exchange(grant: { authorizationCode: string } | { refreshToken: string }): Promise<void> {
    const { shopKey, shopSecret } = this.deps.credentials;
    await this.store(await requestApiloTokens(this.deps.http, this.base, shopKey!, shopSecret!, grant));
  }

  private missingTokens(): ShopError {
    return new ShopError(
      t(
        'Apilo needs an authorization code: create one in Apilo (Administracja → API Apilo) and enter it with the command "{0}" (CLI: write {"authorizationCode": "…"} into the file named by {1}).',
        SET_CREDENTIALS_COMMAND,
        APILO_TOKEN_FILE_VARIABLE,
      ),
      'credentials',
      'apilo',
    );
  }

  /** A valid access token: exchanges a pending authorization code, refreshes one near expiry. */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!this.tokens || forceRefresh) {
      const stored = await this.secrets.get('apiloTokens');
      if (!stored) throw this.missingTokens();
      let parsed: Partial<ApiloTokens> & { authorizationCode?: string };
      try {
        parsed = JSON.parse(stored) as typeof parsed;
      } catch {
        throw this.missingTokens();
      }
      this.remember(parsed);
      if (parsed.authorizationCode) {
        await this.exchange({ authorizationCode: parsed.authorizationCode });
      } else if (parsed.accessToken && parsed.refreshToken) {
        this.tokens = parsed as ApiloTokens;
      } else {
        throw this.missingTokens();
      }
    }
    const tokens = this.tokens!;
    const now = this.deps.now().getTime();
    if (forceRefresh || (!this.fresh && Date.parse(tokens.accessTokenExpireAt) - now < REFRESH_MARGIN_MS)) {
      if (Date.parse(tokens.refreshTokenExpireAt) <= now) throw this.missingTokens();
      await this.exchange({ refreshToken: tokens.refreshToken });
    }
    return this.tokens!.accessToken;
  }
}
