// The bridge over HTTPS: the product trusts the bridge's self-signed certificate named in
// erp.optima.bridge.caFile (read from the deployment folder), and refuses one it cannot verify before any
// request — so the token never reaches a server that is not the bridge.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BridgeClient } from '../../../src/core/erp/bridge/client';
import { createBridgeClient } from '../../../src/core/erp/bridge/index';
import { BridgeError } from '../../../src/core/erp/bridge/errors';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { validateSettingsText } from '../../../src/core/settings/validate';
import { BRIDGE_TOKEN, startSimulatedBridge, type SimulatedBridge } from '../../support/bridge';
import { selfSignedCertificate } from '../../support/smtp';

describe('the bridge over HTTPS with a self-signed certificate', function () {
  this.timeout(60_000);
  let bridge: SimulatedBridge;
  let dir: string;
  let url: string;
  before(async () => {
    const { cert, key } = await selfSignedCertificate();
    bridge = await startSimulatedBridge({ tls: { cert: Buffer.from(cert), key: Buffer.from(key) } });
    url = bridge.url.replace('127.0.0.1', 'localhost');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-tls-'));
    await fs.writeFile(path.join(dir, 'bridge.crt'), cert);
  });
  after(async () => {
    await bridge.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('works with the certificate named in erp.optima.bridge.caFile, relative to the deployment folder', async () => {
    assert.match(url, /^https:/);
    const settings = defaultSettings() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    settings.erp.adapter = 'optima';
    settings.erp.optima = { bridge: { url, caFile: 'bridge.crt' } };
    const valid = validateSettingsText(JSON.stringify(settings), 'optima-sync.json').settings!;
    const client = await createBridgeClient(
      valid,
      { get: async (name) => (name === 'erpBridgeToken' ? BRIDGE_TOKEN : undefined) },
      { dir },
    );
    assert.equal((await client.health()).company, 'DEMO');
  });

  it('refuses a certificate it cannot verify, as a definite server-wide failure', async () => {
    const error = await new BridgeClient({ url, token: BRIDGE_TOKEN, timeoutMs: 5_000 }).health().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof BridgeError);
    assert.deepEqual([error.failure, error.outcome, error.scope], ['unreachable', 'definite', 'server']);
    assert.match(error.message, /self-signed|SELF_SIGNED/i);
  });
});
