import assert from 'node:assert/strict';
import { defaultSettings, defaultSettingsText } from '../../../src/core/settings/defaults';
import { documentState } from '../../../src/extension/settings-form/document-state';
import { planTemplate } from '../../../src/extension/settings-form/template-plan';

describe('settings form: what the host sends for a document', () => {
  it('sends the parsed values and no problems for the default file', () => {
    const state = documentState(defaultSettingsText(), '/d/optima-sync.json', 3);
    assert.deepEqual(state.settings, defaultSettings());
    assert.deepEqual(state.problems, []);
    assert.equal(state.ackSeq, 3);
  });

  it('sends the same problems as the Problems panel, keyed by JSON pointer', () => {
    const settings = defaultSettings() as {
      email: { smtp: { port: unknown; ignoreCertificateErrors: boolean } };
      erp: { importMode: string };
    };
    settings.email.smtp.port = 70000;
    settings.email.smtp.ignoreCertificateErrors = true;
    settings.erp.importMode = 'FS';
    const state = documentState(JSON.stringify(settings, null, 2), '/d/optima-sync.json', 0);
    const byPointer = new Map(state.problems.map((p) => [p.pointer, p]));
    assert.match(byPointer.get('/email/smtp/port')!.message, /≤ 65535/);
    assert.match(byPointer.get('/afterRealization/setStatus/enabled')!.message, /only for import mode RO or PF/);
    assert.equal(byPointer.get('/afterRealization/setStatus/enabled')!.severity, 'error');
  });

  it('reports broken JSON with its position instead of values', () => {
    const state = documentState('{\n  "version": 1,\n  "shop": {\n', '/d/optima-sync.json', 0);
    assert.equal(state.settings, undefined);
    assert.ok(state.syntaxError);
    assert.match(state.syntaxError.message, /Invalid JSON/);
    assert.ok(state.syntaxError.line >= 3);
  });
});

describe('settings form: "Message template…"', () => {
  it('opens the body file of the template the action uses', () => {
    const plan = planTemplate(defaultSettings(), 'afterImport');
    assert.deepEqual(plan.changes, []);
    assert.equal(plan.bodyFile, 'templates/order-received.html');
    assert.match(plan.starter, /order\.number/);
  });

  it('creates the template entry (and names it on the action) when missing', () => {
    const settings = defaultSettings() as Record<string, unknown>;
    delete settings.templates;
    (settings.afterRealization as { sendEmail: Record<string, unknown> }).sendEmail = { enabled: true };
    const plan = planTemplate(settings, 'afterRealization');
    assert.equal(plan.name, 'order-realized');
    assert.deepEqual(plan.changes[0], { path: ['afterRealization', 'sendEmail', 'template'], value: 'order-realized' });
    assert.deepEqual(plan.changes[1]!.path, ['templates', 'order-realized']);
    assert.equal(plan.bodyFile, 'templates/order-realized.html');
  });

  it('has no file to open when the body is inline', () => {
    const settings = defaultSettings() as { templates: Record<string, unknown> };
    settings.templates['order-received'] = { subject: 'S', body: '<p>x</p>' };
    assert.equal(planTemplate(settings, 'afterImport').bodyFile, undefined);
  });
});
