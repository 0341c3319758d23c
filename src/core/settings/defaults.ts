// The settings file (and example templates) that "Create settings file" and `optima-sync init` write:
// complete, valid, safe (demo shop, sandbox ERP, test mode on).
export const DEFAULT_TEMPLATE_FILES: Record<string, string> = {
  'templates/order-received.html': `<p>Dzień dobry {{ buyer.name }},</p>
<p>dziękujemy za zamówienie <strong>{{ order.number }}</strong> z dnia {{ order.createdAt | date }}
na kwotę <strong>{{ order.total | money }}</strong>.</p>
<p>Przyjęliśmy je do realizacji. O wysyłce poinformujemy osobną wiadomością.</p>
<p>Pozdrawiamy,<br>{{ shop.name }}</p>
`,
  'templates/order-realized.html': `<p>Dzień dobry {{ buyer.name }},</p>
<p>zamówienie <strong>{{ order.number }}</strong> zostało zrealizowane.
Wystawiliśmy dokument {{ salesDocument.kind }} nr <strong>{{ salesDocument.number }}</strong>
na kwotę {{ salesDocument.total | money }}.</p>
{% if salesDocument.ksefNumber %}<p>Wiążąca prawnie faktura jest w Krajowym Systemie e-Faktur (KSeF) pod numerem
<strong>{{ salesDocument.ksefNumber }}</strong>{% if salesDocument.ksefVerificationUrl %};
<a href="{{ salesDocument.ksefVerificationUrl }}">sprawdź ją w KSeF</a>{% endif %}.
Załączony PDF to jej wizualizacja.</p>
{% endif %}<p>Pozdrawiamy,<br>{{ shop.name }}</p>
`,
};

export function defaultSettings(): Record<string, unknown> {
  return {
    version: 1,
    shop: { platform: 'demo', name: 'Sklep Demo', importStatuses: ['new', 'paid'] },
    erp: {
      adapter: 'sandbox',
      importMode: 'RO',
      realizeOnStatuses: ['paid'],
      seller: {
        name: 'Sklep Demo Sp. z o.o.',
        taxId: '5260250274',
        street: 'ul. Przykładowa 1',
        postcode: '00-001',
        city: 'Warszawa',
        bankAccount: '61 1090 1014 0000 0712 1981 2874',
      },
      // The law for the merchants this product serves (KSeF, 2026): an FS goes to the buyer with its KSeF number.
      ksef: { enabled: true, environment: 'production', maxHoldHours: 48 },
    },
    afterImport: {
      setStatus: { enabled: true, status: 'processing' },
      sendEmail: { enabled: true, template: 'order-received' },
    },
    afterRealization: {
      setStatus: { enabled: true, status: 'shipped' },
      sendEmail: { enabled: true, template: 'order-realized', attachSalesPdf: true },
      uploadSalesPdfToShop: { enabled: true },
    },
    email: {
      from: 'Sklep Demo <sklep@example.pl>',
      smtp: { host: 'localhost', port: 2525, login: '', tls: false, ignoreCertificateErrors: false },
      testMode: { enabled: true, recipient: 'konsultant@example.pl' },
      bulkLimit: 20,
    },
    templates: {
      'order-received': { subject: 'Przyjęliśmy zamówienie {{ order.number }}', bodyFile: 'templates/order-received.html' },
      'order-realized': {
        subject: 'Zamówienie {{ order.number }} zrealizowane – {{ salesDocument.kind }} {{ salesDocument.number }}',
        bodyFile: 'templates/order-realized.html',
      },
    },
    schedule: { autoSyncMinutes: 0 },
    state: { retentionDays: 365 },
    timezone: 'Europe/Warsaw',
  };
}

export function defaultSettingsText(): string {
  return JSON.stringify(defaultSettings(), null, 2) + '\n';
}
