// The full scenario over each platform's loopback fake (its documented contract), the sandbox ERP and a real
// SMTP server: pass 1 imports and runs the post-import actions; an order is realized in the ERP; pass 2 runs
// the post-realization actions (status, e-mail with the PDF, upload where the platform can); pass 3 does nothing.
import assert from 'node:assert/strict';
import { createSandboxErp } from '../../../src/core/erp/sandbox/index';
import { loadSettings } from '../../../src/core/deployment/files';
import { MemoryLogger } from '../../../src/core/log';
import type { SecretName, SecretSource } from '../../../src/core/secrets';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { generateOrders } from '../../fakes/common/orders';
import { createTestDeployment, doneCount, type TestDeployment, useSmtp, withoutKsef } from '../../support/deployment';
import { parsePdf } from '../../support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { PLATFORM_CASES } from '../shops/platforms';
import { testClock } from '../../support/clock';

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return {
    get: async (name) => values[name],
    set: async (name, value) => {
      values[name] = value;
    },
  };
}

describe('sync pass over each shop platform', function () {
  this.timeout(120_000);

  for (const platformCase of PLATFORM_CASES) {
    describe(platformCase.platform, () => {
      let smtp: TestSmtpServer;
      let deployment: TestDeployment;
      let fake: Awaited<ReturnType<typeof platformCase.start>>;
      const secrets = memorySecrets(platformCase.secrets());
      const pass = async () => {
        const logger = new MemoryLogger();
        // The flow, not the limiter (tested on its own): BaseLinker's 100 and Apilo's 150 a minute, scaled to a second.
        const opened = await openDeployment(deployment.dir, {
          secrets,
          logger,
          now: testClock,
          shopRateLimit: { requests: 100, windowMs: 1000 },
        });
        try {
          const summary = await runSyncPass(opened.deps, {});
          for (const value of platformCase.secretValues()) assert.ok(!logger.text().includes(value), 'no secret in the log');
          return summary;
        } finally {
          await opened.close();
        }
      };

      before(async () => {
        smtp = await startSmtpServer({ tls: 'none' });
        fake = await platformCase.start({ orders: generateOrders(5, { status: 'new', firstId: 501 }) });
        deployment = await createTestDeployment((s) => {
          useSmtp(smtp.port, false)(s);
          withoutKsef(s);
          s.shop = {
            platform: platformCase.platform,
            name: 'Sklep Testowy',
            url: fake.url,
            importStatuses: [platformCase.statusId('new')],
            ...platformCase.shop,
          };
          s.erp.realizeOnStatuses = [];
          s.afterImport.setStatus.status = platformCase.statusId('processing');
          s.afterRealization.setStatus.status = platformCase.statusId('shipped');
          s.afterRealization.uploadSalesPdfToShop.enabled = true;
        });
      });
      after(async () => {
        await fake?.close();
        await smtp?.close();
        await deployment?.cleanup();
      });

      it('pass 1 imports and runs the post-import actions', async () => {
        const summary = await pass();
        assert.equal(summary.result, 'ok');
        assert.deepEqual(summary.errors, []);
        assert.equal(summary.imported, 5);
        assert.equal(summary.actions['status-after-import'].done, 5);
        assert.equal(summary.actions['email-after-import'].done, 5);
        const changes = fake.state.statusChanges.filter((c) => c.status === platformCase.statusId('processing'));
        assert.equal(changes.length, 5);
        assert.equal(smtp.messages.length, 5);
        assert.ok(smtp.messages.every((m) => /^Przyjęliśmy zamówienie /.test(m.parsed.subject ?? '')));
      });

      it('after realization in the ERP, pass 2 sets the status, e-mails the PDF and uploads it where the platform can', async () => {
        const { settings } = await loadSettings(deployment.dir);
        const store = await openStateStore(deployment.dir, { now: testClock });
        // A buyer with a tax id: the realization is an invoice (FS), which every uploading platform accepts.
        const [stored] = store.listOrders().filter((o) => o.erpDocument && o.order.buyer.taxId);
        try {
          const erp = await createSandboxErp(store, settings, { now: testClock });
          await erp.realize(stored!.erpDocument!, stored!.order, erp.today());
        } finally {
          await store.close();
        }
        const before = smtp.messages.length;
        const summary = await pass();
        assert.deepEqual(summary.errors, []);
        assert.equal(summary.realized, 1);
        assert.equal(summary.actions['status-after-realization'].done, 1);
        assert.equal(summary.actions['email-after-realization'].done, 1);
        assert.equal(summary.actions['pdf-to-shop'].done, 1, 'the sales document reaches the shop: as a file, or as its number');
        assert.equal(summary.actions['email-after-import'].done, 0);
        assert.ok(fake.state.statusChanges.some((c) => c.orderId === stored!.shopOrderId && c.status === platformCase.statusId('shipped')));

        const [mail] = smtp.messages.slice(before);
        assert.deepEqual(mail!.envelope.to, [stored!.customerEmail]);
        const attachment = mail!.parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
        const pdf = await parsePdf(attachment.content);
        const sales = /– (FS|PA) (\S+)$/.exec(mail!.parsed.subject ?? '')!;
        assert.ok(pdf.text.includes(sales[2]!), 'the PDF carries the sales-document number');
        const upload = fake.state.uploads.find((u) => u.orderId === stored!.shopOrderId)!;
        if (platformCase.canUpload) {
          assert.ok(upload, 'the shop received the PDF');
          assert.ok(Buffer.from(upload.bytes).equals(attachment.content), 'the uploaded PDF is the one e-mailed');
        } else {
          assert.ok(upload, 'the shop received the sales-document number');
          assert.equal(upload.documentNumber, sales[2], "the number written back is the sales document's");
          assert.equal(upload.bytes.length, 0, 'no file: the platform takes none');
        }
      });

      it('pass 3 has nothing to do', async () => {
        const changes = fake.state.statusChanges.length;
        const mails = smtp.messages.length;
        const summary = await pass();
        assert.equal(doneCount(summary), 0);
        assert.equal(summary.imported, 0);
        assert.equal(fake.state.statusChanges.length, changes);
        assert.equal(smtp.messages.length, mails);
      });
    });
  }
});

describe('sync pass: the shop goes down in the middle of a pass', function () {
  this.timeout(120_000);
  const woo = PLATFORM_CASES.find((c) => c.platform === 'woocommerce')!;

  it('gives per-order failures with the reason, keeps the other actions, and a later pass retries them', async () => {
    const smtp = await startSmtpServer({ tls: 'none' });
    const fake = await woo.start({ orders: generateOrders(3, { status: 'new', firstId: 701 }) });
    const deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      withoutKsef(s);
      s.shop = { platform: 'woocommerce', url: fake.url, importStatuses: [woo.statusId('new')] };
      s.afterImport.setStatus.status = woo.statusId('processing');
      s.afterRealization.uploadSalesPdfToShop.enabled = false;
    });
    const secrets = memorySecrets(woo.secrets());
    const pass = async (onFetched?: () => void) => {
      const opened = await openDeployment(deployment.dir, { secrets, logger: new MemoryLogger(), now: testClock });
      try {
        // One order at a time, so the outage hits exactly one order's status change.
        return await runSyncPass(opened.deps, { concurrency: 1, onEvent: (e) => e.type === 'fetched' && onFetched?.() });
      } finally {
        await opened.close();
      }
    };
    try {
      // Right after the orders are read, the shop answers 503 long enough for one order's status change
      // to exhaust its retries (1 attempt + 3 retries).
      const first = await pass(() =>
        fake.inject(
          ...Array.from({ length: 4 }, () => ({
            kind: 'status' as const,
            status: 503,
            body: { code: 'unavailable', message: 'Service Unavailable' },
          })),
        ),
      );
      assert.equal(first.result, 'ok', 'the pass completes');
      assert.equal(first.imported, 3);
      assert.equal(first.actions['status-after-import'].failed, 1);
      assert.equal(first.actions['status-after-import'].done, 2);
      assert.equal(first.actions['email-after-import'].done, 3, 'a failed status change does not stop the e-mail');
      assert.match(first.errors[0]!.message, /503/);
      const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
      const failed = store.listActions({ states: ['failed'] });
      await store.close();
      assert.equal(failed.length, 1);
      assert.match(failed[0]!.lastError ?? '', /503/);

      const second = await pass();
      assert.equal(second.actions['status-after-import'].done, 1, 'retried and done');
      assert.equal(second.actions['email-after-import'].done, 0, 'never repeated');
      assert.equal(smtp.messages.length, 3);
      assert.equal(fake.state.statusChanges.length, 3);
    } finally {
      await fake.close();
      await smtp.close();
      await deployment.cleanup();
    }
  });
});
