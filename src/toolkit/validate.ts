import { BulkheadError } from '../core/errors.js';
import { emit, type IoHost } from '../core/events.js';
import type { OrgModel } from '../model/organization.js';
import { validateSpecFile, type ValidationResult } from '../config/validate.js';
import { awsManagedPolicies } from './managed-policies.js';

export interface ValidateOptions {
  file: string;
  io?: IoHost;
}

/** Validates a spec, emitting each diagnostic as an event; the result carries them too. */
export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const result = await validateSpecFile(options.file, { managedPolicies: awsManagedPolicies() });
  const io = options.io;
  if (io)
    for (const diagnostic of result.diagnostics) emit(io, { type: 'diagnostic', code: 'spec.diagnostic', diagnostic });
  return result;
}

/** Loads a spec that must be valid; its diagnostics go to the IO host. */
export async function loadValidModel(file: string, io: IoHost): Promise<OrgModel> {
  const result = await validate({ file, io });
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
