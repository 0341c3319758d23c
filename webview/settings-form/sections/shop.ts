// Shop: the platform and its address, which orders are imported, the API's limits, the options of the
// platform chosen, and its credentials (through their prompt, never in the form).
import { checkboxField, dropdownField } from '../fields/choice';
import { actionButton, secretStatus } from '../fields/actions';
import type { FormHost } from '../fields/item';
import { statusList } from '../fields/lists';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { booleanAt, stringAt } from '../model';
import { SETTING_ENUMS } from '../settings-meta.generated';
import { PLATFORM_NAMES } from '../../../src/core/model/platforms';
import { Section } from './section';

/** The schema's platforms (shop.platform) with their names; the demo's is translated. */
const PLATFORMS = SETTING_ENUMS['/shop/platform'];
const platformLabel = (platform: (typeof PLATFORMS)[number]): string => (platform === 'demo' ? t('Demo shop') : PLATFORM_NAMES[platform]);

export function shopSection(host: FormHost): Section {
  const section = new Section(host, 'shop', t('Shop'));
  const platform = () => stringAt(host.settings(), ['shop', 'platform']);
  const isDemo = () => platform() === 'demo';
  section.add(
    dropdownField(host, {
      path: ['shop', 'platform'],
      label: t('Platform'),
      options: () => PLATFORMS.map((p) => ({ value: p, label: platformLabel(p) })),
      // A platform that cannot receive the sales document turns the upload off in the same edit (one undo step).
      also: (chosen) =>
        !host.setup().platformsWithPdfUpload.includes(chosen) &&
        booleanAt(host.settings(), ['afterRealization', 'uploadSalesPdfToShop', 'enabled'])
          ? [{ path: ['afterRealization', 'uploadSalesPdfToShop', 'enabled'], value: false }]
          : [],
    }),
    textField(host, {
      path: ['shop', 'name'],
      label: t('Shop name'),
      keepEmpty: true,
      hint: t('As customers know it; {{ shop.name }} in templates.'),
    }),
    textField(host, {
      path: ['shop', 'url'],
      label: t('Shop address (URL)'),
      type: 'url',
      hint: t('Not needed for BaseLinker and the demo shop.'),
    }),
    checkboxField(host, {
      path: ['shop', 'allowInsecureHttp'],
      label: t('Allow plain http'),
      hint: t(
        "Sends the shop's keys without encryption to an http:// address that is not this computer. Risky: anyone on the network path could read them.",
      ),
    }),
    statusList(host, { path: ['shop', 'importStatuses'], label: t('Import orders in these statuses') }),
    actionButton(host, {
      id: 'refresh-statuses',
      label: t('Refresh statuses from the shop'),
      needsTrust: true,
      run: () => host.client.request('refreshShopStatuses', {}),
    }),
    textField(host, {
      path: ['shop', 'importSince'],
      label: t('Import orders created since'),
      placeholder: 'YYYY-MM-DD',
      hint: t("Older orders are never fetched: protects a new deployment from importing the shop's whole history."),
    }),
    numberField(host, {
      path: ['shop', 'requestsPerMinute'],
      label: t('API requests per minute at most'),
      optional: true,
      placeholder: t("the platform's default"),
      hint: t('Empty: BaseLinker 100, Apilo 150, other platforms unlimited.'),
    }),
  );
  section
    .group(t('WooCommerce'), () => platform() === 'woocommerce')
    .add(
      textField(host, {
        path: ['shop', 'woocommerce', 'taxIdMetaKey'],
        label: t("Order meta key of the buyer's tax id (NIP)"),
        hint: t('Set by your checkout plugin.'),
      }),
      dropdownField(host, {
        path: ['shop', 'woocommerce', 'salesDocumentNote'],
        label: t('Who sees the order note linking the sales-document PDF'),
        options: () => [
          { value: 'private', label: t('The shop staff only') },
          { value: 'customer', label: t('The customer too (WooCommerce e-mails it)') },
        ],
      }),
    );
  section
    .group(t('BaseLinker'), () => platform() === 'baselinker')
    .add(
      numberField(host, {
        path: ['shop', 'baselinker', 'invoiceSeriesId'],
        label: t('Invoice series for the uploaded PDF'),
        optional: true,
      }),
    );
  section
    .group(t('Apilo'), () => platform() === 'apilo')
    .add(
      numberField(host, {
        path: ['shop', 'apilo', 'documentTypeId'],
        label: t('Order-document type for the uploaded PDF'),
        optional: true,
      }),
    );
  section.group(t('Credentials')).add(
    secretStatus(host, {
      id: 'shop-credentials-status',
      label: t('Credentials:'),
      stored: () => host.context().secrets?.shopCredentials,
      notNeeded: () => (isDemo() ? t('not needed for the demo shop') : undefined),
    }),
    actionButton(host, {
      id: 'set-shop-credentials',
      label: t('Set credentials…'),
      hint: t('Asked in VS Code and kept in its secret storage, never in the workspace.'),
      disabledReason: () => (isDemo() ? t('not needed for the demo shop') : undefined),
      run: () => host.client.request('setShopCredentials', {}),
    }),
    actionButton(host, {
      id: 'test-connection',
      label: t('Test connection'),
      needsTrust: true,
      run: () => host.client.request('testShopConnection', {}),
    }),
  );
  return section;
}
