// The addresses that carry credentials: the shop's keys (shop.url) and the ERP bridge's token
// (erp.optima.bridge.url) go only over https, except to this computer, as the SMTP login does
// (net/transport-security.ts).
import { t } from '../l10n';
import { credentialUrlVerdict } from '../net/transport-security';
import type { Settings } from './types.generated';
import type { RuleProblem } from './validate';

/** The shop's keys go with every request: plain http only to this computer, or where allowed explicitly (warned). */
export function shopUrlProblem(settings: Settings): RuleProblem | undefined {
  const { platform, url, allowInsecureHttp } = settings.shop;
  if (platform === 'demo' || !url) return undefined;
  const verdict = credentialUrlVerdict(url, allowInsecureHttp === true);
  if (verdict !== 'refused' && verdict !== 'allowed') return undefined;
  const host = new URL(url).host;
  if (verdict === 'refused') {
    return {
      pointer: '/shop/url',
      code: 'plain-http-shop-refused',
      message: t(
        "shop.url is plain http: the shop's keys would travel unencrypted to {0}, so connecting is refused. Use the shop's https:// address, or allow it with shop.allowInsecureHttp",
        host,
      ),
      fieldMessage: t(
        "Plain http: the shop's keys would travel unencrypted to {0}, so connecting is refused. Use the shop's https:// address, or allow plain http below",
        host,
      ),
    };
  }
  return {
    pointer: '/shop/url',
    code: 'plain-http-shop',
    severity: 'warning',
    message: t(
      "shop.url is plain http: the shop's keys travel unencrypted to {0} and anyone on the network path could read them. Use the shop's https:// address",
      host,
    ),
    fieldMessage: t(
      "Plain http: the shop's keys travel unencrypted to {0} and anyone on the network path could read them. Use the shop's https:// address",
      host,
    ),
  };
}

/** The bridge token goes with every request: plain http only to this computer, never allowed elsewhere. */
export function bridgeUrlProblem(settings: Settings): RuleProblem | undefined {
  const bridge = settings.erp.optima?.bridge;
  if (!bridge) return undefined;
  const verdict = credentialUrlVerdict(bridge.url, false);
  if (verdict !== 'refused' && verdict !== 'invalid') return undefined;
  return {
    pointer: '/erp/optima/bridge/url',
    code: verdict === 'refused' ? 'bridge-plain-http' : 'bridge-url-invalid',
    message:
      verdict === 'refused'
        ? t(
            'erp.optima.bridge.url is plain http to another computer: the bridge token would travel unencrypted. Use https:// (plain http only to localhost)',
          )
        : t('erp.optima.bridge.url must be an https (or http) address such as https://optima-host:8443'),
    fieldMessage:
      verdict === 'refused'
        ? t('Plain http only to this computer: use https:// so that the token never travels unencrypted')
        : t('Enter an address such as https://optima-host:8443'),
  };
}
