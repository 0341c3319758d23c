// What another extension gets from activate(): outside ExtensionMode.Test two figures and nothing that acts;
// in test mode the tests' hooks too. Frozen, so no caller replaces a hook (the bulk guard's answer was one).
import assert from 'node:assert/strict';
import { extensionApi, type ApiParts, type ExtensionTestApi } from '../../../src/extension/api';

function parts(): ApiParts {
  const services = { shop: {}, erp: {}, mail: {}, state: {} } as unknown as ApiParts['services'];
  const inspect = { syncPlans: new Map() } as unknown as ApiParts['inspect'];
  const queue: unknown[] = [];
  const prompts = {
    answer: (...answers: unknown[]) => queue.push(...answers),
    asked: () => [],
    pending: () => queue.length,
  } as unknown as NonNullable<ApiParts['prompts']>;
  return { activationMs: 42, logFolder: { fsPath: '/logs' } as ApiParts['logFolder'], services, inspect, prompts };
}

describe('extension API', () => {
  it('outside test mode: only activationMs and logFolder, frozen; no services, inspection or prompt answers', () => {
    const api = extensionApi(parts(), false);
    assert.deepEqual(Object.keys(api).sort(), ['activationMs', 'logFolder']);
    assert.ok(Object.isFrozen(api));
    assert.throws(
      () => {
        (api as unknown as Record<string, unknown>).prompts = {};
      },
      TypeError,
      'nothing can be added',
    );
    assert.equal('services' in api || 'inspect' in api || 'prompts' in api || 'sync' in api, false);
  });

  it('in test mode: the hooks, frozen at every level; prompts only take answers and report questions', () => {
    const api = extensionApi(parts(), true) as ExtensionTestApi;
    assert.deepEqual(Object.keys(api).sort(), ['activationMs', 'inspect', 'logFolder', 'prompts', 'services']);
    for (const part of [api, api.services, api.inspect, api.prompts]) assert.ok(Object.isFrozen(part));
    assert.deepEqual(Object.keys(api.prompts).sort(), ['answer', 'asked', 'pending']);
    assert.throws(() => {
      (api.prompts as unknown as Record<string, unknown>).answer = () => undefined;
    }, TypeError);
    api.prompts.answer({ choose: 'send' });
    assert.equal(api.prompts.pending(), 1);
  });
});
