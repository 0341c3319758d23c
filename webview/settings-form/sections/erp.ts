// ERP: the adapter (the sandbox or a real Optima), the import mode, automatic realization in the sandbox,
// the Optima bridge that creates documents (its token through its prompt) and how it creates them, the SQL
// connection to a real Optima (its password through its prompt) and the seller printed on the copies.
import { actionButton, secretStatus } from '../fields/actions';
import { checkboxField, dropdownField } from '../fields/choice';
import type { FormHost } from '../fields/item';
import { statusList } from '../fields/lists';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { booleanAt, realizationAvailable, stringAt } from '../model';
import { Section } from './section';

export function erpSection(host: FormHost): Section {
  const section = new Section(host, 'erp', t('ERP'));
  const adapter = () => stringAt(host.settings(), ['erp', 'adapter']);
  const modes = () => [
    { value: 'RO', label: t('RO – customer reservation (realized later)') },
    { value: 'PF', label: t('PF – pro forma invoice (realized later)') },
    { value: 'FS', label: t('FS – sales invoice at once') },
    { value: 'PA', label: t('PA – receipt at once') },
    { value: 'AUTO', label: t('AUTO – FS with a tax id, otherwise PA') },
  ];
  section.add(
    dropdownField(host, {
      path: ['erp', 'adapter'],
      label: t('ERP'),
      options: () => [
        { value: 'sandbox', label: t('Sandbox ERP (embedded, for rehearsals)') },
        { value: 'optima', label: t('Comarch ERP Optima (through the bridge, or read only over SQL)') },
      ],
      hint: t(
        'Through the Optima bridge the integrator creates the documents; over SQL alone it only finds the document of each order and its realization.',
      ),
    }),
    dropdownField(host, {
      path: ['erp', 'importMode'],
      label: t('Import mode'),
      options: modes,
      // Leaving RO/PF turns the actions after realization off in the same edit (they would be invalid).
      also: (mode) =>
        ['RO', 'PF'].includes(mode)
          ? []
          : (['setStatus', 'sendEmail', 'uploadSalesPdfToShop'] as const)
              .filter((action) => booleanAt(host.settings(), ['afterRealization', action, 'enabled']))
              .map((action) => ({ path: ['afterRealization', action, 'enabled'], value: false })),
    }),
    statusList(host, {
      path: ['erp', 'realizeOnStatuses'],
      label: t('Realize orders in these shop statuses'),
      hint: t('Sandbox ERP only: a real Optima realizes orders itself.'),
      disabledReason: () => (realizationAvailable(host.settings()) ? undefined : t('Only for import mode RO or PF')),
    }),
  );
  const ksefOn = () => booleanAt(host.settings(), ['erp', 'ksef', 'enabled']);
  section.group(t('KSeF (national e-invoices)')).add(
    checkboxField(host, {
      path: ['erp', 'ksef', 'enabled'],
      label: t('Send an FS to the buyer only with its KSeF number'),
      hint: t(
        'The e-mail with the PDF and the PDF upload of an FS bound for KSeF wait until KSeF has numbered it; its PDF carries the number and the KOD I QR code. Receipts and status changes go at once.',
      ),
      claims: ['/erp/ksef'],
    }),
    dropdownField(host, {
      path: ['erp', 'ksef', 'environment'],
      label: t('KSeF environment'),
      options: () => [
        { value: 'production', label: t('Production') },
        { value: 'test', label: t('Test (release candidate)') },
        { value: 'demo', label: t('Demo (pre-production)') },
      ],
      hint: t('The host of the verification link in the QR code.'),
      shownWhen: ksefOn,
    }),
    numberField(host, { path: ['erp', 'ksef', 'maxHoldHours'], label: t('Alert after waiting for KSeF (hours)'), shownWhen: ksefOn }),
    numberField(host, {
      path: ['erp', 'sandbox', 'ksefAutoAcceptSeconds'],
      label: t('Sandbox KSeF accepts an FS after (seconds)'),
      hint: t('0: only when you accept it (optima-sync sandbox ksef accept DOC, or Show sandbox ERP documents).'),
      shownWhen: () => ksefOn() && adapter() === 'sandbox',
    }),
  );
  const isOptima = () => adapter() === 'optima';
  const hasBridge = () => isOptima() && stringAt(host.settings(), ['erp', 'optima', 'bridge', 'url']) !== '';
  section.group(t('Optima bridge (creates the documents)'), isOptima).add(
    textField(host, {
      path: ['erp', 'optima', 'bridge', 'url'],
      label: t('Bridge address'),
      hint: t('E.g. https://optima-host:8443: optima-sync bridge on the Optima machine. Empty: no bridge, Optima is only read over SQL.'),
      claims: ['/erp/optima/bridge'],
    }),
    secretStatus(host, { id: 'erp-bridge-token-status', label: t('Bridge token:'), stored: () => host.context().secrets?.erpBridgeToken }),
    actionButton(host, {
      id: 'set-erp-bridge-token',
      label: t('Set ERP bridge token…'),
      run: () => host.client.request('setErpBridgeToken', {}),
    }),
    numberField(host, { path: ['erp', 'optima', 'bridge', 'timeoutSeconds'], label: t('Answer timeout (seconds)'), shownWhen: hasBridge }),
    textField(host, {
      path: ['erp', 'optima', 'bridge', 'caFile'],
      label: t('Bridge certificate (PEM file)'),
      hint: t('For a self-signed certificate: the file, relative to this folder.'),
      shownWhen: hasBridge,
    }),
    checkboxField(host, {
      path: ['erp', 'optima', 'documents', 'buffer'],
      label: t('Create documents in the buffer (drafts)'),
      shownWhen: hasBridge,
    }),
    dropdownField(host, {
      path: ['erp', 'optima', 'documents', 'priceMode'],
      label: t('Prices'),
      options: () => [
        { value: 'gross', label: t("From gross (the shop's prices as they are)") },
        { value: 'net', label: t('From net') },
      ],
      shownWhen: hasBridge,
    }),
    ...(['RO', 'PF', 'FS', 'PA'] as const).map((kind) =>
      textField(host, {
        path: ['erp', 'optima', 'documents', 'definitions', kind],
        label: t('Document definition for {0}', kind),
        shownWhen: hasBridge,
      }),
    ),
    dropdownField(host, {
      path: ['erp', 'optima', 'documents', 'oneOffBuyer'],
      label: t('One-off buyer (!NIEOKREŚLONY!)'),
      options: () => [
        { value: 'never', label: t('Never: a contractor card for every buyer') },
        { value: 'consumers', label: t('For buyers without a NIP') },
        { value: 'always', label: t('Always') },
      ],
      shownWhen: hasBridge,
    }),
    textField(host, {
      path: ['erp', 'optima', 'documents', 'defaultPaymentMethod'],
      label: t('Payment method in Optima'),
      hint: t('For shop methods not mapped in erp.optima.documents.paymentMethods.'),
      shownWhen: hasBridge,
    }),
    textField(host, {
      path: ['erp', 'optima', 'documents', 'shippingItem'],
      label: t('Shipping service item (code)'),
      shownWhen: hasBridge,
    }),
    textField(host, {
      path: ['erp', 'optima', 'documents', 'series'],
      label: t('Numbering series'),
      hint: t("Empty: the document definition's own."),
      keepEmpty: true,
      shownWhen: hasBridge,
    }),
  );
  section.group(t('Connection to Optima (SQL Server)'), isOptima).add(
    textField(host, {
      path: ['erp', 'optima', 'server'],
      label: t('Server'),
      hint: t('Host name or IP address, without the instance name.'),
      claims: ['/erp/optima'],
    }),
    numberField(host, { path: ['erp', 'optima', 'port'], label: t('Port'), hint: t('Ignored when an instance name is set.') }),
    textField(host, {
      path: ['erp', 'optima', 'instanceName'],
      label: t('Instance name'),
      hint: t('E.g. OPTIMA for SERWER\\OPTIMA; empty for the default instance or a fixed port.'),
    }),
    textField(host, {
      path: ['erp', 'optima', 'database'],
      label: t('Company database'),
      hint: t('E.g. CDN_Firma (not the configuration database CDN_KNF_Konfiguracja).'),
    }),
    textField(host, { path: ['erp', 'optima', 'user'], label: t('SQL login'), hint: t('A login that can only read the CDN schema.') }),
    secretStatus(host, { id: 'erp-password-status', label: t('ERP password:'), stored: () => host.context().secrets?.erpPassword }),
    actionButton(host, { id: 'set-erp-password', label: t('Set ERP password…'), run: () => host.client.request('setErpPassword', {}) }),
    checkboxField(host, { path: ['erp', 'optima', 'encrypt'], label: t('Encrypt the connection (TLS)') }),
    checkboxField(host, {
      path: ['erp', 'optima', 'trustServerCertificate'],
      label: t("Trust the server's certificate without verifying it"),
      hint: t('Risky outside a trusted network: anyone in between could read the data and the password.'),
    }),
    dropdownField(host, {
      path: ['erp', 'optima', 'match', 'by'],
      label: t("Find the order's document by"),
      options: () => [
        { value: 'externalNumber', label: t('Its external number (numer obcy)') },
        { value: 'attribute', label: t('A document attribute') },
      ],
    }),
    textField(host, {
      path: ['erp', 'optima', 'match', 'pattern'],
      label: t('Value to look for'),
      hint: t("{number}: the order number the customer sees, {id}: the shop's order id."),
    }),
    textField(host, {
      path: ['erp', 'optima', 'match', 'attributeCode'],
      label: t('Attribute code'),
      shownWhen: () => stringAt(host.settings(), ['erp', 'optima', 'match', 'by']) === 'attribute',
    }),
    actionButton(host, {
      id: 'test-erp-connection',
      label: t('Test ERP connection'),
      needsTrust: true,
      run: () => host.client.request('testErpConnection', {}),
    }),
  );
  section.group(t("Seller (printed on the sandbox ERP's documents)")).add(
    ...(
      [
        ['name', t('Company name')],
        ['taxId', t('Tax id (NIP)')],
        ['street', t('Street and number')],
        ['postcode', t('Postal code')],
        ['city', t('City')],
        ['bankAccount', t('Bank account for transfers')],
      ] as const
    ).map(([key, label]) => textField(host, { path: ['erp', 'seller', key], label, keepEmpty: true })),
  );
  return section;
}
