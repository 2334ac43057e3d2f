import { describe, expect, it } from 'vitest';
import * as bulkhead from '../../src/index.js';

// The library API is what people import; the CLI is built on the same functions.
describe('library API', () => {
  it('exports the actions of every layer', () => {
    for (const name of [
      'validateSpecFile',
      'packGuardrails',
      'init',
      'plan',
      'apply',
      'applyWithLock',
      'importSpec',
      'diff',
      'renderPlan',
      'accessCan',
      'accessMatrix',
      'evaluate',
      'startLocalCloud',
      'connect',
    ]) {
      expect(typeof (bulkhead as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
