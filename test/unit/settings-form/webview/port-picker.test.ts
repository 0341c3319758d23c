// The port picker and the SSL/TLS box agree: choosing 465 or 587 turns SSL/TLS on in the same edit, and a
// port typed by hand that needs SSL/TLS says why beside the port (the host's validation warning).
import assert from 'node:assert/strict';
import { FakeHost } from './fake-host';

const PORT = '#field-email-smtp-port';
const TLS = '#field-email-smtp-tls';

describe('settings form: SMTP port picker and SSL/TLS', () => {
  let host: FakeHost;
  afterEach(() => host?.close());

  for (const [port, expected] of [
    ['587', /expects STARTTLS: turn SSL\/TLS on/],
    ['465', /encrypted from the first byte: turn SSL\/TLS on/],
  ] as const) {
    it(`choosing ${port} turns SSL/TLS on in the same edit; turned off again, the form says why beside the port`, async () => {
      host = new FakeHost().start();
      await host.settle();
      assert.ok(!host.$(TLS).checked, 'the defaults: port 2525, SSL/TLS off');
      host.choose('#common-ports', port);
      await host.settle();
      assert.deepEqual(
        host.edits().map((e) => e.params.changes),
        [
          [
            { path: ['email', 'smtp', 'port'], value: Number(port) },
            { path: ['email', 'smtp', 'tls'], value: true },
          ],
        ],
      );
      const smtp = (JSON.parse(host.text) as { email: { smtp: { port: number; tls: boolean } } }).email.smtp;
      assert.deepEqual([smtp.port, smtp.tls], [Number(port), true]);
      assert.equal(host.$(TLS).checked, true);
      assert.deepEqual(host.problemsBeside(PORT), []);

      host.tick(TLS, false);
      await host.settle();
      const [warning] = host.problemsBeside(PORT);
      assert.match(warning ?? '', expected);
    });
  }

  it('choosing 25 leaves SSL/TLS as it is (STARTTLS or none both work there)', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.choose('#common-ports', '25');
    await host.settle();
    assert.deepEqual(
      host.edits().map((e) => e.params.changes),
      [[{ path: ['email', 'smtp', 'port'], value: 25 }]],
    );
    assert.ok(!host.$(TLS).checked);
    assert.deepEqual(host.problemsBeside(PORT), []);
  });
});
