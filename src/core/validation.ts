// The JSON Schema engine (Ajv), loaded on first use: validation is synchronous, so the lazy chunk is required,
// not imported (build/chunks.mjs turns this into the chunk file beside the bundle).
import type * as Engine from './validation-engine';

export function validationEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./validation-engine') as typeof Engine;
}
