// The command layer's guard, with real collaborators in memory: a command's result reaches the caller, a
// command the manifest offers only in a trusted workspace is refused elsewhere, and an unexpected throw becomes
// one redacted error line, the redacted stack at debug level and one notification — never a rejection.
import assert from 'node:assert/strict';
import { guardedCommand, type CommandGuardDependencies } from '../../../src/extension/command-guard';
import { redactSecrets, MemoryLogger } from '../../../src/core/log';

const SECRET = 'Haslo-SMTP-7731';

function dependencies(trusted = true) {
  const log = new MemoryLogger();
  const notified: string[] = [];
  let refused = 0;
  const deps: CommandGuardDependencies = {
    log,
    isTrusted: () => trusted,
    refuseUntrusted: () => {
      refused++;
    },
    redact: async (text) => redactSecrets(text, [SECRET]),
    notifyFailure: (message) => notified.push(message),
  };
  return { deps, log, notified, refused: () => refused };
}

describe('command layer: the guard around every command', () => {
  it('passes the arguments in and the result out', async () => {
    const { deps, log, notified } = dependencies();
    const run = guardedCommand('optimaSync.runSyncPass', true, async (folder: string, n: number) => ({ folder, n }), deps);
    assert.deepEqual(await run('/deployments/a', 3), { folder: '/deployments/a', n: 3 });
    assert.deepEqual(log.lines, []);
    assert.deepEqual(notified, []);
  });

  it('refuses a trusted-only command in an untrusted workspace without running it', async () => {
    const { deps, refused } = dependencies(false);
    let ran = false;
    const run = guardedCommand(
      'optimaSync.sendTestEmail',
      true,
      () => {
        ran = true;
        return 'sent';
      },
      deps,
    );
    assert.equal(await run(), undefined);
    assert.equal(ran, false);
    assert.equal(refused(), 1);
    // A command the manifest offers everywhere runs there too.
    assert.equal(await guardedCommand('optimaSync.showLog', false, () => 'shown', deps)(), 'shown');
  });

  it('reports a throw: the message at error level, the stack at debug level, both without the secret', async () => {
    const { deps, log, notified } = dependencies();
    const run = guardedCommand(
      'optimaSync.testShopConnection',
      false,
      async () => {
        throw new Error(`connect ECONNREFUSED https://user:${SECRET}@shop.example/api`);
      },
      deps,
    );
    assert.equal(await run(), undefined, 'the caller gets undefined, not a rejection');
    const errors = log.lines.filter((l) => l.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(
      errors[0]!.message,
      /^Command optimaSync\.testShopConnection failed: connect ECONNREFUSED https:\/\/user:«redacted»@shop\.example\/api$/,
    );
    const debug = log.lines.filter((l) => l.level === 'debug');
    assert.equal(debug.length, 1);
    assert.match(debug[0]!.message, /^Error: connect ECONNREFUSED/);
    assert.match(debug[0]!.message, /command-guard\.test\.ts/, 'the stack names where it was thrown');
    assert.ok(!log.text().includes(SECRET), 'no line holds the secret');
    assert.deepEqual(notified, ['connect ECONNREFUSED https://user:«redacted»@shop.example/api']);
  });

  it('reports a thrown non-Error value as text, with no stack line', async () => {
    const { deps, log, notified } = dependencies();
    assert.equal(
      await guardedCommand(
        'optimaSync.orders.refresh',
        false,
        () => {
          throw `boom ${SECRET}`;
        },
        deps,
      )(),
      undefined,
    );
    assert.deepEqual(log.lines, [{ level: 'error', message: 'Command optimaSync.orders.refresh failed: boom «redacted»' }]);
    assert.deepEqual(notified, ['boom «redacted»']);
  });
});
