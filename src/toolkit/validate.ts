import { BulkheadError } from '../core/errors.js';
import { emit, type IoHost } from '../core/events.js';
import type { OrgModel } from '../model/organization.js';
import type { ValidationResult } from '../config/validate.js';
import { awsManagedPolicies } from './managed-policies.js';
import { cachedValidation, storeValidation, type SpecCache } from './spec-cache.js';

export interface ValidateOptions {
  file: string;
  io?: IoHost;
  /** Where validated specs are kept: an unchanged valid spec is not validated again (`spec-cache.ts`). */
  cache?: SpecCache;
}

/** Validates a spec, emitting each diagnostic as an event; the result carries them too. */
export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const { cache } = options;
  let result = cache ? cachedValidation(cache, options.file) : undefined;
  if (result === undefined) {
    // Loaded only when needed: a spec found in the cache starts no schema or rule (12 ms of a no-change apply).
    const { validateSpecFile } = await import('../config/validate.js');
    result = await validateSpecFile(options.file, { managedPolicies: awsManagedPolicies() });
    if (cache) storeValidation(cache, result);
  }
  const io = options.io;
  if (io)
    for (const diagnostic of result.diagnostics) emit(io, { type: 'diagnostic', code: 'spec.diagnostic', diagnostic });
  return result;
}

/** Loads a spec that must be valid; its diagnostics go to the IO host. */
export async function loadValidModel(file: string, io: IoHost, cache?: SpecCache): Promise<OrgModel> {
  const result = await validate({ file, io, ...(cache ? { cache } : {}) });
  if (!result.model) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new BulkheadError(
      'spec-invalid',
      `${file} has ${errors} error${errors === 1 ? '' : 's'}; nothing was sent to AWS`,
      {
        hint: `fix them (\`bulkhead validate -f ${file}\`) and plan again`,
      },
    );
  }
  return result.model;
}
