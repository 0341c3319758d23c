// erp.optima with the Optima bridge in the settings file: a bridge URL alone is a complete real Optima, the
// document choices get their defaults, and the token never travels over plain http to another machine.
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { validateSettingsText } from '../../../src/core/settings/validate';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function validate(optima: Json) {
  const settings = defaultSettings() as Json;
  settings.erp.adapter = 'optima';
  settings.erp.optima = optima;
  return validateSettingsText(JSON.stringify(settings, null, 2), 'optima-sync.json');
}
const errors = (optima: Json) =>
  validate(optima)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.pointer, p.fieldMessage]);

describe('settings of the Optima bridge', () => {
  it("takes a bridge URL alone as a real Optima, with the documents' defaults", () => {
    const result = validate({ bridge: { url: 'https://optima-host:8443' } });
    assert.deepEqual(result.problems, []);
    const optima = result.settings!.erp.optima!;
    assert.equal(optima.bridge!.timeoutSeconds, 60);
    assert.deepEqual(optima.documents, {
      buffer: false,
      priceMode: 'gross',
      definitions: { RO: 'RO', PF: 'FPF', FS: 'FS', PA: 'PA' },
      series: '',
      paymentMethods: {},
      defaultPaymentMethod: 'przelew',
      shippingItem: 'TRANSPORT',
      oneOffBuyer: 'never',
    });
  });

  it("needs the bridge's URL, or the SQL connection", () => {
    assert.deepEqual(errors({ bridge: {} }), [['/erp/optima/bridge/url', "Required: the bridge's address, e.g. https://optima-host:8443"]]);
    assert.deepEqual(
      errors({}).map(([pointer]) => pointer),
      ['/erp/optima/server', '/erp/optima/database', '/erp/optima/user'],
    );
    assert.deepEqual(errors({ bridge: { url: 'https://optima-host:8443' }, server: 'srv', database: 'CDN_Firma', user: 'ro' }), []);
  });

  it('refuses plain http to another machine, and allows it to this one', () => {
    const [problem] = validate({ bridge: { url: 'http://optima-host:8443' } }).problems;
    assert.deepEqual([problem!.pointer, problem!.code, problem!.severity], ['/erp/optima/bridge/url', 'bridge-plain-http', 'error']);
    assert.match(problem!.message, /token would travel unencrypted/);
    assert.deepEqual(errors({ bridge: { url: 'http://127.0.0.1:8443' } }), []);
    assert.deepEqual(errors({ bridge: { url: 'http://localhost:8443' } }), []);
  });
});
