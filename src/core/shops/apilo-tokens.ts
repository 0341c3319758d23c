// Apilo's tokens: a one-time authorization code (or a refresh token) exchanged for an access and a refresh token
// at POST /rest/auth/token/, with the client id and secret as Basic credentials. The answer is never logged.
import { t } from '../l10n';
import { ShopError } from './errors';
import { basicAuth, joinUrl, type ShopHttp } from './http';

export interface ApiloTokens {
  accessToken: string;
  accessTokenExpireAt: string;
  refreshToken: string;
  refreshTokenExpireAt: string;
}

function tokenUrl(base: string): string {
  return joinUrl(base, 'rest/auth/token/');
}

/** Exchanges a one-time authorization code (or a refresh token) for tokens: POST /rest/auth/token/. */
export async function requestApiloTokens(
  http: ShopHttp,
  base: string,
  clientId: string,
  clientSecret: string,
  grant: { authorizationCode: string } | { refreshToken: string },
): Promise<ApiloTokens> {
  const body =
    'authorizationCode' in grant
      ? { grantType: 'authorization_code', token: grant.authorizationCode }
      : { grantType: 'refresh_token', token: grant.refreshToken };
  const tokens = await http.json<ApiloTokens>({
    method: 'POST',
    url: tokenUrl(base),
    headers: { Authorization: basicAuth(clientId, clientSecret), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    idempotent: false,
    secretAnswer: true,
    what: 'authorizationCode' in grant ? 'exchange the authorization code for tokens' : 'refresh the access token',
  });
  if (!tokens.accessToken || !tokens.refreshToken) throw new ShopError(t('Apilo returned no tokens'), 'auth', 'apilo');
  return tokens;
}
