// Ajv, with the formats and custom messages the settings schema uses: a lazy chunk (build/chunks.mjs), loaded by
// the first validation (of a settings file, or of a webview's message) through validation.ts, not at activation.
import Ajv from 'ajv';
import addErrors from 'ajv-errors';
import addFormats from 'ajv-formats';

export { addErrors, addFormats, Ajv };
